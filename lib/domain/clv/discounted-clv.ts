/**
 * Discounted CLV over a horizon of H months, as lifetimes and pymc-marketing compute it:
 *   CLV = margin · S · Σ_{k=1..H} (E[X(k·f)] − E[X((k−1)·f)]) / (1 + d)^k
 * with S the expected spend per purchase (Gamma-Gamma), E[X(t)] the purchase model's expected purchases in the
 * next t time units, f the time units per month and d the monthly discount rate. Purchases of month k are
 * discounted as if paid at the end of that month.
 */
import { assertMargin } from "./historical-clv";
import type { TimeUnit } from "./summarize-transactions";

/** An average month: 365.25/12 days, or that over 7 in weeks (lifetimes uses 30 and 4.345). */
export const UNITS_PER_MONTH: Record<TimeUnit, number> = { day: 365.25 / 12, week: 365.25 / 12 / 7 };

export type DiscountOptions = {
  horizonMonths: number;
  /** Monthly discount rate d ≥ 0 (see monthlyRateFromAnnual). */
  monthlyDiscountRate: number;
  unitsPerMonth: number;
};

export function assertDiscountOptions(options: DiscountOptions): void {
  if (!Number.isInteger(options.horizonMonths) || options.horizonMonths < 1 || options.horizonMonths > 1200) {
    throw new RangeError(`The horizon must be a whole number of months from 1 to 1200, got ${options.horizonMonths}.`);
  }
  if (!(options.monthlyDiscountRate >= 0 && options.monthlyDiscountRate < 1)) {
    throw new RangeError(`The monthly discount rate must be at least 0 and below 1, got ${options.monthlyDiscountRate}.`);
  }
  if (!(options.unitsPerMonth > 0 && Number.isFinite(options.unitsPerMonth))) {
    throw new RangeError(`The time units per month must be a positive number, got ${options.unitsPerMonth}.`);
  }
}

/** (1 + annual)^(1/12) − 1: the monthly rate that compounds to the annual one. */
export function monthlyRateFromAnnual(annualRate: number): number {
  if (!(annualRate > -1)) throw new RangeError(`An annual rate must be above −100 %, got ${annualRate}.`);
  return Math.expm1(Math.log1p(annualRate) / 12);
}

/** Σ_k (E[X(k·f)] − E[X((k−1)·f)]) / (1+d)^k for one customer's cumulative expected purchases E[X(·)]. */
export function discountedExpectedPurchases(expectedPurchases: (t: number) => number, options: DiscountOptions): number {
  let total = 0;
  let previous = 0;
  let discount = 1;
  for (let k = 1; k <= options.horizonMonths; k++) {
    const current = expectedPurchases(k * options.unitsPerMonth);
    discount /= 1 + options.monthlyDiscountRate;
    total += (current - previous) * discount;
    previous = current;
  }
  return total;
}

/** margin · spend · discounted purchases. */
export function discountedClv(expectedSpend: number, discountedPurchases: number, grossMargin: number): number {
  assertMargin(grossMargin);
  return grossMargin * expectedSpend * discountedPurchases;
}
