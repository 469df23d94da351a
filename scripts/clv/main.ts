/** The clv command: parse, run, print. Results on stdout, one-line messages on stderr. */
import { AppError } from "@/lib/errors";
import { CliError } from "./cli-error";
import { type CommandResult, runBacktest, runFit, runPredict, runSpend, runSummarize } from "./commands";
import { parseArgs, USAGE } from "./parse-args";

export type Io = { stdout: (text: string) => void; stderr: (text: string) => void };

export const EXIT_USAGE = 2;

export function main(argv: readonly string[], io: Io): number {
  try {
    const parsed = parseArgs(argv);
    if (parsed.command === "help") {
      io.stderr(`${USAGE}\n`);
      return argv.length === 0 ? EXIT_USAGE : 0;
    }
    const run: Record<typeof parsed.command, (o: Map<string, string>) => CommandResult> = {
      fit: runFit,
      predict: runPredict,
      spend: runSpend,
      summarize: runSummarize,
      backtest: runBacktest,
    };
    const result = run[parsed.command](parsed.options);
    io.stdout(result.stdout);
    if (result.message) io.stderr(`clv: ${result.message}\n`);
    return result.exitCode;
  } catch (error) {
    if (error instanceof CliError || error instanceof AppError || error instanceof RangeError) {
      io.stderr(`clv: error: ${oneLine(error.message)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ");
}
