/**
 * A plain node-postgres pool beside Prisma, for the few places where measured speed needs raw SQL: bulk
 * inserts (seed, import, benchmarks) and set-based aggregation. Everything else goes through Prisma.
 */
import pg from "pg";
import { env } from "@/lib/env";

const globalForPool = globalThis as unknown as { pgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  globalForPool.pgPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE });
  return globalForPool.pgPool;
}

export async function closePgPool(): Promise<void> {
  const pool = globalForPool.pgPool;
  globalForPool.pgPool = undefined;
  await pool?.end();
}
