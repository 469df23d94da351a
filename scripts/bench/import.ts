/**
 * `npm run bench:import`: a CSV of 1,000,000 order rows for the customers of the benchmark data set
 * (scripts/bench/dataset.ts: 100,000 customers C-100001…, ~1.15 million orders) imported the way the app does it
 * (lib/import/run-import.ts: streamed, checked with zod, staged with COPY, written set-based), into a copy of the
 * data set so the other benchmarks keep their numbers. Target: ≤ 60 s, with memory flat (peak RSS reported).
 * The same file is then imported again, which must change nothing.
 *
 * The file (`.data/bench/import-orders-1m.csv`) is generated once: `;`-separated, decimal commas, dates in ISO
 * and DD.MM.YYYY, a few statuses and channels, and 0.1 % bad rows (unknown customers, impossible dates) that are
 * rejected with their reasons. Options: --fresh (reload the data set and regenerate the file), --rows N.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { profileFor } from "../db/profiles";
import { BENCH_CUSTOMERS, BENCH_NOW, openBenchDataset } from "./dataset";
import type { Figure } from "./figures";

const { values: args } = parseArgs({ options: { fresh: { type: "boolean", default: false }, rows: { type: "string", default: "1000000" }, prepare: { type: "boolean", default: false } } });
const log = (line: string) => process.stderr.write(`${line}\n`);
const ROWS = Number(args.rows);
const TARGET_S = 60;
const SOURCE_DATABASE = "crm_bench_100k";
const COPY_DATABASE = "crm_bench_import";

// The data set is loaded (once) by a child process, so this process can point DATABASE_URL at the copy before
// anything reads it.
if (args.prepare) {
  const dataset = await openBenchDataset({ fresh: args.fresh, log });
  const { closePgPool } = await import("../../lib/db/pg-pool");
  await closePgPool();
  await dataset.stop();
  process.exit(0);
}

const prepared = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--prepare", ...(args.fresh ? ["--fresh"] : [])], { stdio: ["ignore", "ignore", "inherit"] });
if (prepared.status !== 0) throw new Error("Preparing the benchmark data set failed.");

const cluster = process.env.BENCH_DATABASE_ADMIN_URL
  ? { url: process.env.BENCH_DATABASE_ADMIN_URL, stop: async () => {} }
  : await startEmbeddedPostgres({ ...profileFor("bench", process.env.EMBEDDED_PG_BENCH_PORT), isThrowaway: true });
const databaseUrl = (name: string) => {
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
};
async function admin(sql: string) {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
log(`Copying ${SOURCE_DATABASE} to ${COPY_DATABASE}…`);
await admin(`DROP DATABASE IF EXISTS "${COPY_DATABASE}" WITH (FORCE)`);
await admin(`CREATE DATABASE "${COPY_DATABASE}" TEMPLATE "${SOURCE_DATABASE}" STRATEGY FILE_COPY`);
process.env.DATABASE_URL = databaseUrl(COPY_DATABASE);

const file = path.resolve(import.meta.dirname, `../../.data/bench/import-orders-${ROWS >= 1_000_000 && ROWS % 1_000_000 === 0 ? `${ROWS / 1_000_000}m` : ROWS}.csv`);
const BAD_EVERY = 1000;
if (args.fresh || !existsSync(file)) {
  await mkdir(path.dirname(file), { recursive: true });
  const started = performance.now();
  await writeOrdersFile(file, ROWS);
  log(`Wrote ${ROWS.toLocaleString("en")} rows to ${path.relative(process.cwd(), file)} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/** A seeded file: order i belongs to a pseudo-random customer and is dated over the three years before BENCH_NOW. */
