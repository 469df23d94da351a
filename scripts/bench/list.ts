/**
 * `npm run bench:list`: on the benchmark data set (100,000 customers, ~1.15 million orders; scripts/bench/
 * dataset.ts), times the customers-list query the app runs (`listCustomers`: the page and the count) for a
 * sort, a search and a filter, at page 1 and page 200. Target: p95 ≤ 50 ms each. EXPLAIN ANALYZE plans of every
 * query go to .data/bench/list-plans.txt.
 *
 * Options: --fresh (reload the data set), --runs N (timed runs per case, default 60).
 * Prints a table on stderr and one JSON line on stdout.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { percentiles, timeRuns } from "./bench-database";
import { openBenchDataset } from "./dataset";
import { explainQueries } from "./explain";
import type { Figure } from "./figures";

const { values: args } = parseArgs({ options: { fresh: { type: "boolean", default: false }, runs: { type: "string", default: "60" } } });
const RUNS = Number(args.runs);
const TARGET_P95_MS = 50;
const log = (line: string) => process.stderr.write(`${line}\n`);

const dataset = await openBenchDataset({ fresh: args.fresh, log });
const { listCustomers } = await import("../../lib/db/customer-list");
const { closePgPool } = await import("../../lib/db/pg-pool");
const { parseCustomerListQuery } = await import("../../lib/schemas/customer-list");
const orderCount = dataset.orders;

const CASES = [
  { name: "sort by total spent", params: { sort: "totalSpent" } },
  { name: "sort by historical", params: { sort: "historicalValue" } },
  { name: "search 'mann'", params: { q: "mann" } },
  { name: "country filter PL", params: { country: "PL" } },
] as const;

type Result = { case: string; page: number; rows: number; total: number; p50: number; p95: number; max: number; meetsTarget: boolean };
const results: Result[] = [];
const plans: string[] = [];

for (const benchCase of CASES) {
  for (const page of [1, 200]) {
    const query = parseCustomerListQuery({ ...benchCase.params, page: String(page) });
    const { samples, last } = await timeRuns(() => listCustomers(query), { runs: RUNS });
    const stats = percentiles(samples);
    results.push({ case: benchCase.name, page, rows: last.rows.length, total: last.total, ...stats, meetsTarget: stats.p95 <= TARGET_P95_MS });

    plans.push(await explainQueries(`${benchCase.name}, page ${page}`, () => listCustomers(query)));
  }
}

const planFile = path.resolve(import.meta.dirname, "../../.data/bench/list-plans.txt");
await mkdir(path.dirname(planFile), { recursive: true });
await writeFile(planFile, plans.join("\n"));

log("");
log(`customers-list query (page + count), ${RUNS} runs each, ${orderCount.toLocaleString("en")} orders in the database; target p95 ≤ ${TARGET_P95_MS} ms`);
log(`${"case".padEnd(22)} ${"page".padStart(4)} ${"matches".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
for (const r of results) {
  log(`${r.case.padEnd(22)} ${String(r.page).padStart(4)} ${String(r.total).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}${r.meetsTarget ? "" : "  ← over target"}`);
}
log(`EXPLAIN ANALYZE plans: ${path.relative(process.cwd(), planFile)}`);

const round = (value: number) => Math.round(value * 100) / 100;
console.log(
  JSON.stringify({
    benchmark: "list",
    load: dataset.load === "reused" ? "reused" : { ...dataset.load, seconds: round(dataset.load.seconds) },
    orders: orderCount,
    runs: RUNS,
    results: results.map((r) => ({ ...r, p50: round(r.p50), p95: round(r.p95), max: round(r.max) })),
    allMeetTarget: results.every((r) => r.meetsTarget),
    figures: [
      ...(dataset.load === "reused" ? [] : [{ name: "list: load 100k customers + orders", value: round(dataset.load.seconds), unit: "s" }]),
      ...results.map((r) => ({ name: `list: ${r.case}, page ${r.page}, p95`, value: round(r.p95), unit: "ms", target: `≤ ${TARGET_P95_MS}`, meetsTarget: r.meetsTarget })),
    ] satisfies Figure[],
  }),
);

await closePgPool();
await dataset.stop();
process.exit(results.every((r) => r.meetsTarget) ? 0 : 1);
