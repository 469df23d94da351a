/**
 * A database for benchmarks: a fresh, migrated database on the embedded benchmark cluster (.data/postgres-bench,
 * never the demo or test data), or on BENCH_DATABASE_ADMIN_URL when given.
 */
import pg from "pg";
import { migrate } from "../run/app-setup";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { profileFor } from "../db/profiles";

export type BenchDatabase = { url: string; isFresh: boolean; stop: () => Promise<void> };

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** `reuse`: keep an existing database of that name (to rerun queries without reloading the data). */
export async function benchDatabase(name: string, options: { reuse?: boolean } = {}): Promise<BenchDatabase> {
  const cluster = process.env.BENCH_DATABASE_ADMIN_URL
    ? { url: process.env.BENCH_DATABASE_ADMIN_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ ...profileFor("bench", process.env.EMBEDDED_PG_BENCH_PORT), isThrowaway: true });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  let isFresh = true;
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount && options.reuse) {
      isFresh = false;
    } else {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(cluster.url, name);
  // Also on a reused database: pending migrations are applied (quick when there are none).
  await migrate(url);
  return { url, isFresh, stop: cluster.stop };
}

/** p50 and p95 (nearest rank) of a list of milliseconds. */
export function percentiles(samples: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1]! };
}

/** Runs `run` a few times to warm up, then `runs` times, and returns the milliseconds each timed run took. */
export async function timeRuns<T>(run: () => Promise<T>, options: { runs: number; warmup?: number }): Promise<{ samples: number[]; last: T }> {
  let last: T | undefined;
  for (let i = 0; i < (options.warmup ?? 5); i++) last = await run();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    last = await run();
    samples.push(performance.now() - started);
  }
  return { samples, last: last as T };
}
