/**
 * `npm run --silent clv -- <command> …`: the CLV engine from the command line (see scripts/clv/parse-args.ts
 * for the commands, and issue 3 for the contract).
 */
import { main } from "./clv/main";

// A reader that stops early (`… | head`) closes the pipe: that ends the output, it is not an error to report.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