async function writeOrdersFile(target: string, rows: number) {
  const out = createWriteStream(target);
  const statuses = ["bezahlt", "PAID", "PAID", "PAID", "PAID", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CANCELLED", "PAID"];
  const channels = ["web", "web", "web", "store", "mobile_app", "phone", "marketplace"];
  const end = BENCH_NOW.getTime() - 86_400_000;
  const span = 3 * 365 * 86_400_000;
  let seed = 20_261_101;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  let chunk = "Order number;Customer number;Order date;Status;Total;Refunded;Sales channel\n";
  for (let index = 1; index <= rows; index++) {
    const customer = 100_001 + Math.floor(random() * BENCH_CUSTOMERS);
    const placed = new Date(end - span + Math.floor((index / rows) * span));
    const date = index % 2 === 0 ? placed.toISOString() : `${String(placed.getUTCDate()).padStart(2, "0")}.${String(placed.getUTCMonth() + 1).padStart(2, "0")}.${placed.getUTCFullYear()}`;
    const status = statuses[Math.floor(random() * statuses.length)]!;
    const totalMinor = 500 + Math.floor(random() * 25_000);
    const refunded = status === "PARTIALLY_REFUNDED" ? Math.floor(totalMinor / 3) : 0;
    const money = (minor: number) => `${Math.floor(minor / 100)},${String(minor % 100).padStart(2, "0")}`;
    const isBad = index % BAD_EVERY === 0;
    const customerId = isBad && index % (2 * BAD_EVERY) === 0 ? `X-${customer}` : `C-${customer}`;
    const shownDate = isBad && index % (2 * BAD_EVERY) !== 0 ? "31.02.2026" : date;
    chunk += `IMP-${String(index).padStart(7, "0")};${customerId};${shownDate};${status};${money(totalMinor)};${refunded ? money(refunded) : ""};${channels[Math.floor(random() * channels.length)]}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve, reject) => out.on("finish", () => resolve()).on("error", reject));
}

const { createImportJob } = await import("../../lib/db/imports");
const { runImportJob } = await import("../../lib/import/run-import");
const { closePgPool, pgPool } = await import("../../lib/db/pg-pool");
const { db } = await import("../../lib/db/client");

const figures: Figure[] = [];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const results: Record<string, unknown> = {};

for (const label of ["first import", "same file again"] as const) {
  const job = await createImportJob({
    kind: "ORDERS",
    fileName: path.basename(file),
    filePath: file,
    mapping: { main: { externalId: "Order number", customerExternalId: "Customer number", placedAt: "Order date", status: "Status", total: "Total", refunded: "Refunded", salesChannel: "Sales channel" } },
    options: { separator: ";", decimalSeparator: "auto", defaultSource: "bench-import" },
    isDryRun: false,
    suppressWorkflows: true,
    createdById: null,
  });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let lastLog = 0;
  const outcome = await runImportJob(job.id, {
    now: BENCH_NOW,
    requestRecompute: false,
    onProgress: (counts) => {
      if (Date.now() - lastLog < 5000) return;
      lastLog = Date.now();
      log(`  ${label}: ${counts.rowsRead.toLocaleString("en")} read, ${counts.rowsAccepted.toLocaleString("en")} accepted, ${counts.rowsUnchanged.toLocaleString("en")} unchanged, ${counts.rowsRejected.toLocaleString("en")} rejected`);
    },
  });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (outcome.status !== "SUCCEEDED") throw new Error(`The import failed: ${outcome.error}`);
  const { rowsRead, rowsAccepted, rowsUnchanged, rowsRejected } = outcome.counts;
  const rate = Math.round(rowsRead / outcome.seconds);
  log(`${label}: ${outcome.seconds} s, ${rate.toLocaleString("en")} rows/s; ${rowsAccepted.toLocaleString("en")} accepted, ${rowsUnchanged.toLocaleString("en")} unchanged, ${rowsRejected.toLocaleString("en")} rejected; peak RSS ${Math.round(peak / 1024 ** 2)} MiB (${Math.round(baseline / 1024 ** 2)} MiB before); phases ${JSON.stringify(outcome.timings)}`);
  const isFirst = label === "first import";
  figures.push({
    name: `import: ${(ROWS / 1e6).toLocaleString("en")}M order rows, ${label}`,
    value: outcome.seconds,
    unit: "s",
    ...(isFirst ? { target: `≤ ${TARGET_S}`, meetsTarget: outcome.seconds <= TARGET_S && rowsAccepted + rowsRejected === rowsRead } : { meetsTarget: rowsAccepted === 0 && rowsUnchanged + rowsRejected === rowsRead }),
  });
  figures.push({ name: `import: ${label}, rows per second`, value: rate, unit: "rows/s" });
  figures.push({ name: `import: ${label}, peak RSS`, value: round(peak / 1024 ** 2, 0), unit: "MiB" });
  results[isFirst ? "first" : "again"] = { seconds: outcome.seconds, timings: outcome.timings, rowsRead, rowsAccepted, rowsUnchanged, rowsRejected, peakRssMiB: Math.round(peak / 1024 ** 2) };
}

const { rows: check } = await pgPool().query<{ orders: string; stats: boolean }>(`
  SELECT (SELECT count(*) FROM "Order" WHERE source = 'bench-import') AS orders,
    (SELECT bool_and(c."orderCount" = s.n) FROM "Customer" c
       JOIN (SELECT "customerId", count(*) FILTER (WHERE status <> 'CANCELLED')::int AS n FROM "Order" GROUP BY 1) s ON s."customerId" = c.id) AS stats`);
log(`${Number(check[0]!.orders).toLocaleString("en")} imported orders in the copy; customers' order counts ${check[0]!.stats ? "match" : "DO NOT match"} their orders.`);

const meetsTarget = figures.every((figure) => figure.meetsTarget !== false) && check[0]!.stats === true;
console.log(JSON.stringify({ benchmark: "import", rows: ROWS, ...results, figures, meetsTarget }));
await db.$disconnect();
await closePgPool();
await admin(`DROP DATABASE IF EXISTS "${COPY_DATABASE}" WITH (FORCE)`);
await cluster.stop();
process.exit(meetsTarget ? 0 : 1);
