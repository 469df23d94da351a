/**
 * The benchmark data set: 100,000 customers and about 1.15 million orders from the demo-shop factories,
 * written with multi-row INSERTs into its own database on the benchmark cluster. Loaded once and reused by
 * the list, recompute and segment benchmarks; `--fresh` (or a schema change) reloads it.
 */
import { benchDatabase, type BenchDatabase } from "./bench-database";

export const BENCH_CUSTOMERS = 100_000;
export const BENCH_NOW = new Date("2026-11-01T12:00:00Z");

export type BenchDataset = BenchDatabase & { load: { seconds: number; customers: number; orders: number } | "reused"; orders: number };

export async function openBenchDataset(options: { fresh?: boolean; log: (line: string) => void }): Promise<BenchDataset> {
  const database = await benchDatabase("crm_bench_100k", { reuse: !options.fresh });
  process.env.DATABASE_URL = database.url;
  const { pgPool } = await import("../../lib/db/pg-pool");
  const count = async (table: string) => Number((await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);

  let load: BenchDataset["load"] = "reused";
  if ((await count("Customer")) < BENCH_CUSTOMERS) {
    const { buildShop } = await import("../../prisma/factories/shop");
    const { persistShop } = await import("../../prisma/factories/persist-shop");
    options.log(`Building ${BENCH_CUSTOMERS.toLocaleString("en")} customers and their orders…`);
    const started = performance.now();
    const shop = buildShop({ customers: BENCH_CUSTOMERS, now: BENCH_NOW, withDetails: false });
    const built = performance.now();
    options.log(`Built ${shop.orders.length.toLocaleString("en")} orders in ${((built - started) / 1000).toFixed(1)} s; writing…`);
    await persistShop(shop, { now: BENCH_NOW, batchSize: 25_000 });
    // What autovacuum does on a live database: fresh statistics and visibility maps for index-only scans.
    await pgPool().query("VACUUM ANALYZE");
    load = { seconds: (performance.now() - started) / 1000, customers: shop.customers.length, orders: shop.orders.length };
    options.log(`Loaded in ${load.seconds.toFixed(1)} s (build ${((built - started) / 1000).toFixed(1)} s, write ${((performance.now() - built) / 1000).toFixed(1)} s).`);
  } else {
    options.log(`Reusing the ${BENCH_CUSTOMERS.toLocaleString("en")}-customer data set (--fresh reloads it).`);
  }
  return { ...database, load, orders: await count("Order") };
}
