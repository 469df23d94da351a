import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import type { Shop } from "@/prisma/factories/shop";
import { recomputeCustomerValue, type RecomputeResult } from "./recompute-customer-value";
import { rescoreCustomer } from "./rescore-customer";

let shop: Shop;
let first: RecomputeResult;

const metricsOf = (customerId: string) => db.customerMetrics.findUnique({ where: { customerId } });
const count = async (sql: string, params: unknown[] = []) => Number((await pgPool().query<{ n: string }>(sql, params)).rows[0]!.n);

beforeAll(async () => {
  shop = await seedShop(400);
  first = await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

describe("the CLV recompute", () => {
  it("fits a purchase model chosen by backtest and scores every customer who bought anything", async () => {
    expect(first.modelStatus).toBe("OK");
    expect(["bgnbd", "pnbd"]).toContain(first.purchaseModel);
    const fit = await db.clvModelFit.findUniqueOrThrow({ where: { id: first.fitId } });
    expect(fit.selection).toBe("auto");
    expect((fit.backtest as { ok: boolean; chosen: string }).chosen).toBe(first.purchaseModel);
    expect(fit.spendParams).not.toBeNull();
    const forecast = fit.forecast as { purchases: number[]; revenueMinor: number[] };
    expect(forecast.revenueMinor).toHaveLength(12);
    expect(forecast.revenueMinor.every((month) => month > 0)).toBe(true);

    const buyers = await count(`SELECT count(DISTINCT "customerId") AS n FROM "Order" WHERE "status" IN ('PAID', 'PARTIALLY_REFUNDED') AND "placedAt" < $1`, [TEST_NOW]);
    expect(first.customersScored).toBe(buyers);
    expect(await db.customerMetrics.count({ where: { rfmGroup: { not: null } } })).toBe(buyers);
    // Everyone else has a row of zeros.
    expect(await db.customerMetrics.count()).toBe(await db.customer.count());
    expect(await db.customerMetrics.count({ where: { rfmGroup: null, totalClvMinor: { not: 0 } } })).toBe(0);
  });

  it("writes whole, consistent figures: total = historical + predicted, P(alive) in [0, 1], nothing NaN", async () => {
    const rows = await db.customerMetrics.findMany({ where: { rfmGroup: { not: null } }, include: { customer: { select: { totalSpentMinor: true } } } });
    for (const row of rows) {
      expect(row.predictedValueMinor).not.toBeNull();
      expect(row.totalClvMinor).toBe(row.historicalValueMinor + row.predictedValueMinor!);
      expect(row.historicalValueMinor).toBe(row.customer.totalSpentMinor);
      expect(row.probabilityAlive).toBeGreaterThanOrEqual(0);
      expect(row.probabilityAlive).toBeLessThanOrEqual(1);
      expect(Number.isFinite(row.expectedPurchases)).toBe(true);
      expect(row.rfmGroup).toBeTruthy();
    }
  });

  it("puts every customer with orders in exactly one lifecycle segment and about the top 5 % in VIP", async () => {
    const lifecycle = await pgPool().query<{ n: string }>(
      `SELECT count(*) AS n FROM "SegmentMembership" sm JOIN "Segment" s ON s."id" = sm."segmentId"
       WHERE s."key" IN ('new', 'active', 'at_risk', 'lost') GROUP BY sm."customerId"`,
    );
    // Customers whose only orders were refunded have no model figures but still a lifecycle stage by date.
    expect(lifecycle.rows.length).toBe(await count(`SELECT count(*) AS n FROM "Customer" WHERE "orderCount" > 0 AND "archivedAt" IS NULL`));
    expect(lifecycle.rows.every((row) => row.n === "1")).toBe(true);

    const vips = await count(`SELECT count(*) AS n FROM "SegmentMembership" sm JOIN "Segment" s ON s."id" = sm."segmentId" WHERE s."key" = 'vip'`);
    const positive = await count(`SELECT count(*) AS n FROM "CustomerMetrics" WHERE "predictedValueMinor" > 0`);
    expect(positive).toBeGreaterThan(300);
    expect(vips).toBeGreaterThanOrEqual(Math.ceil(positive * 0.05));
    expect(vips).toBeLessThan(Math.ceil(positive * 0.05) + 5);
  });

  it("records one entry event per membership, and a second run with nothing new changes nothing", async () => {
    const memberships = await db.segmentMembership.count();
    expect(await db.segmentMembershipEvent.count({ where: { change: "ENTER" } })).toBe(memberships);
    const again = await recomputeCustomerValue({ now: TEST_NOW });
    expect(again.membershipChanges).toBe(0);
    expect(await db.segmentMembershipEvent.count()).toBe(memberships);
  });

  it("rescoring one customer alone gives the figures the full run gave", async () => {
    const sample = shop.customers.filter((customer) => shop.orders.some((order) => order.customerId === customer.id)).slice(0, 25);
    for (const customer of sample) {
      const before = await metricsOf(customer.id);
      const result = await rescoreCustomer(customer.id, { now: TEST_NOW });
      expect(result).toEqual({ status: "scored", membershipChanges: 0 });
      const after = await metricsOf(customer.id);
      // The same arithmetic on the same inputs, up to the last bit of a double.
      expect({ ...after, expectedPurchases: null, probabilityAlive: null }).toEqual({ ...before, expectedPurchases: null, probabilityAlive: null });
      expect(after!.expectedPurchases).toBeCloseTo(before!.expectedPurchases!, 10);
      expect(after!.probabilityAlive).toBeCloseTo(before!.probabilityAlive!, 12);
    }
  });

  it("rescores a customer at once after a new order, and records their segment changes once", async () => {
    const oneTimer = (await db.customerMetrics.findFirstOrThrow({ where: { customer: { orderCount: 1 } }, select: { customerId: true, historicalValueMinor: true } })).customerId;
    const before = (await metricsOf(oneTimer))!;
    const events = await db.segmentMembershipEvent.count({ where: { customerId: oneTimer } });
    await db.order.create({ data: { externalId: `RESCORE-${Date.now()}`, customerId: oneTimer, placedAt: new Date(TEST_NOW.getTime() - 3_600_000), currency: "EUR", totalMinor: 250_000 } });

    const result = await rescoreCustomer(oneTimer, { now: TEST_NOW });
    const after = (await metricsOf(oneTimer))!;
    expect(after.historicalValueMinor).toBe(before.historicalValueMinor + 250_000n);
    expect(after.probabilityAlive).toBeGreaterThan(0.5);
    const newEvents = await db.segmentMembershipEvent.count({ where: { customerId: oneTimer } });
    expect(newEvents - events).toBe(result.membershipChanges);

    expect((await rescoreCustomer(oneTimer, { now: TEST_NOW })).membershipChanges).toBe(0);
    expect(await db.segmentMembershipEvent.count({ where: { customerId: oneTimer } })).toBe(newEvents);
  });
});

describe("the CLV recompute with too little data", () => {
  it("says why there is no prediction and keeps historical figures, with no NaN anywhere", async () => {
    await pgPool().query(`TRUNCATE "Customer", "ClvModelFit", "SegmentMembershipEvent", "SegmentMembership" CASCADE`);
    const customer = await db.customer.create({ data: { name: "Only Customer" }, select: { id: true } });
    await db.order.create({ data: { externalId: "ONLY-1", customerId: customer.id, placedAt: new Date("2026-05-01T10:00:00Z"), currency: "EUR", totalMinor: 4200 } });

    const result = await recomputeCustomerValue({ now: TEST_NOW });
    expect(result.modelStatus).toBe("NOT_ENOUGH_DATA");
    const fit = await db.clvModelFit.findUniqueOrThrow({ where: { id: result.fitId } });
    expect((fit.unavailable as { purchase: { cause: string } }).purchase.cause).toMatch(/TOO_FEW_CUSTOMERS|NO_REPEAT_BUYERS/);
    const metrics = (await metricsOf(customer.id))!;
    expect(metrics).toMatchObject({ historicalValueMinor: 4200n, predictedValueMinor: null, totalClvMinor: 4200n, probabilityAlive: null, expectedPurchases: null });
  });
});
