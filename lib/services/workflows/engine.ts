/**
 * The workflow engine inside the worker process: enrols new segment entries and exits every second, runs step
 * jobs in parallel lanes, and once a minute re-queues any run that lost its job. Several worker processes can run
 * it at once: pg-boss hands each job to one of them, and the run row lock makes a repeated job harmless.
 */
import { setMaxListeners } from "node:events";
import type PgBoss from "pg-boss";
import { inTransaction } from "@/lib/db/pg-transaction";
import { releaseHeldRuns, webhookAllowedHosts } from "@/lib/db/workflows";
import { orphanedScheduledRuns, workflowTransactionPool } from "@/lib/db/workflow-runs";
import { getReportingCurrency } from "@/lib/db/settings";
import { env } from "@/lib/env";
import { emailTransport } from "./email-transport";
import { enrolNewMembershipEvents } from "./enrolment";
import { processStepJob, type StepContext } from "./run-steps";
import { createWorkflowQueue, insertStepJobs, WORKFLOW_STEP_QUEUE, type StepJob } from "./step-jobs";

const JOBS_PER_FETCH = 4;

export type EngineOptions = { concurrency?: number; log?: (line: string) => void; enrolEveryMs?: number; sweepEveryMs?: number };

/** Values that change rarely, read at most every 30 s instead of once per step. */
function cached<T>(load: () => Promise<T>, ttlMs = 30_000): () => Promise<T> {
  let value: { at: number; promise: Promise<T> } | undefined;
  return () => {
    if (!value || Date.now() - value.at > ttlMs) {
      const promise = load();
      value = { at: Date.now(), promise };
      promise.catch(() => (value = undefined));
    }
    return value.promise;
  };
}

export function stepContext(boss: PgBoss): StepContext {
  const settings = env();
  return {
    boss,
    pool: workflowTransactionPool(),
    transport: emailTransport(),
    from: settings.SMTP_FROM,
    appUrl: settings.NEXTAUTH_URL ?? null,
    linkSecret: settings.NEXTAUTH_SECRET ?? null,
    currency: cached(getReportingCurrency),
    webhookAllowlist: cached(webhookAllowedHosts),
    now: () => new Date(),
  };
}

export async function startWorkflowEngine(boss: PgBoss, options: EngineOptions = {}): Promise<{ stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const concurrency = options.concurrency ?? env().WORKFLOW_CONCURRENCY;
  await createWorkflowQueue(boss);
  const context = stepContext(boss);
  let stopping = false;
  const stopped = new AbortController();
  // Every idle lane waits on the stop signal at once.
  setMaxListeners(concurrency + 10, stopped.signal);
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      // The listener goes when the timer fires, or every idle poll would leave one behind on the signal.
      const onAbort = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => (stopped.signal.removeEventListener("abort", onAbort), resolve()), ms);
      stopped.signal.addEventListener("abort", onAbort, { once: true });
    });

  // Each lane takes a few jobs at a time (fewer queue round trips) and runs them one after the other.
  async function lane(): Promise<void> {
    while (!stopping) {
      let jobs: PgBoss.Job<StepJob>[] = [];
      try {
        jobs = await boss.fetch<StepJob>(WORKFLOW_STEP_QUEUE, { batchSize: JOBS_PER_FETCH });
      } catch (error) {
        log(`Workflow queue unreachable: ${(error as Error).message}`);
      }
      if (jobs.length === 0) {
        await sleep(250);
        continue;
      }
      const done: string[] = [];
      for (const job of jobs) {
        try {
          await processStepJob(context, job.data);
          done.push(job.id);
        } catch (error) {
          log(`Workflow run ${job.data.runId} step ${job.data.step}: ${(error as Error).message}`);
          await boss.fail(WORKFLOW_STEP_QUEUE, job.id, { message: (error as Error).message }).catch(() => {});
        }
      }
      // A job left uncompleted (the database went away) expires and runs again, and finds its step done.
      if (done.length > 0) await boss.complete(WORKFLOW_STEP_QUEUE, done).catch((error: Error) => log(`Workflow queue: ${error.message}`));
    }
  }

  async function every(ms: number, task: () => Promise<void>): Promise<void> {
    while (!stopping) {
      try {
        await task();
      } catch (error) {
        log(`Workflow engine: ${(error as Error).message}`);
      }
      await sleep(ms);
    }
  }

  const loops = [
    ...Array.from({ length: concurrency }, () => lane()),
    every(options.enrolEveryMs ?? 1_000, async () => {
      const totals = await enrolNewMembershipEvents(boss, context.pool);
      if (totals.runsStarted > 0) log(`Workflows: ${totals.runsStarted} runs started from ${totals.eventsRead} segment changes.`);
    }),
    every(options.sweepEveryMs ?? 60_000, async () => {
      const { released, requeued } = await inTransaction(context.pool, async (client) => {
        const held = await releaseHeldRuns(client, null);
        const orphans = await orphanedScheduledRuns(client, WORKFLOW_STEP_QUEUE, 1_000);
        await insertStepJobs(boss, client, [...held, ...orphans].map((run) => ({ runId: run.id, step: run.nextStep, startAfter: run.nextRunAt })));
        return { released: held.length, requeued: orphans.length };
      });
      if (released + requeued > 0) log(`Workflows: ${requeued} runs re-queued, ${released} held runs released.`);
    }),
  ];
  log(`Workflow engine running ${concurrency} lanes.`);
  return {
    async stop() {
      stopping = true;
      stopped.abort();
      await Promise.all(loops);
    },
  };
}
