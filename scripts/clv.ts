/**
 * `npm run --silent clv -- <command> …`: the CLV engine from the command line (see scripts/clv/parse-args.ts
 * for the commands, and issue 3 for the contract).
 */
import { main } from "./clv/main";

process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
