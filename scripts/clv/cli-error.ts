/** A failure the user can fix (bad argument, bad file); main prints its one-line message and exits with 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** "file:line:column: message", the shape editors and compilers use. */
export function locatedError(file: string, line: number, column: number, message: string): CliError {
  return new CliError(`${file}:${line}:${column}: ${message}`);
}
