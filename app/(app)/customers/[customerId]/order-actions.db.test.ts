/**
 * Order changes from the profile against a real database with next-auth's session mocked (the real authorize
 * reads the user and asks the permission table): an agent may neither cancel nor refund an order, and the order
 * and the customer's figures stay as they were.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { formData } from "@/tests/support/form-data";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { cancelOrderAction, refundOrderAction } = await import("./actions");

const agent = DEMO_USERS.find((user) => user.role === "AGENT")!;
let order: { id: string; customerId: string; status: string; refundedMinor: number };

beforeAll(async () => {
  await seedShop(20);
  order = await db.order.findFirstOrThrow({ where: { status: "PAID" }, select: { id: true, customerId: true, status: true, refundedMinor: true } });
});

describe("order actions for an agent", () => {
  it("refuses cancelling or refunding an order, and changes nothing", async () => {
    session.userId = agent.id;
    const before = await db.customer.findUniqueOrThrow({ where: { id: order.customerId }, select: { totalSpentMinor: true, orderCount: true } });
    expect(await cancelOrderAction({ status: "idle" }, formData({ orderId: order.id }))).toMatchObject({ status: "error", message: "errors.forbidden" });
    expect(await refundOrderAction({ status: "idle" }, formData({ orderId: order.id, amount: "1.00" }))).toMatchObject({ status: "error", message: "errors.forbidden" });
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { id: true, customerId: true, status: true, refundedMinor: true } })).toEqual(order);
    expect(await db.customer.findUniqueOrThrow({ where: { id: order.customerId }, select: { totalSpentMinor: true, orderCount: true } })).toEqual(before);
  });
});
