/**
 * Asking for a recompute and running one. A request joins a run that is already queued or running instead of
 * starting a second; the worker runs it, reporting phase and progress on the run row for the admin's progress bar.
 */
import { createRecomputeRun, findActiveRecomputeRun, finishRun, markRunStarted, reportRunProgress, type RecomputeRun } from "@/lib/db/recompute-runs";
import type { ClvRunTrigger } from "@/lib/db/generated/prisma/client";
import { enqueueRecompute } from "@/lib/jobs/queue";
import { recomputeCustomerValue, type RecomputeResult } from "./recompute-customer-value";

export async function requestRecompute(input: { trigger: ClvRunTrigger; requestedById?: string | null; suppressWorkflows?: boolean }): Promise<{ run: RecomputeRun; isNew: boolean }> {
  const active = await findActiveRecomputeRun();
  if (active) return { run: active, isNew: false };
  const run = await createRecomputeRun(input);
  await enqueueRecompute({ runId: run.id });
  return { run, isNew: true };
}

/** Runs a queued run to the end; a failure is recorded on the run (with a message, no stack) and rethrown. */
export async function runRecompute(runId: string, now: Date = new Date()): Promise<RecomputeResult> {
  const { suppressWorkflows } = await markRunStarted(runId);
  // Progress updates are written one after another, and all of them before the final state.
  let reported = Promise.resolve();
  const onProgress = (phase: string, fraction: number) => {
    reported = reported.then(() => reportRunProgress(runId, phase, fraction)).catch(() => {});
    return reported;
  };
  try {
    const result = await recomputeCustomerValue({ now, runId, suppressWorkflows, onProgress });
    await reported;
    await finishRun(runId, { status: "SUCCEEDED", customersScored: result.customersScored, membershipChanges: result.membershipChanges, timings: result.timings });
    return result;
  } catch (error) {
    await reported;
    await finishRun(runId, { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : "The recompute failed." });
    throw error;
  }
}
