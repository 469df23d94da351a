import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { SegmentRule } from "@/lib/domain/segments/segment-rule";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { refreshOneSegment } from "@/lib/services/segment-refresh";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { db } from "./client";
import { archiveCustomSegment, createCustomSegment, getCustomSegment, getSegmentByKey, listSegmentSummaries, updateCustomSegment } from "./segments";

const actor = DEMO_USERS[1]!.id;
const buyers: SegmentRule = { match: "all", conditions: [{ field: "orderCount", op: "gte", value: 1 }] };
const loyalBuyers: SegmentRule = { match: "all", conditions: [{ field: "orderCount", op: "gte", value: 3 }] };

beforeAll(async () => {
  await seedShop(60);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

const auditEntries = (entityId: string) => db.auditLog.findMany({ where: { entityId }, orderBy: { id: "asc" }, select: { action: true, actorId: true, before: true, after: true } });

describe("custom segments", () => {
  it("are created as CUSTOM with a custom:<uuid> key, rule version 1 and an audit entry", async () => {
    const { id, key } = await createCustomSegment({ name: "Buyers", description: null, rule: buyers }, actor);
    expect(key).toBe(`custom:${id}`);
    expect(await db.segment.findUniqueOrThrow({ where: { id } })).toMatchObject({ kind: "CUSTOM", name: "Buyers", description: null, rule: buyers, ruleVersion: 1, createdById: actor });
    expect(await auditEntries(id)).toEqual([{ action: "segment.create", actorId: actor, before: null, after: { key, name: "Buyers", description: null, rule: buyers, ruleVersion: 1 } }]);
    expect(await getCustomSegment(id)).toMatchObject({ id, key, name: "Buyers", rule: buyers });
  });

  it("keep the rule version on a name or description edit and bump it on a rule change, auditing only what changed", async () => {
    const { id } = await createCustomSegment({ name: "Regulars", description: null, rule: buyers }, actor);
    expect(await updateCustomSegment(id, { name: "Regular buyers", description: "Ordered at least once", rule: buyers }, actor)).toEqual({ ruleVersion: 1, isRuleChanged: false });
    expect(await updateCustomSegment(id, { name: "Regular buyers", description: "Ordered at least once", rule: loyalBuyers }, actor)).toEqual({ ruleVersion: 2, isRuleChanged: true });
    // Saving the same again changes nothing and writes nothing.
    expect(await updateCustomSegment(id, { name: "Regular buyers", description: "Ordered at least once", rule: loyalBuyers }, actor)).toEqual({ ruleVersion: 2, isRuleChanged: false });
    expect(await db.segment.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Regular buyers", description: "Ordered at least once", rule: loyalBuyers, ruleVersion: 2 });
    const [, renamed, ruleChange, ...rest] = await auditEntries(id);
    expect(renamed).toMatchObject({ action: "segment.update", before: { name: "Regulars", description: null }, after: { name: "Regular buyers", description: "Ordered at least once" } });
    expect(ruleChange).toMatchObject({ action: "segment.update", before: { rule: buyers, ruleVersion: 1 }, after: { rule: loyalBuyers, ruleVersion: 2 } });
    expect(rest).toEqual([]);
  });

  it("are archived with an audit entry, leave the list and can no longer be edited", async () => {
    const { id, key } = await createCustomSegment({ name: "Short-lived", description: null, rule: buyers }, actor);
    expect((await listSegmentSummaries()).segments.map((segment) => segment.key)).toContain(key);
    await archiveCustomSegment(id, actor, TEST_NOW);
    expect((await listSegmentSummaries()).segments.map((segment) => segment.key)).not.toContain(key);
    expect(await getCustomSegment(id)).toBeNull();
    expect((await auditEntries(id)).at(-1)).toMatchObject({ action: "segment.archive", after: { archivedAt: TEST_NOW.toISOString() } });
    await expectAppError(updateCustomSegment(id, { name: "Back", description: null, rule: buyers }, actor), "NOT_FOUND");
    await expectAppError(archiveCustomSegment(id, actor), "NOT_FOUND");
  });

  it("refuse unknown ids", async () => {
    await expectAppError(updateCustomSegment("00000000-0000-4000-8000-00000000ffff", { name: "X", description: null, rule: buyers }, actor), "NOT_FOUND");
    await expectAppError(archiveCustomSegment("not-a-uuid", actor), "NOT_FOUND");
    expect(await getCustomSegment("not-a-uuid")).toBeNull();
  });

  it.each(["vip", "at_risk", "rfm:champions"])("leave the built-in segment %s alone, writing nothing", async (key) => {
    const builtIn = await getSegmentByKey(key);
    expect(builtIn).not.toBeNull();
    const auditsBefore = await db.auditLog.count();
    await expectAppError(updateCustomSegment(builtIn!.id, { name: "Mine now", description: null, rule: buyers }, actor), "FORBIDDEN");
    await expectAppError(archiveCustomSegment(builtIn!.id, actor), "FORBIDDEN");
    expect(await db.segment.findUniqueOrThrow({ where: { id: builtIn!.id } })).toMatchObject({ name: builtIn!.name, rule: builtIn!.rule, archivedAt: null });
    expect(await db.auditLog.count()).toBe(auditsBefore);
    expect(await getCustomSegment(builtIn!.id)).toBeNull();
  });

  it("have members at once after a refresh, who follow a rule change and leave on archiving, each with an event", async () => {
    const { id } = await createCustomSegment({ name: "Followed", description: null, rule: buyers }, actor);
    const first = await refreshOneSegment(id, { now: TEST_NOW, suppressWorkflows: true });
    const buyerCount = await db.customer.count({ where: { archivedAt: null, orderCount: { gte: 1 } } });
    expect(first).toEqual({ entered: buyerCount, exited: 0 });
    const summary = (await listSegmentSummaries()).segments.find((segment) => segment.id === id);
    expect(summary?.members).toBe(buyerCount);

    await updateCustomSegment(id, { name: "Followed", description: null, rule: loyalBuyers }, actor);
    const second = await refreshOneSegment(id, { now: TEST_NOW, suppressWorkflows: true });
    const loyalCount = await db.customer.count({ where: { archivedAt: null, orderCount: { gte: 3 } } });
    expect(second).toEqual({ entered: 0, exited: buyerCount - loyalCount });
    expect(await db.segmentMembershipEvent.count({ where: { segmentId: id, change: "EXIT", ruleVersion: 2 } })).toBe(buyerCount - loyalCount);

    await archiveCustomSegment(id, actor, TEST_NOW);
    expect(await refreshOneSegment(id, { now: TEST_NOW, suppressWorkflows: true })).toEqual({ entered: 0, exited: loyalCount });
    expect(await db.segmentMembership.count({ where: { segmentId: id } })).toBe(0);
  });
});
