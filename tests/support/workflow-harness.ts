/**
 * The workflow engine's parts for an integration test, without a worker process: a step context with a clock
 * the test moves, emails kept in the outbox, and `drain` to run every due step job the way a worker lane does.
 */
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { createWorkflow, type WorkflowInput } from "@/lib/db/workflows";
import type { WorkflowStep } from "@/lib/domain/workflows/steps";
import { jobQueue, stopJobQueue } from "@/lib/jobs/queue";
import { createEmailTransport } from "@/lib/services/workflows/email-transport";
import { enrolNewMembershipEvents } from "@/lib/services/workflows/enrolment";
import { processStepJob, type StepContext } from "@/lib/services/workflows/run-steps";
import { createWorkflowQueue, WORKFLOW_STEP_QUEUE, type StepJob } from "@/lib/services/workflows/step-jobs";
import { DEMO_USERS } from "@/prisma/factories/users";

export const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
export const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;

export type Harness = {
  context: StepContext;
  /** Moves the engine's clock; the queue's own clock is moved by `makeQueuedJobsDue`. */
  setClock(at: Date): void;
  clock(): Date;
  enrol(): ReturnType<typeof enrolNewMembershipEvents>;
  /** Runs every due step job until none is left; returns how many ran. */
  drain(): Promise<number>;
  /** Time passes for the queue too: jobs scheduled for later become due now. */
  makeQueuedJobsDue(): Promise<void>;
  close(): Promise<void>;
};

export async function startHarness(): Promise<Harness> {
  const boss = await jobQueue();
  await createWorkflowQueue(boss);
  let now = new Date();
  const context: StepContext = {
    boss,
    pool: pgPool(),
    transport: createEmailTransport(undefined, "CRM <crm@shop.test>"),
    from: "CRM <crm@shop.test>",
    appUrl: null,
    linkSecret: null,
    currency: async () => "EUR",
    webhookAllowlist: async () => [],
    now: () => now,
  };
  return {
    context,
    setClock: (at) => void (now = at),
    clock: () => now,
    enrol: () => enrolNewMembershipEvents(boss, context.pool),
    async drain() {
      let processed = 0;
      for (;;) {
        const jobs = await boss.fetch<StepJob>(WORKFLOW_STEP_QUEUE, { batchSize: 50 });
        if (jobs.length === 0) return processed;
        for (const job of jobs) {
          await processStepJob(context, job.data);
          await boss.complete(WORKFLOW_STEP_QUEUE, job.id);
          processed += 1;
        }
      }
    },
    async makeQueuedJobsDue() {
      await pgPool().query(`UPDATE pgboss.job SET "start_after" = now() WHERE "name" = $1 AND "state" IN ('created', 'retry')`, [WORKFLOW_STEP_QUEUE]);
    },
    async close() {
      context.transport.close();
      await stopJobQueue();
    },
  };
}

export async function createTestWorkflow(segmentId: string, steps: WorkflowStep[], overrides: Partial<WorkflowInput> = {}): Promise<string> {
  const input: WorkflowInput = { name: `Workflow ${Math.random()}`, segmentId, trigger: "ENTER", steps, stopWhenLeft: true, maxRunsPerHour: null, ...overrides };
  return (await createWorkflow(input, manager.id)).id;
}

export const runsOf = (workflowId: string) =>
  db.workflowRun.findMany({ where: { workflowId }, include: { steps: { orderBy: { stepIndex: "asc" } } }, orderBy: { createdAt: "asc" } });
