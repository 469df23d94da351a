/**
 * Membership refreshes that run at the same time, against a real database: two refreshes of one segment (a
 * rescored order and a rule change, say) record each entry and exit exactly once between them, and two full
 * refreshes at once (a recompute finishing while an admin saves a threshold) do too, ending under the newest settings.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { createCustomSegment, updateCustomSegment } from "@/lib/db/segments";
import { getSettings, saveSettings } from "@/lib/db/settings";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { recomputeCustomerValue } from "./recompute-customer-value";
import { refreshAllSegments, refreshOneSegment } from "./segment-refresh";

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;

/** Per customer, the changes recorded for the segment, in order. */
async function eventsByCustomer(segmentId: string): Promise<Map<string, string[]>> {
  const events = await db.segmentMembershipEvent.findMany({ where: { segmentId }, orderBy: { id: "asc" }, select: { customerId: true, change: true } });
  const byCustomer = new Map<string, string[]>();
  for (const event of events) byCustomer.set(event.customerId, [...(byCustomer.get(event.customerId) ?? []), event.change]);
  return byCustomer;
}

beforeAll(async () => {
  await seedShop(250);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

describe("refreshing one segment twice at the same time", () => {
  it("records every entry and every exit exactly once", async () => {
    const many = { match: "all" as const, conditions: [{ field: "orderCount" as const, op: "gte" as const, value: 2 }] };
    const { id } = await createCustomSegment({ name: "Repeat buyers", description: null, rule: many }, manager.id);

    const entered = await Promise.all([refreshOneSegment(id, { now: TEST_NOW }), refreshOneSegment(id, { now: TEST_NOW })]);
    const members = await db.segmentMembership.count({ where: { segmentId: id } });
    expect(members).toBeGreaterThan(20);
    expect(entered[0]!.entered + entered[1]!.entered).toBe(members);
    let events = await eventsByCustomer(id);
    expect(events.size).toBe(members);
    expect([...events.values()].every((changes) => changes.join() === "ENTER")).toBe(true);

    // A narrower rule: some leave, each with one exit however many refreshes ran.
    await updateCustomSegment(id, { name: "Repeat buyers", description: null, rule: { match: "all", conditions: [{ field: "orderCount", op: "gte", value: 6 }] } }, manager.id);
    const exited = await Promise.all([refreshOneSegment(id, { now: TEST_NOW }), refreshOneSegment(id, { now: TEST_NOW }), refreshOneSegment(id, { now: TEST_NOW })]);
    const remaining = await db.segmentMembership.count({ where: { segmentId: id } });
    expect(remaining).toBeLessThan(members);
    expect(exited.reduce((sum, result) => sum + result.exited, 0)).toBe(members - remaining);
    events = await eventsByCustomer(id);
    const counts = [...events.values()].map((changes) => changes.join());
    expect(counts.filter((changes) => changes === "ENTER,EXIT")).toHaveLength(members - remaining);
    expect(counts.filter((changes) => changes === "ENTER")).toHaveLength(remaining);
  });
});

describe("two full refreshes at the same time", () => {
  it("record each VIP change once and end under the newest settings", async () => {
    const vip = await db.segment.findUniqueOrThrow({ where: { key: "vip" }, select: { id: true } });
    const before = await db.segmentMembershipEvent.count({ where: { segmentId: vip.id } });
    const current = await getSettings();
    const saved = await saveSettings({ ...current.values, vip: { ...current.values.vip, enterTopPercent: 15, exitTopPercent: 20 } }, { actorId: null, expectedVersion: current.version });

    const results = await Promise.all([refreshAllSegments({ now: TEST_NOW }), refreshAllSegments({ now: TEST_NOW })]);
    expect(results.map((result) => result.settingsVersion)).toEqual([saved.version, saved.version]);
    const newcomers = await db.segmentMembershipEvent.findMany({ where: { segmentId: vip.id }, orderBy: { id: "asc" }, skip: before, select: { customerId: true, change: true } });
    expect(newcomers.length).toBeGreaterThan(0);
    expect(newcomers.every((event) => event.change === "ENTER")).toBe(true);
    expect(new Set(newcomers.map((event) => event.customerId)).size).toBe(newcomers.length);
    // One of the two found everything to do, the other nothing.
    expect(results.map((result) => result.entered + result.exited).sort((a, b) => a - b)[0]).toBe(0);
    const { rows } = await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "SegmentMembership" WHERE "segmentId" = $1`, [vip.id]);
    expect(Number(rows[0]!.n)).toBe(before + newcomers.length);
  });
});
