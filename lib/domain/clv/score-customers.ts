/**
 * The engine's front door for scoring: with fitted models, every customer's P(alive), expected purchases over
 * the horizon, expected spend per purchase and discounted CLV. All of it depends on a customer's (x, t_x, T)
 * except spend, so the purchase-model figures are computed once per distinct tuple. Money comes out in whole
 * minor units (rounded once, here); the columns are typed arrays in the input's order.
 */
import { roundMinor } from "../money";
import { assertDiscountOptions, discountedExpectedPurchases, UNITS_PER_MONTH } from "./discounted-clv";
import { type CustomerSummaries, toColumns } from "./fit-clv-models";
import type { NotEnoughData } from "./fit-result";
import { gammaGammaExpectedSpend, type GammaGammaParams } from "./gamma-gamma";
import { assertMargin } from "./historical-clv";
import { expectedPurchases, probabilityAlive, type PurchaseModel } from "./purchase-model";
import type { TimeUnit } from "./summarize-transactions";
import { groupTuples } from "./weighted-tuples";

export type ScoreOptions = {
  /** The time unit of the summaries. */
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscountRate: number;
  /** Share of revenue that is profit, 0 to 1 (1 for revenue CLV). */
  grossMargin: number;
};

/**
 * What scoring needs: a purchase model and the spend model (or why there is none). fitClvModels' result fits
 * as it is; so do parameters stored from an earlier fit, for re-scoring without refitting.
 */
export type ScoringModels = {
  purchase: PurchaseModel;
  spend: { ok: true; params: GammaGammaParams } | NotEnoughData;
};

export type CustomerScores = {
  probabilityAlive: Float64Array;
  /** Expected purchases over the horizon (undiscounted). */
  expectedPurchases: Float64Array;
  /** Gamma-Gamma E[M | x, m] in minor units, or null when the spend model could not be fitted. */
  expectedSpendMinor: Float64Array | null;
  /** Discounted CLV over the horizon, times the margin, in minor units; null without a spend model. */
  discountedClvMinor: Float64Array | null;
  /** Why there are no money figures, when there are none. */
  spendUnavailable: NotEnoughData | null;
};

export function scoreCustomers(models: ScoringModels, customers: CustomerSummaries, options: ScoreOptions): CustomerScores {
  assertMargin(options.grossMargin);
  const discount = { horizonMonths: options.horizonMonths, monthlyDiscountRate: options.monthlyDiscountRate, unitsPerMonth: UNITS_PER_MONTH[options.unit] };
  assertDiscountOptions(discount);
  const { frequency, recency, T, monetaryValue } = toColumns(customers);
  const { tuples, tupleOf } = groupTuples(frequency, recency, T);
  const model: PurchaseModel = models.purchase;
  const horizon = discount.horizonMonths * discount.unitsPerMonth;

  const tupleAlive = new Float64Array(tuples.size);
  const tupleExpected = new Float64Array(tuples.size);
  const tupleDiscounted = new Float64Array(tuples.size);
  for (let k = 0; k < tuples.size; k++) {
    const x = tuples.x[k]!;
    const tx = tuples.tx[k]!;
    const age = tuples.T[k]!;
    tupleAlive[k] = probabilityAlive(model, x, tx, age);
    tupleExpected[k] = expectedPurchases(model, horizon, x, tx, age);
    tupleDiscounted[k] = discountedExpectedPurchases((t) => expectedPurchases(model, t, x, tx, age), discount);
  }

  const n = frequency.length;
  const alive = new Float64Array(n);
  const expected = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    alive[i] = tupleAlive[tupleOf[i]!]!;
    expected[i] = tupleExpected[tupleOf[i]!]!;
  }
  if (!models.spend.ok) {
    return { probabilityAlive: alive, expectedPurchases: expected, expectedSpendMinor: null, discountedClvMinor: null, spendUnavailable: models.spend };
  }
  const spendParams = models.spend.params;
  const spend = new Float64Array(n);
  const clv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = gammaGammaExpectedSpend(spendParams, frequency[i]!, monetaryValue[i]!);
    spend[i] = roundMinor(value);
    clv[i] = roundMinor(options.grossMargin * value * tupleDiscounted[tupleOf[i]!]!);
  }
  return { probabilityAlive: alive, expectedPurchases: expected, expectedSpendMinor: spend, discountedClvMinor: clv, spendUnavailable: null };
}
