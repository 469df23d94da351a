import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { recordCancellation, recordRefund } from "./order-changes";
import { recomputeCustomerValue } from "./recompute-customer-value";

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
const metricsOf = (customerId: string) => db.customerMetrics.findUniqueOrThrow({ where: { customerId } });

beforeAll(async () => {
  await seedShop(250);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

async function paidOrder(skip = 0) {
  return db.order.findFirstOrThrow({ where: { status: "PAID", totalMinor: { gt: 2000 }, placedAt: { lt: TEST_NOW } }, orderBy: { totalMinor: "desc" }, skip, select: { id: true, customerId: true, totalMinor: true } });
}

describe("order changes", () => {
  it("a refund lowers the customer's historical value and CLV at once, and is audited", async () => {
    const order = await paidOrder();
    const before = await metricsOf(order.customerId);
    const result = await recordRefund(order.id, 1500, { actorId: manager.id, now: TEST_NOW });
    expect(result.status).toBe("PARTIALLY_REFUNDED");
    expect(result.rescore.status).toBe("scored");
    const after = await metricsOf(order.customerId);
    expect(after.historicalValueMinor).toBe(before.historicalValueMinor - 1500n);
    expect(after.totalClvMinor).toBeLessThan(before.totalClvMinor);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "order.refund", entityId: order.id } });
    expect(audit).toMatchObject({ actorId: manager.id, after: expect.objectContaining({ amountMinor: 1500, status: "PARTIALLY_REFUNDED" }) });
    const refunds = await db.orderRefund.findMany({ where: { orderId: order.id }, select: { amountMinor: true, actorId: true, source: true, refundedAt: true } });
    expect(refunds).toEqual([{ amountMinor: 1500, actorId: manager.id, source: "crm", refundedAt: TEST_NOW }]);
  });

  it("a refund from another system (no user) is kept as coming from the API, with its reason", async () => {
    const order = await paidOrder(3);
    await recordRefund(order.id, 700, { actorId: null, now: TEST_NOW, reason: "Returned by post" });
    expect(await db.orderRefund.findMany({ where: { orderId: order.id }, select: { amountMinor: true, actorId: true, source: true, reason: true } })).toEqual([
      { amountMinor: 700, actorId: null, source: "api", reason: "Returned by post" },
    ]);
  });

  it("refuses a refund beyond what was paid, and a cancellation of a refunded order, writing nothing", async () => {
    const order = await paidOrder(1);
    const before = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    await expect(recordRefund(order.id, order.totalMinor + 1, { actorId: manager.id, now: TEST_NOW })).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toEqual(before);

    await recordRefund(order.id, order.totalMinor, { actorId: manager.id, now: TEST_NOW });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("REFUNDED");
    await expect(recordCancellation(order.id, { actorId: manager.id, now: TEST_NOW })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(recordRefund(order.id, 100, { actorId: manager.id, now: TEST_NOW })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a cancellation takes the order out of the customer's figures", async () => {
    const order = await paidOrder(2);
    const customerBefore = await db.customer.findUniqueOrThrow({ where: { id: order.customerId }, select: { orderCount: true } });
    const metricsBefore = await metricsOf(order.customerId);
    await recordCancellation(order.id, { actorId: manager.id, now: TEST_NOW });
    expect((await db.customer.findUniqueOrThrow({ where: { id: order.customerId }, select: { orderCount: true } })).orderCount).toBe(customerBefore.orderCount - 1);
    expect((await metricsOf(order.customerId)).historicalValueMinor).toBe(metricsBefore.historicalValueMinor - BigInt(order.totalMinor));
  });

  it("an unknown order is NOT_FOUND", async () => {
    await expect(recordRefund("00000000-0000-4000-8000-00000000beef", 100, { actorId: manager.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
