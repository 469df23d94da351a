/**
 * What happens to runs under way: the segment re-check tied to the entry (or exit) that started the run, archived
 * customers, edits while runs wait (each run keeps the steps it started with), and pausing a run that waits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setCustomerArchived } from "@/lib/db/customer-write";
import { pgPool } from "@/lib/db/pg-pool";
import { createCustomSegment } from "@/lib/db/segments";
import { updateWorkflow, type WorkflowInput } from "@/lib/db/workflows";
import type { WorkflowStep } from "@/lib/domain/workflows/steps";
import { startWebhookReceiver } from "@/tests/support/receivers";
import { seedShop } from "@/tests/support/seed-shop";
import { createTestWorkflow, manager, runsOf, startHarness, type Harness } from "@/tests/support/workflow-harness";
import { refreshOneSegment } from "../segment-refresh";
import { changeWorkflowStatus, startManualRuns } from "./workflow-changes";
import { processStepJob } from "./run-steps";

let harness: Harness;
let customerIds: string[];
let nextCustomer = 0;

beforeAll(async () => {
  await seedShop(40);
  customerIds = (await db.customer.findMany({ where: { archivedAt: null }, orderBy: { id: "asc" }, select: { id: true } })).map((customer) => customer.id);
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

/** A customer no other test touched. */
const freshCustomer = () => customerIds[nextCustomer++]!;

/** A custom segment of the customers tagged `tag`; entering and leaving it is adding and removing the tag. */
async function taggedSegment(tag: string) {
  const { id } = await createCustomSegment({ name: `Tagged ${tag}`, description: null, rule: { match: "all", conditions: [{ field: "tag", op: "has", value: tag }] } }, manager.id);
  const move = async (customerId: string, isIn: boolean) => {
    const { tags } = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { tags: true } });
    await db.customer.update({ where: { id: customerId }, data: { tags: isIn ? [...tags, tag] : tags.filter((candidate) => candidate !== tag) } });
    await refreshOneSegment(id, { now: harness.clock() });
  };
  return { id, enter: (customerId: string) => move(customerId, true), leave: (customerId: string) => move(customerId, false) };
}

const waitThenTask = (title: string): WorkflowStep[] => [
  { type: "wait", amount: 10, unit: "minutes" },
  { type: "task", title, assignTo: "MANAGER", dueInDays: 1 },
];

/** Time passes: the engine's clock and the queue's, then every due job runs. */
async function later(minutes: number) {
  harness.setClock(new Date(harness.clock().getTime() + minutes * 60_000));
  await harness.makeQueuedJobsDue();
  await harness.drain();
}

const tasksTitled = (title: string) => db.task.findMany({ where: { title }, select: { customerId: true, idempotencyKey: true } });

describe("the segment re-check belongs to the change that started the run", () => {
  it("a customer who leaves and comes back gets one welcome: the first run stops, the new entry runs", async () => {
    const segment = await taggedSegment("reentry");
    const workflowId = await createTestWorkflow(segment.id, waitThenTask("Welcome once"));
    const customerId = freshCustomer();
    harness.setClock(new Date());
    await segment.enter(customerId);
    await harness.enrol();
    await harness.drain();
    await segment.leave(customerId);
    await segment.enter(customerId);
    expect((await harness.enrol()).runsStarted).toBe(1);
    await harness.drain();

    await later(11);
    const [first, second] = await runsOf(workflowId);
    expect(first).toMatchObject({ status: "STOPPED", stopReason: "leftSegment" });
    expect(second).toMatchObject({ status: "COMPLETED" });
    expect(await tasksTitled("Welcome once")).toEqual([{ customerId, idempotencyKey: `${second!.id}:1` }]);
  });

  it("an exit run stops when the customer came back, even if they left again since; the later exit runs", async () => {
    const segment = await taggedSegment("exit-again");
    const workflowId = await createTestWorkflow(segment.id, waitThenTask("Win back once"), { trigger: "EXIT" });
    const customerId = freshCustomer();
    harness.setClock(new Date());
    await segment.enter(customerId);
    expect((await harness.enrol()).runsStarted).toBe(0);
    await segment.leave(customerId);
    expect((await harness.enrol()).runsStarted).toBe(1);
    await harness.drain();
    await segment.enter(customerId);
    await segment.leave(customerId);
    expect((await harness.enrol()).runsStarted).toBe(1);
    await harness.drain();

    await later(11);
    const [first, second] = await runsOf(workflowId);
    expect(first).toMatchObject({ status: "STOPPED", stopReason: "reenteredSegment" });
    expect(second).toMatchObject({ status: "COMPLETED" });
    expect(await tasksTitled("Win back once")).toEqual([{ customerId, idempotencyKey: `${second!.id}:1` }]);
  });

  it("an exit-triggered workflow starts on exits only, and carries on after a re-entry when told to", async () => {
    const segment = await taggedSegment("exit-carry");
    const workflowId = await createTestWorkflow(segment.id, waitThenTask("Exit carry on"), { trigger: "EXIT", stopWhenLeft: false });
    const [leaver, stayer] = [freshCustomer(), freshCustomer()];
    harness.setClock(new Date());
    await segment.enter(leaver);
    await segment.enter(stayer);
    await harness.enrol();
    expect(await runsOf(workflowId)).toHaveLength(0);
    await segment.leave(leaver);
    expect((await harness.enrol()).runsStarted).toBe(1);
    await harness.drain();
    await segment.enter(leaver);

    await later(11);
    const runs = await runsOf(workflowId);
    expect(runs.map((run) => [run.customerId, run.status])).toEqual([[leaver, "COMPLETED"]]);
  });
});

