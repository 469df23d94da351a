/**
 * Changes to orders after they were placed: refunds and cancellations. Each locks the order, checks the change
 * against its current state (no refund beyond what was paid, no cancelling a refunded order) and writes an audit
 * entry (and, for a refund, its OrderRefund row), in one transaction; the order aggregates on the customer follow through the database triggers.
 */
import { AppError } from "@/lib/errors";
import { writeAuditEntry } from "./audit-log";
import { db } from "./client";

type LockedOrder = { id: string; customerId: string; status: string; totalMinor: number; refundedMinor: number; currency: string; externalId: string };

/** Where a refund was recorded: by a user in the CRM, or by another system through the API. */
export type RefundSource = "crm" | "api";

export async function refundOrder(
  orderId: string,
  amountMinor: number,
  actorId: string | null,
  now: Date,
  details: { source: RefundSource; reason?: string | null } = { source: actorId ? "crm" : "api" },
): Promise<{ customerId: string; refundedMinor: number; status: string; refundId: string }> {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new AppError("INVALID", "A refund must be a positive amount.", { amount: ["amountInvalid"] });
  return db.$transaction(async (tx) => {
    const [order] = await tx.$queryRaw<LockedOrder[]>`
      SELECT "id", "customerId", "status"::text AS status, "totalMinor", "refundedMinor", "currency"::text AS currency, "externalId"
      FROM "Order" WHERE "id" = ${orderId}::uuid FOR UPDATE`;
    if (!order) throw new AppError("NOT_FOUND", "This order does not exist.");
    if (order.status === "CANCELLED" || order.status === "REFUNDED") {
      throw new AppError("CONFLICT", "This order cannot be refunded any more.", { amount: ["orderNotRefundable"] });
    }
    const refunded = order.refundedMinor + amountMinor;
    if (refunded > order.totalMinor) throw new AppError("INVALID", "A refund cannot exceed what was paid.", { amount: ["refundTooLarge"] });
    const status = refunded === order.totalMinor ? "REFUNDED" : "PARTIALLY_REFUNDED";
    await tx.order.update({ where: { id: orderId }, data: { refundedMinor: refunded, status, refundedAt: now } });
    // One row per refund: the order keeps only the running total and the latest time.
    const refund = await tx.orderRefund.create({
      data: { orderId, amountMinor, refundedAt: now, actorId, source: details.source, reason: details.reason || null },
      select: { id: true },
    });
    await writeAuditEntry(tx, {
      actorId,
      action: "order.refund",
      entityType: "Order",
      entityId: orderId,
      before: { status: order.status, refundedMinor: order.refundedMinor },
      after: { status, refundedMinor: refunded, amountMinor, order: order.externalId, customerId: order.customerId, refundId: refund.id },
    });
    return { customerId: order.customerId, refundedMinor: refunded, status, refundId: refund.id };
  });
}

export async function cancelOrder(orderId: string, actorId: string | null, now: Date): Promise<{ customerId: string }> {
  return db.$transaction(async (tx) => {
    const [order] = await tx.$queryRaw<LockedOrder[]>`
      SELECT "id", "customerId", "status"::text AS status, "totalMinor", "refundedMinor", "currency"::text AS currency, "externalId"
      FROM "Order" WHERE "id" = ${orderId}::uuid FOR UPDATE`;
    if (!order) throw new AppError("NOT_FOUND", "This order does not exist.");
    if (order.status !== "PAID") throw new AppError("CONFLICT", "Only a paid order without refunds can be cancelled.", { form: ["orderNotCancellable"] });
    await tx.order.update({ where: { id: orderId }, data: { status: "CANCELLED", cancelledAt: now } });
    await writeAuditEntry(tx, { actorId, action: "order.cancel", entityType: "Order", entityId: orderId, before: { status: order.status }, after: { status: "CANCELLED", order: order.externalId, customerId: order.customerId } });
    return { customerId: order.customerId };
  });
}

export function getOrderCurrency(orderId: string) {
  return db.order.findUnique({ where: { id: orderId }, select: { currency: true, customerId: true } });
}

const ORDER_SELECT = {
  id: true, externalId: true, source: true, customerId: true, placedAt: true, status: true, currency: true, totalMinor: true,
  refundedMinor: true, salesChannel: true, refundedAt: true, cancelledAt: true,
  lines: { select: { sku: true, name: true, quantity: true, unitPriceMinor: true }, orderBy: { sku: "asc" as const } },
} as const;

export function getOrder(id: string) {
  return db.order.findUnique({ where: { id }, select: ORDER_SELECT });
}

/** A customer's orders, newest first, after a keyset cursor (placedAt, id). */
export function listOrdersForCustomer(customerId: string, after: [string, string] | null, limit: number) {
  return db.order.findMany({
    where: {
      customerId,
      ...(after ? { OR: [{ placedAt: { lt: new Date(after[0]) } }, { placedAt: new Date(after[0]), id: { lt: after[1] } }] } : {}),
    },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: ORDER_SELECT,
  });
}

export type NewOrder = {
  externalId: string;
  source: string;
  customerId: string;
  placedAt: Date;
  currency: string;
  totalMinor: number;
  salesChannel: string | null;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
};

/** Creates an order with its lines; the same (source, external id) twice is a CONFLICT. */
export async function createOrder(order: NewOrder, actorId: string | null) {
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.order.create({
        data: { ...order, lines: { create: order.lines } },
        select: ORDER_SELECT,
      });
      await writeAuditEntry(tx, { actorId, action: "order.create", entityType: "Order", entityId: created.id, after: { order: order.externalId, source: order.source, customerId: order.customerId, totalMinor: order.totalMinor } });
      return created;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("CONFLICT", `An order ${order.externalId} from ${order.source} already exists.`, { externalId: ["orderExists"] });
    }
    throw error;
  }
}
