import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { createRecomputeRun } from "@/lib/db/recompute-runs";
import { getSettings, saveSettings } from "@/lib/db/settings";
import { DEFAULT_CRM_SETTINGS } from "@/lib/schemas/crm-settings";
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
    // Lifecycle stages go by purchases: customers whose every order was refunded or cancelled are in none.
    const buyers = `SELECT DISTINCT o."customerId" FROM "Order" o WHERE o."status" IN ('PAID', 'PARTIALLY_REFUNDED') AND o."placedAt" < $1`;
    expect(lifecycle.rows.length).toBe(await count(`SELECT count(*) AS n FROM "Customer" c WHERE c."archivedAt" IS NULL AND c."id" IN (${buyers})`, [TEST_NOW]));
    expect(lifecycle.rows.every((row) => row.n === "1")).toBe(true);
    const refundedOnly = await pgPool().query<{ id: string }>(`SELECT c."id" FROM "Customer" c WHERE c."orderCount" > 0 AND c."archivedAt" IS NULL AND c."id" NOT IN (${buyers})`, [TEST_NOW]);
    expect(refundedOnly.rows.length).toBeGreaterThan(0);
    for (const { id } of refundedOnly.rows) {
      const stages = await count(`SELECT count(*) AS n FROM "SegmentMembership" sm JOIN "Segment" s ON s."id" = sm."segmentId" WHERE sm."customerId" = $1 AND s."kind" <> 'CUSTOM'`, [id]);
      expect(stages).toBe(0);
      expect(await metricsOf(id)).toMatchObject({ rfmGroup: null, frequencyScore: null, lastPurchaseAt: null });
    }

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
      // The same arithmetic on the same inputs, up to the last bit of a double (written later, of course).
      const comparable = (row: typeof after) => ({ ...row, expectedPurchases: null, probabilityAlive: null, writtenAt: null });
      expect(comparable(after)).toEqual(comparable(before));
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

  it("counts only purchases in RFM frequency and recency: a later refunded order changes neither", async () => {
    const buyer = (await db.customerMetrics.findFirstOrThrow({ where: { customer: { orderCount: 1 }, rfmGroup: { not: null } }, select: { customerId: true } })).customerId;
    const before = (await metricsOf(buyer))!;
    await db.order.create({
      data: { externalId: `REFUNDED-${Date.now()}`, customerId: buyer, placedAt: new Date(TEST_NOW.getTime() - 86_400_000), currency: "EUR", totalMinor: 5_000, refundedMinor: 5_000, status: "REFUNDED" },
    });
    await rescoreCustomer(buyer, { now: TEST_NOW });
    const after = (await metricsOf(buyer))!;
    expect(after).toMatchObject({ recencyScore: before.recencyScore, frequencyScore: before.frequencyScore, lastPurchaseAt: before.lastPurchaseAt, historicalValueMinor: before.historicalValueMinor });
  });

  it("leaves the figures of a customer rescored while it ran, and scores them again with its own fit", async () => {
    const target = (await db.customerMetrics.findFirstOrThrow({ where: { customer: { orderCount: { gte: 2 } }, historicalValueMinor: { gt: 10_000 } }, select: { customerId: true, historicalValueMinor: true } })).customerId;
    const order = await db.order.findFirstOrThrow({ where: { customerId: target, status: "PAID", placedAt: { lt: TEST_NOW } }, orderBy: { totalMinor: "desc" }, select: { id: true, totalMinor: true } });
    const before = (await metricsOf(target))!;
    const run = await createRecomputeRun({ trigger: "ADMIN" });
    let refunded = false;
    const result = await recomputeCustomerValue({
      now: TEST_NOW,
      runId: run.id,
      onProgress: async (phase) => {
        // After the run read the orders: the order is refunded and the customer rescored (as order-changes.ts does).
        if (phase !== "fitting" || refunded) return;
        refunded = true;
        await db.order.update({ where: { id: order.id }, data: { status: "REFUNDED", refundedMinor: order.totalMinor, refundedAt: TEST_NOW } });
        await rescoreCustomer(target, { now: TEST_NOW });
      },
    });
    const after = (await metricsOf(target))!;
    expect(after.historicalValueMinor).toBe(before.historicalValueMinor - BigInt(order.totalMinor));
    expect(result.customersRescoredDuringRun).toBeGreaterThanOrEqual(1);
    expect(after.modelFitId).toBe(result.fitId);
  });

  it("runs the backtest with a model fixed by an admin too, so predicted against actual is shown for it", async () => {
    const current = await getSettings();
    await saveSettings({ ...current.values, clv: { ...current.values.clv, model: "pnbd" } }, { actorId: null, expectedVersion: current.version });
    // No earlier backtest to reuse: this run has to plan its own.
    await pgPool().query(`DELETE FROM "ClvModelFit"`);
    const result = await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
    const fit = await db.clvModelFit.findUniqueOrThrow({ where: { id: result.fitId } });
    expect(fit).toMatchObject({ selection: "fixed", purchaseModel: "pnbd" });
    const backtest = fit.backtest as { ok: boolean; models: Record<string, { ok: boolean; buckets: unknown[] }> };
    expect(backtest.ok).toBe(true);
    expect(backtest.models.pnbd!.ok).toBe(true);
    expect(backtest.models.pnbd!.buckets.length).toBeGreaterThan(0);
    const latest = await getSettings();
    await saveSettings(DEFAULT_CRM_SETTINGS, { actorId: null, expectedVersion: latest.version });
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

  it("without P(alive) calls a VIP at risk after as many days without a purchase as an ordinary customer", async () => {
    const quiet = await db.customer.create({ data: { name: "Quiet Big Spender" }, select: { id: true } });
    // 200 days before TEST_NOW: past the at-risk line of 120 days; the largest value, so the one VIP in the top 5 %.
    await db.order.create({ data: { externalId: "QUIET-1", customerId: quiet.id, placedAt: new Date(TEST_NOW.getTime() - 200 * 86_400_000), currency: "EUR", totalMinor: 900_000 } });
    const result = await recomputeCustomerValue({ now: TEST_NOW });
    expect(result.modelStatus).toBe("NOT_ENOUGH_DATA");
    const segmentsOf = async (id: string) =>
      (await db.segmentMembership.findMany({ where: { customerId: id, segment: { kind: "BUILTIN" } }, select: { segment: { select: { key: true } } } })).map((m) => m.segment.key).sort();
    expect(await segmentsOf(quiet.id)).toEqual(["at_risk", "at_risk_vip", "vip"]);
    const atRiskVip = await db.segment.findUniqueOrThrow({ where: { key: "at_risk_vip" }, select: { id: true } });
    const event = await db.segmentMembershipEvent.findFirstOrThrow({ where: { customerId: quiet.id, segmentId: atRiskVip.id } });
    expect(event.reason).toMatchObject({ rule: "at_risk_vip", atRiskDays: 120 });
  });
});

