import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { createWorkflow, type WorkflowInput } from "@/lib/db/workflows";
import type { WorkflowStep } from "@/lib/domain/workflows/steps";
import { jobQueue, stopJobQueue } from "@/lib/jobs/queue";
import { DEFAULT_CRM_SETTINGS } from "@/lib/schemas/crm-settings";
import { DEMO_USERS } from "@/prisma/factories/users";
import { countRepeats, startSmtpReceiver, startWebhookReceiver } from "@/tests/support/receivers";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { recomputeCustomerValue } from "../recompute-customer-value";
import { applySettings } from "../settings-changes";
import { createEmailTransport } from "./email-transport";
import { enrolNewMembershipEvents } from "./enrolment";
import { processStepJob, type StepContext } from "./run-steps";
import { createWorkflowQueue, WORKFLOW_STEP_QUEUE, type StepJob } from "./step-jobs";
import { isValidUnsubscribeToken } from "./unsubscribe-link";
import { changeWorkflowStatus, retryRun, startManualRuns } from "./workflow-changes";

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
const SECRET = "test-signing-secret-0123456789";
const LINK_SECRET = "link-secret-for-tests-0123456789";

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let context: StepContext;
let clock = new Date();
/** The webhook receiver answers 503 to this many calls before it accepts again. */
let failingCalls = 0;

beforeAll(async () => {
  await seedShop(300);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  smtp = await startSmtpReceiver();
  hooks = await startWebhookReceiver({ secret: SECRET, respond: () => (failingCalls-- > 0 ? 503 : 204) });
  const boss = await jobQueue();
  await createWorkflowQueue(boss);
  context = {
    boss,
    pool: pgPool(),
    transport: createEmailTransport(smtp.url, "CRM <crm@shop.test>"),
    from: "CRM <crm@shop.test>",
    appUrl: "http://crm.test",
    linkSecret: LINK_SECRET,
    currency: async () => "EUR",
    webhookAllowlist: async () => [],
    now: () => clock,
  };
});

afterAll(async () => {
  context.transport.close();
  await Promise.all([smtp.close(), hooks.close()]);
  await stopJobQueue();
});

const segmentId = async (key: string) => (await db.segment.findUniqueOrThrow({ where: { key }, select: { id: true } })).id;

async function workflow(steps: WorkflowStep[], overrides: Partial<WorkflowInput> = {}) {
  const input: WorkflowInput = { name: `Workflow ${Math.random()}`, segmentId: await segmentId("vip"), trigger: "ENTER", steps, stopWhenLeft: true, maxRunsPerHour: null, ...overrides };
  return (await createWorkflow(input, manager.id)).id;
}

/** Runs every due step job in the queue, the way a worker lane does, until none is left. */
async function drain(): Promise<number> {
  let processed = 0;
  for (;;) {
    const jobs = await context.boss.fetch<StepJob>(WORKFLOW_STEP_QUEUE, { batchSize: 50 });
    if (jobs.length === 0) return processed;
    for (const job of jobs) {
      await processStepJob(context, job.data);
      await context.boss.complete(WORKFLOW_STEP_QUEUE, job.id);
      processed += 1;
    }
  }
}

const runsOf = (workflowId: string) => db.workflowRun.findMany({ where: { workflowId }, include: { steps: { orderBy: { stepIndex: "asc" } } } });

