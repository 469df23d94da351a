/**
 * Background jobs on PostgreSQL with pg-boss (no other server to run): the web server enqueues, the worker
 * process (lib/jobs/worker.ts) runs them. Both use this one client, created on first use.
 */
import type pg from "pg";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { createWorkflowQueue } from "@/lib/services/workflows/step-jobs";

export const QUEUES = {
  /**
   * Recompute every customer's CLV and every segment. One active and one waiting at most (the "stately" policy),
   * which is also how lib/services/recompute-runs.ts keeps the runs: one running, one queued.
   */
  recompute: "clv-recompute",
  /** The nightly schedule fires this; its handler queues a recompute run. */
  nightly: "clv-nightly",
  /** CSV imports of customers and orders, so an import keeps going when the browser tab closes. */
  csvImport: "csv-import",
} as const;

/** pg-boss's tables live in this schema (its default, named here for the lookup of recompute jobs below). */
const BOSS_SCHEMA = "pgboss";

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

export function jobQueue(): Promise<PgBoss> {
  globalForBoss.boss ??= (async () => {
    // maintenanceIntervalSeconds: how soon a job whose worker died (it expired) is handed out again.
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, schema: BOSS_SCHEMA, max: 4 + env().WORKFLOW_CONCURRENCY, application_name: "crm-jobs", maintenanceIntervalSeconds: env().JOB_MAINTENANCE_SECONDS });
    boss.on("error", (error) => console.error("[jobs]", error.message));
    await boss.start();
    await boss.createQueue(QUEUES.recompute, { name: QUEUES.recompute, policy: "stately", retryLimit: 1, retryDelay: 30, expireInHours: 1 });
    await boss.createQueue(QUEUES.nightly, { name: QUEUES.nightly, policy: "singleton" });
    // A retry after a worker died runs the import again from the start: it is an idempotent upsert.
    await boss.createQueue(QUEUES.csvImport, { name: QUEUES.csvImport, policy: "standard", retryLimit: 1, retryDelay: 30, expireInHours: 4 });
    await createWorkflowQueue(boss);
    return boss;
  })();
  return globalForBoss.boss;
}

export async function stopJobQueue(): Promise<void> {
  const boss = globalForBoss.boss;
  globalForBoss.boss = undefined;
  if (boss) await (await boss).stop({ graceful: true, wait: true, timeout: 15_000 });
}

export type RecomputeJob = { runId: string };

/** pg-boss's statements on a client of ours, so a job is written in the same transaction as the row it belongs to. */
export function jobConnection(client: pg.PoolClient): PgBoss.Db {
  return { executeSql: (text, values) => client.query(text, values) };
}

/** Queues a run's job (in the caller's transaction with `db`); false when the queue refused it (one waits at most). */
export async function enqueueRecompute(job: RecomputeJob, options: { db?: PgBoss.Db } = {}): Promise<boolean> {
  const boss = await jobQueue();
  return (await boss.send(QUEUES.recompute, job, { retryLimit: 1, db: options.db })) !== null;
}

export type LiveRecomputeJob = { id: string; runId: string | null; state: "created" | "retry" | "active" };

/**
 * The recompute jobs that are waiting, waiting for a retry or running. Read from pg-boss's job table because
 * pg-boss cannot look jobs up by their data; the recompute queue holds a handful of live jobs at most.
 */
export async function listLiveRecomputeJobs(db: PgBoss.Db): Promise<LiveRecomputeJob[]> {
  await jobQueue();
  const { rows } = await db.executeSql(`SELECT id, data->>'runId' AS "runId", state FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state < 'completed'`, [QUEUES.recompute]);
  return rows as LiveRecomputeJob[];
}

export async function cancelRecomputeJobs(ids: string[], db: PgBoss.Db): Promise<void> {
  if (ids.length === 0) return;
  const boss = await jobQueue();
  await boss.cancel(QUEUES.recompute, ids, { db });
}

export type ImportJobMessage = { importId: string };

export async function enqueueImport(job: ImportJobMessage): Promise<void> {
  const boss = await jobQueue();
  await boss.send(QUEUES.csvImport, job, { retryLimit: 1, expireInHours: 4 });
}