describe("archived customers", () => {
  it("are not enrolled, and archiving stops their open runs at once with a reason", async () => {
    const segment = await taggedSegment("archived");
    const onEntry = await createTestWorkflow(segment.id, waitThenTask("For the archived"));
    const onExit = await createTestWorkflow(segment.id, waitThenTask("Archived exit"), { trigger: "EXIT" });
    const [waiting, held, busy] = [freshCustomer(), freshCustomer(), freshCustomer()];
    harness.setClock(new Date());
    for (const customerId of [waiting, held, busy]) await segment.enter(customerId);
    expect((await harness.enrol()).runsStarted).toBe(3);
    await harness.drain();
    const runIdOf = async (customerId: string) => (await db.workflowRun.findFirstOrThrow({ where: { workflowId: onEntry, customerId } })).id;
    await db.workflowRun.update({ where: { id: await runIdOf(held) }, data: { status: "HELD" } });

    // A worker busy with the third run holds its row: the archive leaves it, and the worker stops it before its step.
    const worker = await pgPool().connect();
    try {
      await worker.query("BEGIN");
      await worker.query(`SELECT 1 FROM "WorkflowRun" WHERE "id" = $1 FOR UPDATE`, [await runIdOf(busy)]);
      for (const customerId of [waiting, held, busy]) await setCustomerArchived(customerId, true, manager.id, harness.clock());
    } finally {
      await worker.query("COMMIT");
      worker.release();
    }
    const statuses = async () => Object.fromEntries((await runsOf(onEntry)).map((run) => [run.customerId, [run.status, run.stopReason]]));
    expect(await statuses()).toEqual({ [waiting]: ["STOPPED", "customerArchived"], [held]: ["STOPPED", "customerArchived"], [busy]: ["SCHEDULED", null] });

    // Archived customers leave every segment: those exits start nothing.
    await refreshOneSegment(segment.id, { now: harness.clock() });
    expect(await db.segmentMembershipEvent.count({ where: { segmentId: segment.id, change: "EXIT" } })).toBe(3);
    expect((await harness.enrol()).runsStarted).toBe(0);
    expect(await runsOf(onExit)).toHaveLength(0);

    await later(11);
    expect((await statuses())[busy]).toEqual(["STOPPED", "customerArchived"]);
    expect(await tasksTitled("For the archived")).toEqual([]);
    expect(await startManualRuns(onEntry, [waiting], manager.id)).toEqual({ started: 0 });
  });
});

