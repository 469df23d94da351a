/**
 * What segment rules can ask about a customer: their CLV metrics and attributes as plain data. The same facts
 * live in the "Customer" and "CustomerMetrics" columns that lib/db/segment-rule-sql.ts compiles rules against,
 * so a rule gives one answer whether it runs here for one customer or in SQL for the whole base.
 */
import type { RfmGroup } from "../rfm";

export type CustomerFacts = {
  /** CLV metrics; null when the customer has not been scored yet. */
  historicalValueMinor: number | null;
  /** Null when there is no model (not enough data) or the customer has not been scored. */
  predictedValueMinor: number | null;
  totalClvMinor: number | null;
  /** 0..1; null when there is no model. */
  probabilityAlive: number | null;
  /** Null for customers without orders or not scored yet. */
  rfmGroup: RfmGroup | null;
  /** Every order that was not cancelled (fully refunded ones too), as on the customer row. */
  orderCount: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /**
   * The first and the last purchase: a paid or partially refunded order (a fully refunded one is not a purchase).
   * Null without purchases, or before the customer was scored. Lifecycle stages go by these.
   */
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  acquisitionChannel: string | null;
  /** Lower case; never null (an empty list when there are none). */
  tags: readonly string[];
  marketingConsent: boolean;
};

const DAY_MS = 86_400_000;

/**
 * Whole days from `at` to `now`, rounded down, counted in elapsed time rather than calendar days: an order
 * placed 23 hours ago is 0 days old whatever the time zone, which is what lets SQL compare timestamps against
 * boundaries computed from `now` and agree exactly. Null when there is no date (the customer never ordered).
 */
export function daysSince(at: Date | null, now: Date): number | null {
  return at === null ? null : Math.floor((now.getTime() - at.getTime()) / DAY_MS);
}

/** The instant `days` whole days before `now`: daysSince(at, now) ≥ days exactly when at ≤ this instant. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
