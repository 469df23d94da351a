/**
 * The engine's front door for fitting: given every customer's summary, fit the purchase model (BG/NBD or
 * Pareto/NBD, whichever the backtest chose for this data set) and the Gamma-Gamma spend model.
 *
 * The spend model can fail on its own (no repeat purchase with a positive amount yet) while the purchase model
 * stands; scores then carry P(alive) and expected purchases but no money figures.
 */
import type { CustomerSummary } from "./customer-summary";
import { validateSummaryValues } from "./customer-summary";
import type { FitOptions, FitResult, NotEnoughData } from "./fit-result";
import { fitGammaGamma, type GammaGammaParams } from "./gamma-gamma";
import { fitPurchaseModel, type FittedPurchaseModel, type PurchaseModelName } from "./purchase-model";
import { groupTuples } from "./weighted-tuples";

/** Per-customer summaries as parallel columns (typed arrays for large bases). */
export type SummaryColumns = {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Mean repeat-purchase amount in minor units; 0 without repeat purchases. */
  monetaryValue: ArrayLike<number>;
};

export type CustomerSummaries = readonly CustomerSummary[] | SummaryColumns;

export type ClvModels = {
  ok: true;
  purchase: FittedPurchaseModel;
  spend: FitResult<GammaGammaParams>;
};

export function fitClvModels(
  customers: CustomerSummaries,
  options: FitOptions & { purchaseModel: PurchaseModelName },
): ClvModels | NotEnoughData {
  const columns = toColumns(customers);
  const { tuples } = groupTuples(columns.frequency, columns.recency, columns.T);
  const purchase = fitPurchaseModel(options.purchaseModel, tuples, options);
  if (!purchase.ok) return purchase;
  const spend = fitGammaGamma(columns, options);
  return { ok: true, purchase, spend };
}

/** Validates every row (ClvInputError names the first bad one) and returns the data as columns. */
export function toColumns(customers: CustomerSummaries): SummaryColumns {
  const columns = Array.isArray(customers)
    ? {
        frequency: Float64Array.from(customers as readonly CustomerSummary[], (c) => c.frequency),
        recency: Float64Array.from(customers as readonly CustomerSummary[], (c) => c.recency),
        T: Float64Array.from(customers as readonly CustomerSummary[], (c) => c.T),
        monetaryValue: Float64Array.from(customers as readonly CustomerSummary[], (c) => c.monetaryValue ?? 0),
      }
    : (customers as SummaryColumns);
  const { frequency, recency, T, monetaryValue } = columns;
  if (recency.length !== frequency.length || T.length !== frequency.length || monetaryValue.length !== frequency.length) {
    throw new RangeError("The summary columns must all have one value per customer.");
  }
  for (let i = 0; i < frequency.length; i++) {
    validateSummaryValues(frequency[i]!, recency[i]!, T[i]!, monetaryValue[i]!, i);
  }
  return columns;
}