describe("editing a workflow while runs wait", () => {
  const input = (segmentId: string, steps: WorkflowStep[], overrides: Partial<WorkflowInput> = {}): WorkflowInput => ({
    name: "Edited under way",
    segmentId,
    trigger: "ENTER",
    stopWhenLeft: true,
    maxRunsPerHour: null,
    steps,
    ...overrides,
  });

  it("a run carries out the steps it started with: a reorder does not repeat a step, a deletion does not skip one", async () => {
    const segment = await taggedSegment("edited");
    const original: WorkflowStep[] = [
      { type: "task", title: "First", assignTo: "MANAGER", dueInDays: 1 },
      { type: "wait", amount: 10, unit: "minutes" },
      { type: "task", title: "Second", assignTo: "MANAGER", dueInDays: 1 },
      { type: "task", title: "Third", assignTo: "MANAGER", dueInDays: 1 },
    ];
    const workflowId = await createTestWorkflow(segment.id, original);
    const [early, late] = [freshCustomer(), freshCustomer()];
    harness.setClock(new Date());
    await segment.enter(early);
    await harness.enrol();
    await harness.drain();

    // Saving the same steps again is no new version.
    await updateWorkflow(workflowId, input(segment.id, original), manager.id);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: workflowId } })).version).toBe(1);
    // Reordered and shortened: index 2 is now "First", and there is no index 3.
    await updateWorkflow(workflowId, input(segment.id, [original[3]!, original[1]!, original[0]!]), manager.id);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: workflowId } })).version).toBe(2);
    await segment.enter(late);
    await harness.enrol();
    await harness.drain();

    await later(11);
    const runs = await runsOf(workflowId);
    expect(runs.map((run) => [run.customerId, run.workflowVersion, run.status])).toEqual([
      [early, 1, "COMPLETED"],
      [late, 2, "COMPLETED"],
    ]);
    const titles = async (customerId: string) => (await db.task.findMany({ where: { customerId, title: { in: ["First", "Second", "Third"] } } })).map((task) => task.title).sort();
    expect(await titles(early)).toEqual(["First", "Second", "Third"]);
    expect(await titles(late)).toEqual(["First", "Third"]);
  });

  it("keeps a replaced webhook secret while a run of the old version still needs it, and signs with it", async () => {
    const oldSecret = "old-signing-secret-0123456789";
    const hooks = await startWebhookReceiver({ secret: oldSecret });
    try {
      const segment = await taggedSegment("rotated");
      const steps: WorkflowStep[] = [{ type: "wait", amount: 10, unit: "minutes" }, { type: "webhook", url: hooks.url, timeoutSeconds: 5 }];
      const workflowId = await createTestWorkflow(segment.id, steps, { newSecrets: { 1: oldSecret } });
      const customerId = freshCustomer();
      harness.setClock(new Date());
      await segment.enter(customerId);
      await harness.enrol();
      await harness.drain();

      await updateWorkflow(workflowId, input(segment.id, steps, { newSecrets: { 1: "new-signing-secret-0123456789" } }), manager.id);
      expect(await db.workflowSecret.count({ where: { workflowId } })).toBe(2);
      await later(11);
      expect(await runsOf(workflowId)).toMatchObject([{ status: "COMPLETED", workflowVersion: 1 }]);
      expect(hooks.received.map((call) => call.signatureValid)).toEqual([true]);

      // No run needs the old one any more: the next save drops it.
      const current = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
      await updateWorkflow(workflowId, input(segment.id, current.steps as WorkflowStep[]), manager.id);
      expect(await db.workflowSecret.count({ where: { workflowId } })).toBe(1);
    } finally {
      await hooks.close();
    }
  });
});

describe("pausing", () => {
  it("holds a run that was already waiting when its wait ends, and resuming finishes it once", async () => {
    const segment = await taggedSegment("paused");
    const workflowId = await createTestWorkflow(segment.id, waitThenTask("After the pause"));
    const customerId = freshCustomer();
    harness.setClock(new Date());
    await segment.enter(customerId);
    await harness.enrol();
    await harness.drain();
    expect(await runsOf(workflowId)).toMatchObject([{ status: "SCHEDULED", nextStep: 1 }]);

    await changeWorkflowStatus(workflowId, "PAUSED", manager.id);
    await later(11);
    expect(await runsOf(workflowId)).toMatchObject([{ status: "HELD", nextStep: 1 }]);
    await later(60);
    expect(await tasksTitled("After the pause")).toEqual([]);

    expect(await changeWorkflowStatus(workflowId, "ACTIVE", manager.id)).toEqual({ released: 1 });
    await later(0);
    const [run] = await runsOf(workflowId);
    expect(run).toMatchObject({ status: "COMPLETED" });
    // The job of the wait that ran out while paused, if it comes again, changes nothing.
    await processStepJob(harness.context, { runId: run!.id, step: 1 });
    expect(await tasksTitled("After the pause")).toEqual([{ customerId, idempotencyKey: `${run!.id}:1` }]);
  });
});
