/**
 * The queue of workflow steps: one job per run and step (and per retry), written through pg-boss in the same
 * transaction as the run's state, so a committed run always has its job and a rolled-back one never does.
 */
import type PgBoss from "pg-boss";
import type { Queryable } from "@/lib/db/workflow-runs";
import { env } from "@/lib/env";

export const WORKFLOW_STEP_QUEUE = "workflow-step";

/** pg-boss drops jobs for a queue that does not exist, so every process that queues steps creates it first. */
export async function createWorkflowQueue(boss: PgBoss): Promise<void> {
  // Retries here are for a worker that died or a database hiccup; a failing step retries on its own schedule.
  await boss.createQueue(WORKFLOW_STEP_QUEUE, { name: WORKFLOW_STEP_QUEUE, policy: "standard", retryLimit: 20, retryDelay: 5, retryBackoff: true, expireInSeconds: env().WORKFLOW_STEP_EXPIRE_SECONDS, retentionDays: 7 });
}

export type StepJob = { runId: string; step: number };

/** Adapts a pg client in a transaction to what pg-boss writes through. */
export function inTransaction(client: Queryable): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) };
}

export async function insertStepJobs(boss: PgBoss, client: Queryable, jobs: readonly (StepJob & { startAfter?: Date })[]): Promise<void> {
  if (jobs.length === 0) return;
  for (let start = 0; start < jobs.length; start += 5_000) {
    const chunk = jobs.slice(start, start + 5_000).map((job) => ({
      name: WORKFLOW_STEP_QUEUE,
      data: { runId: job.runId, step: job.step },
      ...(job.startAfter ? { startAfter: job.startAfter.toISOString() } : {}),
    }));
    await boss.insert(chunk, { db: inTransaction(client) });
  }
}
