/**
 * `npm run bench`: every benchmark, one after the other (they would disturb each other's timings in parallel).
 * Each prints one JSON line on stdout with its figures; this prints one line per figure and exits non-zero if
 * any benchmark failed or missed its target.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { formatFigure, type Figure } from "./figures";

const BENCHMARKS = ["clv.ts", "list.ts", "recompute.ts", "import.ts", "workflows.ts"];

function runBenchmark(file: string): Promise<{ code: number; lastLine?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, file)], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("exit", (code) => resolve({ code: code ?? 1, lastLine: stdout.trim().split("\n").pop() }));
  });
}

const results: unknown[] = [];
let failed = false;
for (const file of BENCHMARKS) {
  if (!existsSync(path.join(import.meta.dirname, file))) continue;
  process.stderr.write(`\n== ${file} ==\n`);
  const { code, lastLine } = await runBenchmark(file);
  if (code !== 0) failed = true;
  try {
    results.push(JSON.parse(lastLine ?? ""));
  } catch {
    results.push({ benchmark: file, error: `exit code ${code}, no JSON result` });
  }
}
console.log("");
for (const result of results as { figures?: Figure[]; benchmark?: string; error?: string }[]) {
  if (result.figures) for (const figure of result.figures) console.log(formatFigure(figure));
  else console.log(`${result.benchmark}: ${result.error ?? "no figures"}`);
}
process.exit(failed ? 1 : 0);
