import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { eraseCustomer } from "./customer-privacy";
import { recordRefund } from "./order-changes";

beforeAll(async () => {
  await seedShop(1);
});

describe("erasing a person and their refunds", () => {
  it("blanks the refund reasons (free text) and keeps the refunds with the anonymous orders", async () => {
    const customer = await db.customer.create({ data: { name: "Erin Erased", email: "erin@example.com" }, select: { id: true } });
    const order = await db.order.create({ data: { externalId: "ER-1", customerId: customer.id, placedAt: new Date("2026-05-01T12:00:00Z"), currency: "EUR", totalMinor: 5000 }, select: { id: true } });
    await recordRefund(order.id, 1000, { actorId: DEMO_USERS[1]!.id, reason: "Erin called from her holiday flat in Sopot", now: new Date("2026-05-02T12:00:00Z") });
    await eraseCustomer(customer.id, { actorId: DEMO_USERS[1]!.id, now: new Date("2026-05-03T12:00:00Z") });
    expect(await db.orderRefund.findMany({ where: { orderId: order.id }, select: { amountMinor: true, reason: true } })).toEqual([{ amountMinor: 1000, reason: null }]);
  });
});
