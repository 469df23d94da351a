/**
 * From per-customer summaries and the model scores to the figures the CRM stores and shows for each customer:
 * historical value, predicted value, total CLV, the simple-formula CLV, expected next order and RFM. Pure: the
 * recompute job and the single-customer rescore both call it, so a customer gets the same figures either way.
 *
 * Times in the summaries are days. Money is minor units, rounded once, here (lib/domain/money.ts).
 */
import type { CustomerScores } from "./clv/score-customers";
import { roundMinor } from "./money";
import { rfmGroup, type RfmGroup } from "./rfm";

const DAY_MS = 86_400_000;
const DAYS_PER_YEAR = 365.25;
const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

export type ValueSummaries = {
  /** Days since the first purchase. */
  tenureDays: ArrayLike<number>;
  totalSpentMinor: ArrayLike<number>;
  /** Purchases: paid and partially refunded orders. */
  orderCount: ArrayLike<number>;
  /** Days since the last purchase. */
  recencyDays: ArrayLike<number>;
  /** When the first and the last purchase were placed (epoch milliseconds). */
  firstPurchaseAtMs: ArrayLike<number>;
  lastPurchaseAtMs: ArrayLike<number>;
};

/** RFM quantile cut values and the population lifespan, kept with the model fit to rescore one customer alone. */
export type ScoringContext = {
  rfmCutoffs: RfmCutoffs;
  /** Expected customer lifespan in years from the observed churn rate; null when no churn was observed yet. */
  simpleLifespanYears: number | null;
};

export type RfmCutoffs = {
  /** Per score edge, the largest number of days since the last order that still reaches that score (fewer is better). */
  recencyDays: number[];
  /** Per score edge, the smallest order count that reaches it. */
  frequency: number[];
  monetaryMinor: number[];
};

export type CustomerValue = {
  historicalValueMinor: number;
  predictedValueMinor: number | null;
  totalClvMinor: number;
  simpleClvMinor: number | null;
  probabilityAlive: number | null;
  expectedPurchases: number | null;
  expectedOrderValueMinor: number | null;
  expectedNextOrderAt: Date | null;
  /** Null only before the first recompute has drawn the RFM lines. */
  recencyScore: number | null;
  frequencyScore: number | null;
  monetaryScore: number | null;
  rfmGroup: RfmGroup | null;
  firstPurchaseAt: Date;
  lastPurchaseAt: Date;
};

export type CustomerValueOptions = {
  now: Date;
  horizonMonths: number;
  /** 0 < margin ≤ 1. */
  grossMargin: number;
  context: ScoringContext;
};

/**
 * One customer's figures. `scores` is null when the models had too little data: the customer then has their
 * historical and simple figures only, never a made-up prediction.
 */
export function customerValueAt(summaries: ValueSummaries, index: number, scores: CustomerScores | null, options: CustomerValueOptions): CustomerValue {
  const historical = roundMinor(summaries.totalSpentMinor[index]! * options.grossMargin);
  const predicted = scores?.discountedClvMinor ? scores.discountedClvMinor[index]! : null;
  const expectedPurchases = scores ? scores.expectedPurchases[index]! : null;
  const r = scoreAgainstCutoffs(summaries.recencyDays[index]!, options.context.rfmCutoffs.recencyDays, "lower");
  const f = scoreAgainstCutoffs(summaries.orderCount[index]!, options.context.rfmCutoffs.frequency, "higher");
  const m = scoreAgainstCutoffs(summaries.totalSpentMinor[index]!, options.context.rfmCutoffs.monetaryMinor, "higher");
  return {
    historicalValueMinor: historical,
    predictedValueMinor: predicted,
    totalClvMinor: historical + (predicted ?? 0),
    simpleClvMinor: simpleClvOf(summaries, index, options),
    probabilityAlive: scores ? scores.probabilityAlive[index]! : null,
    expectedPurchases,
    expectedOrderValueMinor: scores?.expectedSpendMinor ? scores.expectedSpendMinor[index]! : null,
    expectedNextOrderAt: expectedNextOrder(expectedPurchases, options),
    recencyScore: r,
    frequencyScore: f,
    monetaryScore: m,
    rfmGroup: rfmGroup(r, f, m),
    ...purchaseDates(summaries, index),
  };
}

