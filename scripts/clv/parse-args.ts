/**
 * Argument parsing for the clv command: `clv <command> --name value …`. Every option takes a value; unknown
 * options, missing values and repeated options are errors, not guesses.
 */
import { CliError } from "./cli-error";

export const COMMANDS = ["fit", "predict", "spend", "summarize", "backtest"] as const;
export type Command = (typeof COMMANDS)[number];

const ALLOWED: Record<Command, { required: string[]; optional: string[] }> = {
  fit: { required: ["model", "input"], optional: [] },
  predict: { required: ["model", "params", "input", "t"], optional: [] },
  spend: { required: ["params", "input"], optional: [] },
  summarize: { required: ["transactions", "format", "unit", "observation-end"], optional: ["calibration-end", "period"] },
  backtest: { required: ["transactions", "format", "unit", "calibration-end", "observation-end"], optional: ["period"] },
};

export type ParsedArgs = { command: Command; options: Map<string, string> } | { command: "help" };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") return { command: "help" };
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new CliError(`unknown command '${command}' (expected one of: ${COMMANDS.join(", ")})`);
  }
  const allowed = ALLOWED[command as Command];
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("--")) throw new CliError(`${command}: unexpected argument '${arg}' (options look like --name value)`);
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (![...allowed.required, ...allowed.optional].includes(name)) {
      throw new CliError(`${command}: unknown option --${name} (allowed: ${[...allowed.required, ...allowed.optional].map((o) => `--${o}`).join(", ")})`);
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) throw new CliError(`${command}: option --${name} needs a value`);
      i++;
    }
    if (options.has(name)) throw new CliError(`${command}: option --${name} given twice`);
    options.set(name, value);
  }
  const missing = allowed.required.filter((name) => !options.has(name));
  if (missing.length > 0) throw new CliError(`${command}: missing ${missing.map((o) => `--${o}`).join(", ")}`);
  return { command: command as Command, options };
}

export function choice<T extends string>(command: string, name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`${command}: --${name} must be one of ${allowed.join(", ")}, got '${value}'`);
  }
  return value as T;
}

export function positiveNumber(command: string, name: string, value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) throw new CliError(`${command}: --${name} must be a positive number, got '${value}'`);
  return number;
}

/** YYYY-MM-DD or YYYYMMDD, as a UTC midnight. */
export function parseDay(text: string): Date | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? date : null;
}

export function dayOption(command: string, name: string, value: string): Date {
  const date = parseDay(value);
  if (!date) throw new CliError(`${command}: --${name} must be a date like 1997-09-30, got '${value}'`);
  return date;
}

export const USAGE = `usage: npm run --silent clv -- <command> [options]

  fit       --model bgnbd|pnbd|gg --input FILE.csv
  predict   --model bgnbd|pnbd --params '<json>' --input FILE.csv --t T
  spend     --params '<json>' --input FILE.csv
  summarize --transactions FILE --format csv|cdnow-master|cdnow-sample --unit day|week
            --observation-end DATE [--calibration-end DATE] [--period day|week]
  backtest  --transactions FILE --format csv|cdnow-master|cdnow-sample --unit day|week
            --calibration-end DATE --observation-end DATE [--period day|week]

Summary files have a header: frequency,recency,T (or x,t_x,T) for bgnbd/pnbd, and
frequency,monetary_value (or x,zbar) for gg and spend. Purchases are grouped by day
unless --period week; --unit is the unit time is measured in (CDNOW weeks = days / 7).
Output goes to stdout (JSON or CSV), messages to stderr. Exit codes: 0 done,
2 bad arguments or input, 3 not enough data to fit.`;