describe("rescoring before the first recompute", () => {
  it("still writes the historical value and the purchase dates, and places the customer by them", async () => {
    await pgPool().query(`TRUNCATE "Customer", "ClvModelFit", "SegmentMembershipEvent", "SegmentMembership" CASCADE`);
    const customer = await db.customer.create({ data: { name: "First Buyer" }, select: { id: true } });
    const placedAt = new Date(TEST_NOW.getTime() - 3 * 86_400_000);
    await db.order.create({ data: { externalId: "FIRST-1", customerId: customer.id, placedAt, currency: "EUR", totalMinor: 12_300 } });
    const result = await rescoreCustomer(customer.id, { now: TEST_NOW });
    expect(result.status).toBe("no-fit-yet");
    expect(await metricsOf(customer.id)).toMatchObject({
      historicalValueMinor: 12_300n,
      totalClvMinor: 12_300n,
      predictedValueMinor: null,
      simpleClvMinor: null,
      rfmGroup: null,
      firstPurchaseAt: placedAt,
      lastPurchaseAt: placedAt,
      modelFitId: null,
    });
    const stages = await db.segmentMembership.findMany({ where: { customerId: customer.id }, select: { segment: { select: { key: true } } } });
    expect(stages.map((m) => m.segment.key)).toEqual(["new"]);
  });
});