/**
 * What can be said about a customer before any recompute has fitted the models and drawn the RFM lines: what
 * they paid (times margin) and when they bought. The prediction, the simple figure and RFM wait for the first fit.
 */
export function historicalValueAt(summaries: ValueSummaries, index: number, options: Pick<CustomerValueOptions, "grossMargin">): CustomerValue {
  const historical = roundMinor(summaries.totalSpentMinor[index]! * options.grossMargin);
  return {
    historicalValueMinor: historical,
    predictedValueMinor: null,
    totalClvMinor: historical,
    simpleClvMinor: null,
    probabilityAlive: null,
    expectedPurchases: null,
    expectedOrderValueMinor: null,
    expectedNextOrderAt: null,
    recencyScore: null,
    frequencyScore: null,
    monetaryScore: null,
    rfmGroup: null,
    ...purchaseDates(summaries, index),
  };
}

function purchaseDates(summaries: ValueSummaries, index: number): Pick<CustomerValue, "firstPurchaseAt" | "lastPurchaseAt"> {
  return { firstPurchaseAt: new Date(summaries.firstPurchaseAtMs[index]!), lastPurchaseAt: new Date(summaries.lastPurchaseAtMs[index]!) };
}

/**
 * The rule of thumb: this customer's average order value × their orders per year × the expected lifespan
 * (1 / the observed churn rate) × margin. Orders per year are counted over at least one year, so a customer who
 * bought once last week does not count as buying 52 times a year.
 */
function simpleClvOf(summaries: ValueSummaries, index: number, options: CustomerValueOptions): number | null {
  const lifespan = options.context.simpleLifespanYears;
  const orders = summaries.orderCount[index]!;
  if (lifespan === null || orders === 0) return null;
  const averageOrderValue = summaries.totalSpentMinor[index]! / orders;
  const ordersPerYear = orders / Math.max(summaries.tenureDays[index]! / DAYS_PER_YEAR, 1);
  return roundMinor(averageOrderValue * ordersPerYear * lifespan * options.grossMargin);
}

/**
 * When the next order is due if purchases keep the rate the model expects over the horizon; null when fewer than
 * one purchase is expected in it (then there is no "next order" to plan for).
 */
function expectedNextOrder(expectedPurchases: number | null, options: CustomerValueOptions): Date | null {
  if (expectedPurchases === null || !(expectedPurchases >= 1)) return null;
  const horizonDays = options.horizonMonths * DAYS_PER_MONTH;
  return new Date(options.now.getTime() + Math.round((horizonDays / expectedPurchases) * DAY_MS));
}

/**
 * Cut values equivalent to lib/domain/rfm.ts's quantile scores on this population: for each edge, the worst
 * value whose share of strictly worse customers is at least the edge. A value from the population scores exactly
 * as rfmScores scores it; a new value (one customer rescored later) scores against the same lines.
 */
export function rfmCutoffs(values: ArrayLike<number>, edges: readonly number[], better: "higher" | "lower"): number[] {
  const n = values.length;
  // Worst first: ascending for "higher is better", descending for "lower is better".
  const sorted = Float64Array.from(values).sort();
  if (better === "lower") sorted.reverse();
  return edges.map((edge) => {
    if (n === 0) return better === "higher" ? Number.MAX_SAFE_INTEGER : -1;
    // The first position whose value has at least edge·n strictly worse values before it.
    let i = Math.ceil(edge * n - 1e-9);
    while (i < n && i > 0 && sorted[i] === sorted[i - 1]) i++;
    if (i >= n) return better === "higher" ? Number.MAX_SAFE_INTEGER : -1;
    return sorted[i]!;
  });
}

export function scoreAgainstCutoffs(value: number, cutoffs: readonly number[], better: "higher" | "lower"): number {
  let score = 1;
  for (const cutoff of cutoffs) if (better === "higher" ? value >= cutoff : value <= cutoff) score++;
  return score;
}