describe("workflow engine", () => {
  it("starts one run per new VIP when the threshold is lowered, and each step's effect happens once", async () => {
    const id = await workflow(
      [
        { type: "tag", action: "add", tag: "vip-welcome" },
        { type: "discountTier", tier: "gold" },
        { type: "task", title: "Call to welcome", assignTo: "owner", dueInDays: 2 },
        { type: "email", subject: "Welcome, {{customer.firstName}}", body: "Your tier: {{discountTier}}. Worth {{clv.total}}.\n\nUnsubscribe: {{unsubscribeUrl}}" },
        { type: "webhook", url: hooks.url, timeoutSeconds: 5 },
      ],
      { newSecrets: { 4: SECRET } },
    );
    const stored = await db.workflow.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(stored.steps)).not.toContain(SECRET);

    clock = new Date();
    const lowered = { ...DEFAULT_CRM_SETTINGS, vip: { ...DEFAULT_CRM_SETTINGS.vip, mode: "topPercent" as const, enterTopPercent: 15, exitTopPercent: 17 } };
    const applied = await applySettings(lowered, { actorId: admin.id, expectedVersion: 0, suppressWorkflows: false, now: TEST_NOW });
    const entered = await db.segmentMembershipEvent.count({ where: { segmentId: await segmentId("vip"), change: "ENTER", suppressWorkflows: false } });
    expect(applied.membershipChanges).toBeGreaterThan(0);
    expect(entered).toBeGreaterThan(10);

    const enrolment = await enrolNewMembershipEvents(context.boss, context.pool, 7);
    expect(enrolment.runsStarted).toBe(entered);
    expect((await enrolNewMembershipEvents(context.boss, context.pool)).runsStarted).toBe(0);
    // Two workers reading the same events (the cursor set back) still start each run once.
    await db.workflowEventCursor.update({ where: { id: 1 }, data: { lastEventId: 0 } });
    expect((await enrolNewMembershipEvents(context.boss, context.pool)).runsStarted).toBe(0);

    expect(await drain()).toBe(entered);
    const runs = await runsOf(id);
    expect(runs).toHaveLength(entered);
    expect(runs.every((run) => run.status === "COMPLETED" && run.steps.length === 5)).toBe(true);

    const customers = await db.customer.findMany({ where: { id: { in: runs.map((run) => run.customerId) } }, select: { id: true, tags: true, discountTier: true, email: true, marketingConsent: true, ownerId: true } });
    expect(customers.every((customer) => customer.tags.filter((tag) => tag === "vip-welcome").length === 1 && customer.discountTier === "gold")).toBe(true);
    const tasks = await db.task.findMany({ where: { customerId: { in: customers.map((customer) => customer.id) }, title: "Call to welcome" } });
    expect(tasks).toHaveLength(entered);
    const owners = new Map(customers.map((customer) => [customer.id, customer.ownerId]));
    expect(tasks.every((task) => task.assigneeId !== null && (owners.get(task.customerId) === null || task.assigneeId === owners.get(task.customerId)))).toBe(true);

    const reachable = customers.filter((customer) => customer.email && customer.marketingConsent);
    expect(reachable.length).toBeGreaterThan(0);
    expect(await db.outboxEmail.count({ where: { runId: { in: runs.map((run) => run.id) }, status: "SENT" } })).toBe(reachable.length);
    expect(smtp.received).toHaveLength(reachable.length);
    expect(countRepeats(smtp.received.map((email) => email.messageId))).toEqual({ distinct: reachable.length, repeated: [] });
    const skipped = runs.flatMap((run) => run.steps.filter((step) => step.type === "email" && step.status === "SKIPPED"));
    expect(skipped).toHaveLength(entered - reachable.length);

    const email = smtp.received[0]!;
    expect(email.raw).toContain("List-Unsubscribe");
    const link = /http:\/\/crm\.test\/unsubscribe\?c=([\w-]+)&t=([\w-]+)/.exec(email.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "="));
    expect(link).not.toBeNull();
    expect(isValidUnsubscribeToken(link![1]!, link![2]!, LINK_SECRET)).toBe(true);
    expect(isValidUnsubscribeToken(runs[0]!.customerId === link![1] ? runs[1]!.customerId : runs[0]!.customerId, link![2]!, LINK_SECRET)).toBe(false);

    expect(hooks.received).toHaveLength(entered);
    expect(hooks.received.every((call) => call.signatureValid === true)).toBe(true);
    expect(countRepeats(hooks.received.map((call) => call.id))).toEqual({ distinct: entered, repeated: [] });
    expect(hooks.received[0]!.body).toMatchObject({ type: "segment.entered", segment: { key: "vip" }, customer: { discountTier: "gold" } });

    // A repeated job for any step, after everything ran, changes nothing.
    for (const run of runs.slice(0, 5)) for (let step = 0; step < 5; step += 1) await processStepJob(context, { runId: run.id, step });
    expect(await db.task.count({ where: { title: "Call to welcome" } })).toBe(entered);
    expect(smtp.received).toHaveLength(reachable.length);
    expect(hooks.received).toHaveLength(entered);
  });

  it("does a step once when its job arrives twice, late or at the same time on two workers", async () => {
    const id = await workflow([
      { type: "task", title: "First call", assignTo: "AGENT", dueInDays: 1 },
      { type: "wait", amount: 1, unit: "hours" },
      { type: "task", title: "Second call", assignTo: "AGENT", dueInDays: 1 },
      { type: "webhook", url: hooks.url, timeoutSeconds: 5 },
    ]);
    const customer = await db.customer.findFirstOrThrow({ skip: 40, orderBy: { id: "asc" }, select: { id: true } });
    clock = new Date();
    await startManualRuns(id, [customer.id], manager.id);
    await drain();
    const run = await db.workflowRun.findFirstOrThrow({ where: { workflowId: id } });
    expect(run).toMatchObject({ status: "SCHEDULED", nextStep: 2 });

    // The first step's job again, after the wait is over: the run has moved on, so it does nothing.
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    await processStepJob(context, { runId: run.id, step: 0 });
    expect(await db.task.count({ where: { customerId: customer.id, title: { in: ["First call", "Second call"] } } })).toBe(1);

    // The due job taken by two workers at once: one does the steps, the other finds the run locked.
    const delivered = hooks.received.length;
    await Promise.all([processStepJob(context, { runId: run.id, step: 2 }), processStepJob(context, { runId: run.id, step: 2 })]);
    await processStepJob(context, { runId: run.id, step: 2 });
    expect(await db.workflowRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "COMPLETED" });
    expect(await db.task.count({ where: { customerId: customer.id, title: "Second call" } })).toBe(1);
    expect(hooks.received.length).toBe(delivered + 1);
  });

  it("holds runs while the workflow is paused and finishes them after resuming; a wait keeps its time", async () => {
    const id = await workflow([{ type: "wait", amount: 1, unit: "hours" }, { type: "tag", action: "add", tag: "paused-test" }]);
    const customers = await db.customer.findMany({ take: 3, orderBy: { id: "asc" }, select: { id: true } });
    clock = new Date();
    expect(await startManualRuns(id, customers.map((customer) => customer.id), manager.id, "request-1")).toEqual({ started: 3 });
    expect(await startManualRuns(id, customers.map((customer) => customer.id), manager.id, "request-1")).toEqual({ started: 0 });
    await drain();
    let runs = await runsOf(id);
    expect(runs.every((run) => run.status === "SCHEDULED" && run.nextStep === 1 && run.nextRunAt.getTime() === clock.getTime() + 3_600_000)).toBe(true);

    await changeWorkflowStatus(id, "PAUSED", manager.id);
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    for (const run of runs) await processStepJob(context, { runId: run.id, step: 1 });
    runs = await runsOf(id);
    expect(runs.map((run) => run.status)).toEqual(["HELD", "HELD", "HELD"]);
    expect(await db.customer.count({ where: { tags: { has: "paused-test" } } })).toBe(0);

    expect(await changeWorkflowStatus(id, "ACTIVE", manager.id)).toEqual({ released: 3 });
    for (const run of runs) await processStepJob(context, { runId: run.id, step: 1 });
    runs = await runsOf(id);
    expect(runs.map((run) => run.status)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED"]);
    expect(await db.customer.count({ where: { tags: { has: "paused-test" } } })).toBe(3);
    expect(await db.auditLog.count({ where: { entityId: id, action: { in: ["workflow.paused", "workflow.active"] } } })).toBe(2);
  });

  it("stops a run whose customer left the segment before the next step, unless told to carry on", async () => {
    const stopping = await workflow([{ type: "wait", amount: 10, unit: "minutes" }, { type: "tag", action: "add", tag: "left-stop" }]);
    const carryOn = await workflow([{ type: "wait", amount: 10, unit: "minutes" }, { type: "tag", action: "add", tag: "left-carry" }], { stopWhenLeft: false });
    const vip = await segmentId("vip");
    const member = await db.segmentMembership.findFirstOrThrow({ where: { segmentId: vip }, select: { customerId: true } });
    const event = await db.segmentMembershipEvent.create({ data: { segmentId: vip, customerId: member.customerId, change: "ENTER", reason: {}, settingsVersion: 1, ruleVersion: 1 } });
    clock = new Date();
    await enrolNewMembershipEvents(context.boss, context.pool);
    await drain();
    await db.segmentMembership.delete({ where: { segmentId_customerId: { segmentId: vip, customerId: member.customerId } } });
    clock = new Date(clock.getTime() + 11 * 60_000);
    for (const workflowId of [stopping, carryOn]) {
      const run = await db.workflowRun.findFirstOrThrow({ where: { workflowId, triggerEventId: event.id } });
      await processStepJob(context, { runId: run.id, step: 1 });
    }
    expect(await db.workflowRun.findFirstOrThrow({ where: { workflowId: stopping } })).toMatchObject({ status: "STOPPED", stopReason: "leftSegment" });
    expect(await db.workflowRun.findFirstOrThrow({ where: { workflowId: carryOn } })).toMatchObject({ status: "COMPLETED" });
  });

  it("retries a failing webhook with backoff, fails the run after the last attempt, and an admin's retry delivers it once", async () => {
    const id = await workflow([{ type: "webhook", url: hooks.url, timeoutSeconds: 5 }]);
    const customer = await db.customer.findFirstOrThrow({ select: { id: true } });
    clock = new Date();
    await startManualRuns(id, [customer.id], manager.id);
    const delivered = hooks.received.length;
    failingCalls = 100;
    await drain();
    let run = await db.workflowRun.findFirstOrThrow({ where: { workflowId: id }, include: { steps: true } });
    expect(run).toMatchObject({ status: "SCHEDULED", attempts: 1, lastError: "The receiver answered 503." });
    expect(run.nextRunAt.getTime()).toBe(clock.getTime() + 30_000);
    expect(run.steps[0]).toMatchObject({ status: "RUNNING", attempts: 1 });
    for (let attempt = 2; attempt <= 6; attempt += 1) {
      clock = new Date(run.nextRunAt.getTime());
      await processStepJob(context, { runId: run.id, step: 0 });
      run = await db.workflowRun.findFirstOrThrow({ where: { workflowId: id }, include: { steps: true } });
    }
    expect(run).toMatchObject({ status: "FAILED", attempts: 6 });
    expect(run.steps[0]).toMatchObject({ status: "FAILED", attempts: 6 });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: "FAILED", attempts: 6, responseStatus: 503 });

    failingCalls = 0;
    await retryRun(run.id, admin.id);
    await expect(retryRun(run.id, admin.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await drain();
    expect(await db.workflowRun.findFirstOrThrow({ where: { id: run.id } })).toMatchObject({ status: "COMPLETED" });
    expect(hooks.received.length).toBe(delivered + 1);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { runId: run.id } });
    expect(hooks.received.at(-1)!.id).toBe(delivery.id);
  });

  it("refuses link-local and metadata webhook addresses without calling them", async () => {
    const id = await workflow([{ type: "webhook", url: "http://169.254.169.254/latest/meta-data/", timeoutSeconds: 2 }]);
    const customer = await db.customer.findFirstOrThrow({ select: { id: true } });
    await startManualRuns(id, [customer.id], manager.id);
    await drain();
    const run = await db.workflowRun.findFirstOrThrow({ where: { workflowId: id } });
    expect(run.status).toBe("FAILED");
    expect(run.lastError).toMatch(/link-local or metadata/);
  });

  it("starts at most the workflow's runs per hour and schedules the rest for later", async () => {
    const id = await workflow([{ type: "tag", action: "add", tag: "rate-limited" }], { maxRunsPerHour: 2 });
    const customers = await db.customer.findMany({ take: 5, skip: 10, orderBy: { id: "asc" }, select: { id: true } });
    clock = new Date();
    await startManualRuns(id, customers.map((customer) => customer.id), manager.id);
    await drain();
    const runs = await db.workflowRun.findMany({ where: { workflowId: id } });
    expect(runs.filter((run) => run.status === "COMPLETED")).toHaveLength(2);
    const waiting = runs.filter((run) => run.status === "SCHEDULED");
    expect(waiting).toHaveLength(3);
    expect(waiting.every((run) => run.nextRunAt.getTime() > clock.getTime() + 3_590_000 && /at most 2 runs an hour/.test(run.lastError ?? ""))).toBe(true);
  });

  it("archiving a workflow stops its open runs", async () => {
    const id = await workflow([{ type: "wait", amount: 1, unit: "days" }, { type: "tag", action: "add", tag: "never" }]);
    const customer = await db.customer.findFirstOrThrow({ select: { id: true } });
    await startManualRuns(id, [customer.id], manager.id);
    await drain();
    await changeWorkflowStatus(id, "ARCHIVED", manager.id);
    expect(await db.workflowRun.findFirstOrThrow({ where: { workflowId: id } })).toMatchObject({ status: "STOPPED", stopReason: "workflowArchived" });
    await expect(changeWorkflowStatus(id, "ACTIVE", manager.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
