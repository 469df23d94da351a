/**
 * Order changes and their consequence: the customer's CLV figures and segments are rescored at once with the
 * model in force (lib/services/rescore-customer.ts), so the profile and the lists never lag behind a refund.
 */
import { cancelOrder, refundOrder } from "@/lib/db/orders";
import { rescoreCustomer, type RescoreResult } from "./rescore-customer";

export async function recordRefund(orderId: string, amountMinor: number, options: { actorId: string | null; now?: Date }): Promise<{ customerId: string; status: string; rescore: RescoreResult }> {
  const now = options.now ?? new Date();
  const refund = await refundOrder(orderId, amountMinor, options.actorId, now);
  return { customerId: refund.customerId, status: refund.status, rescore: await rescoreCustomer(refund.customerId, { now }) };
}

export async function recordCancellation(orderId: string, options: { actorId: string | null; now?: Date }): Promise<{ customerId: string; rescore: RescoreResult }> {
  const now = options.now ?? new Date();
  const { customerId } = await cancelOrder(orderId, options.actorId, now);
  return { customerId, rescore: await rescoreCustomer(customerId, { now }) };
}
