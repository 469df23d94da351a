/**
 * Historical CLV: what a customer has actually brought in. Cancelled orders count for nothing, refunds are
 * taken off, and with a gross margin the result is profit rather than revenue. Integer minor units in and out.
 */
import { roundMinor } from "../money";

export type OrderValue = { totalMinor: number; refundedMinor: number; isCancelled?: boolean };

export function historicalClvMinor(orders: readonly OrderValue[], options: { grossMargin?: number } = {}): number {
  const margin = options.grossMargin ?? 1;
  assertMargin(margin);
  let net = 0;
  for (const order of orders) {
    if (!Number.isSafeInteger(order.totalMinor) || !Number.isSafeInteger(order.refundedMinor)) {
      throw new RangeError("Order amounts must be whole numbers of minor units.");
    }
    if (order.isCancelled) continue;
    net += order.totalMinor - order.refundedMinor;
  }
  return roundMinor(net * margin);
}

/** A gross margin is a share of revenue: 0 to 1 (0.35 for 35 %). */
export function assertMargin(margin: number): void {
  if (!(margin >= 0 && margin <= 1)) throw new RangeError(`The gross margin must be between 0 and 1, got ${margin}.`);
}
