/**
 * `npm run bench:list`: loads 100,000 customers and about a million orders (the demo-shop factories, written
 * with multi-row INSERTs) into a separate benchmark database, then times the customers-list query the app runs
 * (`listCustomers`: the page and the count) for a sort, a search and a filter, at page 1 and page 200.
 * Target: p95 ≤ 50 ms each. EXPLAIN ANALYZE plans of every query go to .data/bench/list-plans.txt.
 *
 * Options: --reuse (keep the loaded data from the last run), --runs N (timed runs per case, default 60).
 * Prints a table on stderr and one JSON line on stdout.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { benchDatabase, percentiles } from "./bench-database";

const { values: args } = parseArgs({ options: { reuse: { type: "boolean", default: false }, runs: { type: "string", default: "60" } } });
const RUNS = Number(args.runs);
const CUSTOMERS = 100_000;
const TARGET_P95_MS = 50;
const log = (line: string) => process.stderr.write(`${line}\n`);

const database = await benchDatabase("crm_bench_list", { reuse: args.reuse });
process.env.DATABASE_URL = database.url;
process.env.DATABASE_POOL_SIZE = "4";

// The app's own Prisma client, created here with query events on, so the plans below are of the exact SQL
// the list sends. lib/db/client.ts picks it up from globalThis.
const { PrismaClient } = await import("../../lib/db/generated/prisma/client");
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 4 }), log: [{ emit: "event", level: "query" }] });
(globalThis as unknown as { prisma: unknown }).prisma = prisma;
const captured: { query: string; params: string }[] = [];
prisma.$on("query", (event) => captured.push({ query: event.query, params: event.params }));

const { listCustomers } = await import("../../lib/db/customer-list");
const { closePgPool, pgPool } = await import("../../lib/db/pg-pool");
const { parseCustomerListQuery } = await import("../../lib/schemas/customer-list");

let load: { seconds: number; customers: number; orders: number } | undefined;
const existing = Number((await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "Customer"`)).rows[0]!.n);
if (existing < CUSTOMERS) {
  const { buildShop } = await import("../../prisma/factories/shop");
  const { persistShop } = await import("../../prisma/factories/persist-shop");
  log(`Building ${CUSTOMERS.toLocaleString("en")} customers and their orders…`);
  const started = performance.now();
  const now = new Date("2026-11-01T12:00:00Z");
  const shop = buildShop({ customers: CUSTOMERS, now, withDetails: false });
  const built = performance.now();
  log(`Built ${shop.customers.length.toLocaleString("en")} customers and ${shop.orders.length.toLocaleString("en")} orders in ${((built - started) / 1000).toFixed(1)} s; writing…`);
  await persistShop(shop, { now, batchSize: 25_000 });
  await pgPool().query("VACUUM ANALYZE");
  load = { seconds: (performance.now() - started) / 1000, customers: shop.customers.length, orders: shop.orders.length };
  log(`Loaded in ${load.seconds.toFixed(1)} s (build ${((built - started) / 1000).toFixed(1)} s, write ${((performance.now() - built) / 1000).toFixed(1)} s).`);
} else {
  log(`Reusing ${existing.toLocaleString("en")} customers already loaded.`);
}
const orderCount = Number((await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "Order"`)).rows[0]!.n);

const CASES = [
  { name: "sort by total spent", params: { sort: "totalSpent" } },
  { name: "search 'mann'", params: { q: "mann" } },
  { name: "country filter PL", params: { country: "PL" } },
] as const;

type Result = { case: string; page: number; rows: number; total: number; p50: number; p95: number; max: number; meetsTarget: boolean };
const results: Result[] = [];
const plans: string[] = [];

for (const benchCase of CASES) {
  for (const page of [1, 200]) {
    const query = parseCustomerListQuery({ ...benchCase.params, page: String(page) });
    for (let warmup = 0; warmup < 5; warmup++) await listCustomers(query);
    const samples: number[] = [];
    let last: Awaited<ReturnType<typeof listCustomers>> | undefined;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      last = await listCustomers(query);
      samples.push(performance.now() - started);
    }
    const stats = percentiles(samples);
    results.push({ case: benchCase.name, page, rows: last!.rows.length, total: last!.total, ...stats, meetsTarget: stats.p95 <= TARGET_P95_MS });

    captured.length = 0;
    await listCustomers(query);
    for (const { query: sql, params } of captured) {
      const { rows } = await pgPool().query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, JSON.parse(params) as unknown[]);
      plans.push(`## ${benchCase.name}, page ${page}\n${sql}\n-- params ${params}\n${rows.map((row) => row["QUERY PLAN"]).join("\n")}\n`);
    }
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
    load: load ? { ...load, seconds: round(load.seconds) } : "reused",
    orders: orderCount,
    runs: RUNS,
    results: results.map((r) => ({ ...r, p50: round(r.p50), p95: round(r.p95), max: round(r.max) })),
    allMeetTarget: results.every((r) => r.meetsTarget),
  }),
);

await prisma.$disconnect();
await closePgPool();
await database.stop();
process.exit(results.every((r) => r.meetsTarget) ? 0 : 1);
