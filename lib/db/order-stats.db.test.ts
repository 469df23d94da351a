import { beforeAll, describe, expect, it } from "vitest";
import { seedShop } from "@/tests/support/seed-shop";
import type { Shop } from "@/prisma/factories/shop";
import { db } from "./client";

let shop: Shop;

beforeAll(async () => {
  shop = await seedShop(150);
});

async function stats(customerId: string) {
  const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { orderCount: true, totalSpentMinor: true, firstOrderAt: true, lastOrderAt: true } });
  return { ...customer, totalSpentMinor: Number(customer.totalSpentMinor) };
}

function expectedStats(customerId: string) {
  const orders = shop.orders.filter((order) => order.customerId === customerId && order.status !== "CANCELLED");
  const times = orders.map((order) => order.placedAt.getTime());
  return {
    orderCount: orders.length,
    totalSpentMinor: orders.reduce((sum, order) => sum + order.totalMinor - order.refundedMinor, 0),
    firstOrderAt: times.length ? new Date(Math.min(...times)) : null,
    lastOrderAt: times.length ? new Date(Math.max(...times)) : null,
  };
}

describe("order aggregates on customers (database triggers)", () => {
  it("match the orders after a bulk load, for every customer", async () => {
    for (const customer of shop.customers) expect(await stats(customer.id)).toEqual(expectedStats(customer.id));
  });

  it("follow a new order, a partial refund, a cancellation and a deletion", async () => {
    const customer = await db.customer.create({ data: { name: "Trigger Test" }, select: { id: true } });
    const placedAt = new Date("2026-05-01T10:00:00Z");
    const order = await db.order.create({ data: { externalId: "T-1", customerId: customer.id, placedAt, currency: "EUR", totalMinor: 5000 }, select: { id: true } });
    expect(await stats(customer.id)).toEqual({ orderCount: 1, totalSpentMinor: 5000, firstOrderAt: placedAt, lastOrderAt: placedAt });

    await db.order.update({ where: { id: order.id }, data: { status: "PARTIALLY_REFUNDED", refundedMinor: 1200 } });
    expect((await stats(customer.id)).totalSpentMinor).toBe(3800);

    const later = new Date("2026-05-20T10:00:00Z");
    const second = await db.order.create({ data: { externalId: "T-2", customerId: customer.id, placedAt: later, currency: "EUR", totalMinor: 1000 }, select: { id: true } });
    expect(await stats(customer.id)).toEqual({ orderCount: 2, totalSpentMinor: 4800, firstOrderAt: placedAt, lastOrderAt: later });

    await db.order.update({ where: { id: second.id }, data: { status: "CANCELLED" } });
    expect(await stats(customer.id)).toEqual({ orderCount: 1, totalSpentMinor: 3800, firstOrderAt: placedAt, lastOrderAt: placedAt });

    await db.order.deleteMany({ where: { customerId: customer.id } });
    expect(await stats(customer.id)).toEqual({ orderCount: 0, totalSpentMinor: 0, firstOrderAt: null, lastOrderAt: null });
  });

  it("moves the figures when an order moves to another customer", async () => {
    const [from, to] = await Promise.all([
      db.customer.create({ data: { name: "From" }, select: { id: true } }),
      db.customer.create({ data: { name: "To" }, select: { id: true } }),
    ]);
    const order = await db.order.create({ data: { externalId: "M-1", customerId: from.id, placedAt: new Date(), currency: "EUR", totalMinor: 700 }, select: { id: true } });
    await db.order.update({ where: { id: order.id }, data: { customerId: to.id } });
    expect((await stats(from.id)).orderCount).toBe(0);
    expect((await stats(to.id)).totalSpentMinor).toBe(700);
  });

  it("stay right when two transactions add orders for the same customer at once", async () => {
    const customer = await db.customer.create({ data: { name: "Concurrent" }, select: { id: true } });
    const insertInTransaction = (n: number) =>
      db.$transaction(async (tx) => {
        await tx.order.create({ data: { externalId: `C-${n}`, customerId: customer.id, placedAt: new Date(), currency: "EUR", totalMinor: 100 * n } });
        // Hold the transaction open so the two overlap.
        await tx.$executeRawUnsafe("SELECT pg_sleep(0.2)");
      });
    await Promise.all([insertInTransaction(1), insertInTransaction(2), insertInTransaction(3)]);
    expect(await stats(customer.id)).toMatchObject({ orderCount: 3, totalSpentMinor: 600 });
  });
});
