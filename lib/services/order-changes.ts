/**
 * Order changes and their consequence: the customer's CLV figures and segments are rescored at once with the
 * model in force (lib/services/rescore-customer.ts), so the profile and the lists never lag behind a refund.
 */
import { erasedAt, findCustomerErasure, findCustomerIdByExternalId } from "@/lib/db/customer-identity";
import { cancelOrder, createOrder, refundOrder, type RefundSource } from "@/lib/db/orders";
import { getReportingCurrency } from "@/lib/db/settings";
import { AppError } from "@/lib/errors";
import { rescoreCustomer, type RescoreResult } from "./rescore-customer";

/**
 * A refund of `amountMinor` on an order, kept as its own OrderRefund row. `source` defaults to "crm" when a user
 * records it and "api" otherwise (the REST API calls this without a user); `reason` is optional free text.
 */
export async function recordRefund(
  orderId: string,
  amountMinor: number,
  options: { actorId: string | null; now?: Date; source?: RefundSource; reason?: string | null },
): Promise<{ customerId: string; status: string; rescore: RescoreResult }> {
  const now = options.now ?? new Date();
  const source = options.source ?? (options.actorId ? "crm" : "api");
  const refund = await refundOrder(orderId, amountMinor, options.actorId, now, { source, reason: options.reason });
  return { customerId: refund.customerId, status: refund.status, rescore: await rescoreCustomer(refund.customerId, { now }) };
}

export async function recordCancellation(orderId: string, options: { actorId: string | null; now?: Date }): Promise<{ customerId: string; rescore: RescoreResult }> {
  const now = options.now ?? new Date();
  const { customerId } = await cancelOrder(orderId, options.actorId, now);
  return { customerId, rescore: await rescoreCustomer(customerId, { now }) };
}

export type IncomingOrder = {
  externalId: string;
  source: string;
  customerId?: string;
  customerExternalId?: string;
  placedAt: string;
  currency?: string;
  totalMinor: number;
  salesChannel?: string | null;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
};

/**
 * A new order from another system (the shop): its customer found by id or by the shop's external id (never
 * guessed), the order written, and the customer rescored.
 */
export async function recordOrder(incoming: IncomingOrder, options: { actorId: string | null; now?: Date }) {
  const now = options.now ?? new Date();
  const customerId = incoming.customerId ?? (await findCustomerIdByExternalId(incoming.customerExternalId!));
  if (!customerId) {
    const erased = incoming.customerExternalId ? await erasedAt(incoming.customerExternalId) : null;
    if (erased) throw new AppError("CONFLICT", `The customer ${incoming.customerExternalId} was erased on ${erased.toISOString().slice(0, 10)}; orders are not attached to erased people.`, { customerExternalId: ["customerErased"] });
    throw new AppError("INVALID", "There is no customer with this id.", { [incoming.customerId ? "customerId" : "customerExternalId"]: ["customerUnknown"] });
  }
  const customer = await findCustomerErasure(customerId);
  if (!customer) throw new AppError("INVALID", "There is no customer with this id.", { customerId: ["customerUnknown"] });
  if (customer.erasedAt) throw new AppError("CONFLICT", "This customer was erased; orders are not attached to erased people.", { customerId: ["customerErased"] });
  const order = await createOrder(
    {
      externalId: incoming.externalId,
      source: incoming.source,
      customerId,
      placedAt: new Date(incoming.placedAt),
      currency: incoming.currency ?? (await getReportingCurrency()),
      totalMinor: incoming.totalMinor,
      salesChannel: incoming.salesChannel ?? null,
      lines: incoming.lines,
    },
    options.actorId,
  );
  const rescore = await rescoreCustomer(customerId, { now });
  return { order, rescore };
}
