/**
 * Backtest: fit each purchase model on the calibration period, predict every customer's holdout purchases,
 * and compare with what they actually bought, in total, per customer (mean absolute error) and by calibration
 * frequency (0, 1, …, 6, 7+; the tracking table of Fader, Hardie & Lee 2005, figure 4). The model with the
 * lower per-customer error is chosen for the data set, because that is the error the per-customer scores carry.
 */
import { ClvInputError, type CustomerSummary, validateSummary } from "./customer-summary";
import { type FitOptions, notEnoughData, type NotEnoughData } from "./fit-result";
import { expectedPurchases, fitPurchaseModel, PURCHASE_MODELS, type PurchaseModelName } from "./purchase-model";
import { groupTuples } from "./weighted-tuples";

export type HoldoutRow = Pick<CustomerSummary, "frequency" | "recency" | "T"> & {
  /** Purchase periods in the holdout (no −1: the first purchase was earlier). */
  frequencyHoldout: number;
  /** Length of the holdout, in the summary's time unit. */
  durationHoldout: number;
};

export type BucketRow = {
  /** Calibration repeat purchases: "0" … "6", then "7+". */
  bucket: string;
  customers: number;
  actual: number;
  predicted: number;
};

export type BacktestModelReport = {
  ok: true;
  model: PurchaseModelName;
  params: Record<string, number>;
  logLikelihood: number;
  converged: boolean;
  predictedTotal: number;
  actualTotal: number;
  meanAbsoluteError: number;
  /** Totals per bucket (divide by customers for the per-customer means). */
  buckets: BucketRow[];
  /** The calibration fit's curvature (ModelFit.inverseHessian), to warm-start a fit on all the data. */
  inverseHessian?: number[];
};

export type BacktestResult =
  | {
      ok: true;
      customers: number;
      models: Record<PurchaseModelName, BacktestModelReport | NotEnoughData>;
      chosen: PurchaseModelName;
      comparison: {
        metric: "meanAbsoluteError";
        /** The loser's error minus the winner's; 0 when only one model could be fitted. */
        difference: number;
        /** That difference as a share of the loser's error. */
        relativeDifference: number;
      };
    }
  | NotEnoughData;

export const BUCKETS = ["0", "1", "2", "3", "4", "5", "6", "7+"];

export function bucketOf(frequency: number): number {
  return Math.min(frequency, BUCKETS.length - 1);
}

export function backtestPurchaseModels(rows: readonly HoldoutRow[], options: FitOptions = {}): BacktestResult {
  rows.forEach((row, index) => {
    validateSummary(row, index);
    if (!Number.isInteger(row.frequencyHoldout) || row.frequencyHoldout < 0) {
      throw new ClvInputError(index, "frequencyHoldout", `holdout frequency must be a whole number ≥ 0, got ${row.frequencyHoldout}`);
    }
    if (!(row.durationHoldout > 0 && Number.isFinite(row.durationHoldout))) {
      throw new ClvInputError(index, "durationHoldout", `holdout duration must be a positive number, got ${row.durationHoldout}`);
    }
  });
  const { tuples, tupleOf } = groupTuples(
    rows.map((r) => r.frequency),
    rows.map((r) => r.recency),
    rows.map((r) => r.T),
  );
  const models = {} as Record<PurchaseModelName, BacktestModelReport | NotEnoughData>;
  for (const name of PURCHASE_MODELS) {
    const fitted = fitPurchaseModel(name, tuples, options);
    if (!fitted.ok) {
      models[name] = fitted;
      continue;
    }
    // Predictions depend on the tuple and the holdout length; cache per tuple for the common single length.
    const cache = new Map<string, number>();
    const buckets = BUCKETS.map((bucket) => ({ bucket, customers: 0, actual: 0, predicted: 0 }));
    let predictedTotal = 0;
    let actualTotal = 0;
    let absoluteError = 0;
    rows.forEach((row, i) => {
      const key = `${tupleOf[i]}|${row.durationHoldout}`;
      let predicted = cache.get(key);
      if (predicted === undefined) {
        predicted = expectedPurchases(fitted, row.durationHoldout, row.frequency, row.recency, row.T);
        cache.set(key, predicted);
      }
      predictedTotal += predicted;
      actualTotal += row.frequencyHoldout;
      absoluteError += Math.abs(predicted - row.frequencyHoldout);
      const bucket = buckets[bucketOf(row.frequency)]!;
      bucket.customers++;
      bucket.actual += row.frequencyHoldout;
      bucket.predicted += predicted;
    });
    models[name] = {
      ok: true,
      model: name,
      params: fitted.params,
      logLikelihood: fitted.logLikelihood,
      converged: fitted.converged,
      predictedTotal,
      actualTotal,
      meanAbsoluteError: absoluteError / rows.length,
      buckets,
      inverseHessian: fitted.inverseHessian,
    };
  }
  const fitted = PURCHASE_MODELS.map((name) => models[name]).filter((m): m is BacktestModelReport => m.ok);
  if (fitted.length === 0) {
    const reason = models.bgnbd as NotEnoughData;
    return notEnoughData(reason.cause, reason.message);
  }
  fitted.sort((p, q) => p.meanAbsoluteError - q.meanAbsoluteError);
  const winner = fitted[0]!;
  const loser = fitted[1];
  const difference = loser ? loser.meanAbsoluteError - winner.meanAbsoluteError : 0;
  return {
    ok: true,
    customers: rows.length,
    models,
    chosen: winner.model,
    comparison: {
      metric: "meanAbsoluteError",
      difference,
      relativeDifference: loser && loser.meanAbsoluteError > 0 ? difference / loser.meanAbsoluteError : 0,
    },
  };
}
