import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { createCustomSegment } from "@/lib/db/segments";
import { refreshSegment, type SegmentEvaluation } from "@/lib/db/segment-memberships";
import { createTestWorkflow, manager, runsOf, startHarness, type Harness } from "@/tests/support/workflow-harness";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { refreshOneSegment } from "../segment-refresh";

let harness: Harness;

beforeAll(async () => {
  await seedShop(40);
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

/** A custom segment of the customers with one tag, with a workflow that tags everyone who enters it. */
async function taggedSegment(tag: string) {
  const segment = await createCustomSegment({ name: `Tagged ${tag}`, description: null, rule: { match: "all", conditions: [{ field: "tag", op: "has", value: tag }] } }, manager.id);
  const workflowId = await createTestWorkflow(segment.id, [{ type: "tag", action: "add", tag: `${tag}-welcomed` }]);
  const evaluation: SegmentEvaluation = { segmentId: segment.id, condition: (first) => ({ sql: `$${first}::text = ANY (c."tags")`, params: [tag] }), reason: { rule: "test" }, ruleVersion: 1 };
  return { segmentId: segment.id, workflowId, evaluation };
}

async function customers(count: number, skip: number) {
  return db.customer.findMany({ where: { archivedAt: null }, orderBy: { id: "asc" }, skip, take: count, select: { id: true } });
}

describe("enrolment from the membership event log", () => {
  it("never skips an event whose lower id commits after a higher one, and starts each run once", async () => {
    const slowSegment = await taggedSegment("slow");
    const fastSegment = await taggedSegment("fast");
    const [slowCustomer, fastCustomer] = await customers(2, 0);
    await db.customer.update({ where: { id: slowCustomer!.id }, data: { tags: { push: "slow" } } });
    await db.customer.update({ where: { id: fastCustomer!.id }, data: { tags: { push: "fast" } } });

    // Two refreshes side by side, as refreshAllSegments runs them: the first takes the lower id and commits last.
    const slow = await pgPool().connect();
    const fast = await pgPool().connect();
    try {
      await slow.query("BEGIN");
      await refreshSegment(slowSegment.evaluation, { now: TEST_NOW, settingsVersion: 1, client: slow });
      await fast.query("BEGIN");
      await refreshSegment(fastSegment.evaluation, { now: TEST_NOW, settingsVersion: 1, client: fast });
      await fast.query("COMMIT");
      const [lowId] = (await slow.query<{ id: string }>(`SELECT "id"::text FROM "SegmentMembershipEvent" WHERE "segmentId" = $1`, [slowSegment.segmentId])).rows.map((row) => BigInt(row.id));
      const highEvent = await db.segmentMembershipEvent.findFirstOrThrow({ where: { segmentId: fastSegment.segmentId } });
      expect(lowId! < highEvent.id).toBe(true);

      // The enrolment runs while the lower id is still in flight: it reads nothing past it.
      expect(await harness.enrol()).toEqual({ eventsRead: 0, runsStarted: 0 });
      await slow.query("COMMIT");
    } finally {
      await slow.query("ROLLBACK").catch(() => {});
      slow.release();
      fast.release();
    }

    expect(await harness.enrol()).toEqual({ eventsRead: 2, runsStarted: 2 });
    expect(await harness.enrol()).toEqual({ eventsRead: 0, runsStarted: 0 });
    expect((await runsOf(slowSegment.workflowId)).map((run) => run.customerId)).toEqual([slowCustomer!.id]);
    expect((await runsOf(fastSegment.workflowId)).map((run) => run.customerId)).toEqual([fastCustomer!.id]);
  });

  it("also waits for an event written outside the segment refresh (the table's trigger takes the lock)", async () => {
    const segment = await taggedSegment("raw");
    const [early, late] = await customers(2, 2);
    const writer = await pgPool().connect();
    try {
      await writer.query("BEGIN");
      await writer.query(
        `INSERT INTO "SegmentMembershipEvent" ("segmentId", "customerId", "change", "reason", "settingsVersion", "ruleVersion") VALUES ($1, $2, 'ENTER', '{}', 1, 1)`,
        [segment.segmentId, early!.id],
      );
      await db.segmentMembershipEvent.create({ data: { segmentId: segment.segmentId, customerId: late!.id, change: "ENTER", reason: {}, settingsVersion: 1, ruleVersion: 1 } });
      expect((await harness.enrol()).runsStarted).toBe(0);
      await writer.query("COMMIT");
    } finally {
      await writer.query("ROLLBACK").catch(() => {});
      writer.release();
    }
    expect((await harness.enrol()).runsStarted).toBe(2);
    expect((await runsOf(segment.workflowId)).map((run) => run.customerId).sort()).toEqual([early!.id, late!.id].sort());
  });

  it("starts nothing for changes marked \"don't trigger workflows\", reads past them, and starts runs for the next ones", async () => {
    const segment = await taggedSegment("quiet");
    const [first, second, third] = await customers(3, 4);
    await db.customer.updateMany({ where: { id: { in: [first!.id, second!.id] } }, data: { tags: { push: "quiet" } } });
    expect(await refreshOneSegment(segment.segmentId, { now: TEST_NOW, suppressWorkflows: true })).toEqual({ entered: 2, exited: 0 });
    expect(await harness.enrol()).toEqual({ eventsRead: 2, runsStarted: 0 });

    await db.customer.update({ where: { id: third!.id }, data: { tags: { push: "quiet" } } });
    expect(await refreshOneSegment(segment.segmentId, { now: TEST_NOW })).toEqual({ entered: 1, exited: 0 });
    expect(await harness.enrol()).toEqual({ eventsRead: 1, runsStarted: 1 });
    expect((await runsOf(segment.workflowId)).map((run) => run.customerId)).toEqual([third!.id]);
  });
});
