/**
 * Background jobs on PostgreSQL with pg-boss (no other server to run): the web server enqueues, the worker
 * process (lib/jobs/worker.ts) runs them. Both use this one client, created on first use.
 */
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { createWorkflowQueue } from "@/lib/services/workflows/step-jobs";

export const QUEUES = {
  /** Recompute every customer's CLV and every segment. One active and one waiting at most. */
  recompute: "clv-recompute",
  /** The nightly schedule fires this; its handler queues a recompute run. */
  nightly: "clv-nightly",
  /** CSV imports of customers and orders, so an import keeps going when the browser tab closes. */
  csvImport: "csv-import",
} as const;

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

export function jobQueue(): Promise<PgBoss> {
  globalForBoss.boss ??= (async () => {
    // maintenanceIntervalSeconds: how soon a job whose worker died (it expired) is handed out again.
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, max: 4 + env().WORKFLOW_CONCURRENCY, application_name: "crm-jobs", maintenanceIntervalSeconds: env().JOB_MAINTENANCE_SECONDS });
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

export async function enqueueRecompute(job: RecomputeJob): Promise<void> {
  const boss = await jobQueue();
  await boss.send(QUEUES.recompute, job, { retryLimit: 1 });
}

export type ImportJobMessage = { importId: string };

export async function enqueueImport(job: ImportJobMessage): Promise<void> {
  const boss = await jobQueue();
  await boss.send(QUEUES.csvImport, job, { retryLimit: 1, expireInHours: 4 });
}
