/**
 * The worker process: runs queued recomputes and the nightly schedule. Start it beside the web server
 * (`npm start` does); several workers are safe, pg-boss hands each job to one of them.
 */
import { failAbandonedImports } from "@/lib/db/imports";
import { failAbandonedRuns } from "@/lib/db/recompute-runs";
import { runImportJob } from "@/lib/import/run-import";
import { healQueuedRuns, requestRecompute, runRecompute } from "@/lib/services/recompute-runs";
import { startWorkflowEngine } from "@/lib/services/workflows/engine";
import { jobQueue, QUEUES, type ImportJobMessage, type RecomputeJob } from "./queue";

export type WorkerOptions = { nightlyCron?: string; timeZone?: string; log?: (line: string) => void };

export async function startWorker(options: WorkerOptions = {}): Promise<{ stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const boss = await jobQueue();
  // A run left RUNNING for over an hour belongs to a worker that died; pg-boss retries its job. A queued run
  // without a job would never start: it is failed so the next request queues a new one.
  await failAbandonedRuns(new Date(Date.now() - 3_600_000));
  await healQueuedRuns();

  await boss.work<RecomputeJob>(QUEUES.recompute, { pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    log(`Recompute ${job.data.runId} started.`);
    const result = await runRecompute(job.data.runId);
    if (!result) return log(`Recompute ${job.data.runId} skipped: it finished already or was replaced.`);
    log(`Recompute ${job.data.runId} done: ${result.customersScored} customers, ${result.membershipChanges} membership changes, ${JSON.stringify(result.timings)}.`);
  });

  // An import left RUNNING for longer than its job may live belongs to a worker that died.
  await failAbandonedImports(new Date(Date.now() - 4 * 3_600_000));
  await boss.work<ImportJobMessage>(QUEUES.csvImport, { pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    log(`Import ${job.data.importId} started.`);
    const outcome = await runImportJob(job.data.importId);
    const { rowsRead, rowsAccepted, rowsUnchanged, rowsRejected } = outcome.counts;
    log(`Import ${job.data.importId} ${outcome.status === "SUCCEEDED" ? "done" : "failed"} in ${outcome.seconds} s: ${rowsRead} rows read, ${rowsAccepted} accepted, ${rowsUnchanged} unchanged, ${rowsRejected} rejected.`);
  });

  await boss.schedule(QUEUES.nightly, options.nightlyCron ?? "0 2 * * *", {}, { tz: options.timeZone ?? "Europe/Berlin" });
  await boss.work(QUEUES.nightly, async () => {
    await requestRecompute({ trigger: "SCHEDULE" });
  });
  // Segment workflows: enrolment from segment changes and the step lanes.
  const workflows = await startWorkflowEngine(boss, { log });
  log("Waiting for jobs.");
  return { stop: () => workflows.stop() };
}
