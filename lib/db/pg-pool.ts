/**
 * A plain node-postgres pool beside Prisma, for the few places where measured speed needs raw SQL: bulk
 * inserts (seed, import, benchmarks) and set-based aggregation. Everything else goes through Prisma.
 */
import pg from "pg";
import { env } from "@/lib/env";

const globalForPool = globalThis as unknown as { pgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPool.pgPool) {
    // A bounded wait for a free connection: when every one is taken the caller gets an error it can report
    // (the API answers 503 with Retry-After) instead of waiting behind an exhausted pool for ever.
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE, connectionTimeoutMillis: env().DATABASE_CONNECT_TIMEOUT_MS });
    // An idle connection the server closes (a restart, an admin's pg_terminate_backend, shutdown) is an 'error'
    // event on the pool; without a listener Node ends the process. The pool drops that client and opens a new
    // one on the next query, so a warning is all it takes.
    pool.on("error", (error) => console.warn(`[db] An idle database connection was closed: ${error.message}`));
    globalForPool.pgPool = pool;
  }
  return globalForPool.pgPool;
}

/** The pool had no free connection within DATABASE_CONNECT_TIMEOUT_MS (or a new one took as long to open). */
export function isPoolTimeout(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return message === "timeout exceeded when trying to connect" || message === "Connection terminated due to connection timeout";
}

export async function closePgPool(): Promise<void> {
  const pool = globalForPool.pgPool;
  globalForPool.pgPool = undefined;
  await pool?.end();
}
