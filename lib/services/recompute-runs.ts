/**
 * Asking for a recompute and running one (docs/decisions/0011-recompute-runs-settings-and-purchases.md).
 *
 * - A request joins the run that is queued and has not started: that run reads the orders and the settings when
 *   it starts, so it covers the request. A run already running may have read them before the request (an import
 *   that just finished, a settings change), so a request during it queues the next run. At most one run is
 *   running and one is queued.
 * - Workflows stay suppressed for a run only if every request it serves asked for that.
 * - The run's row and its pg-boss job are written in one transaction under one lock, so two requests at once
 *   make one run, and a queued run always has a job. A queued run whose job is gone anyway (a queue reset, an
 *   older version) is failed and replaced by the next request or worker start, instead of being joined forever.
 */
import {
  failQueuedRuns,
  findQueuedRunId,
  finishRun,
  getRecomputeRun,
  insertQueuedRun,
  joinQueuedRun,
  listActiveRunIds,
  listQueuedRunIds,
  markRunStarted,
  reportRunProgress,
  type RecomputeRun,
  type RunRequest,
  withRunRequestLock,
} from "@/lib/db/recompute-runs";
import { cancelRecomputeJobs, enqueueRecompute, jobConnection, listLiveRecomputeJobs } from "@/lib/jobs/queue";
import type pg from "pg";
import { recomputeCustomerValue, type RecomputeResult } from "./recompute-customer-value";

const LOST_JOB = "This run was queued but its job was lost, so it never started; a new run was queued instead.";

export async function requestRecompute(request: RunRequest): Promise<{ run: RecomputeRun; isNew: boolean }> {
  const { runId, isNew } = await withRunRequestLock(async (client) => {
    await failRunsWithoutJob(client);
    const queued = await findQueuedRunId(client);
    if (queued) {
      await joinQueuedRun(client, queued, request);
      return { runId: queued, isNew: false };
    }
    const id = await insertQueuedRun(client, request);
    const db = jobConnection(client);
    if (!(await enqueueRecompute({ runId: id }, { db }))) {
      // A job waits whose run is not queued (a leftover): it would block the queue for good.
      const active = await listActiveRunIds(client);
      const leftovers = (await listLiveRecomputeJobs(db)).filter((job) => job.state === "created" && !(job.runId && active.has(job.runId)));
      await cancelRecomputeJobs(
        leftovers.map((job) => job.id),
        db,
      );
      if (!(await enqueueRecompute({ runId: id }, { db }))) throw new Error("The recompute queue refused the new run's job.");
    }
    return { runId: id, isNew: true };
  });
  return { run: (await getRecomputeRun(runId))!, isNew };
}

/** Fails queued runs that no live job will ever start. Called under the request lock. */
async function failRunsWithoutJob(client: pg.PoolClient): Promise<number> {
  const queued = await listQueuedRunIds(client);
  if (queued.length === 0) return 0;
  const jobs = await listLiveRecomputeJobs(jobConnection(client));
  const withJob = new Set(jobs.map((job) => job.runId));
  return failQueuedRuns(
    client,
    queued.filter((id) => !withJob.has(id)),
    LOST_JOB,
  );
}

/** For the worker's start: queued runs left without a job are failed, so the next request queues afresh. */
export async function healQueuedRuns(): Promise<number> {
  return withRunRequestLock((client) => failRunsWithoutJob(client));
}

/**
 * Runs a queued run to the end; a failure is recorded on the run (with a message, no stack) and rethrown. Null
 * when the run may not start (it succeeded already, or was replaced because its job was thought lost).
 */
export async function runRecompute(runId: string, now: Date = new Date()): Promise<RecomputeResult | null> {
  const started = await withRunRequestLock((client) => markRunStarted(client, runId));
  if (!started) return null;
  // Progress updates are written one after another, and all of them before the final state.
  let reported = Promise.resolve();
  const onProgress = (phase: string, fraction: number) => {
    reported = reported.then(() => reportRunProgress(runId, phase, fraction)).catch(() => {});
    return reported;
  };
  try {
    const result = await recomputeCustomerValue({ now, runId, suppressWorkflows: started.suppressWorkflows, onProgress });
    await reported;
    await finishRun(runId, { status: "SUCCEEDED", customersScored: result.customersScored, membershipChanges: result.membershipChanges, timings: result.timings });
    return result;
  } catch (error) {
    await reported;
    await finishRun(runId, { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : "The recompute failed." });
    throw error;
  }
}
