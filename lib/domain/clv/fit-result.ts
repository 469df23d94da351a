/**
 * What a fit returns: the parameters with their log-likelihood and whether the optimiser converged, or a typed
 * "not enough data" that says why. The app shows the second as such; it never gets NaN or a fit that silently
 * means nothing.
 */
import type { WeightedTuples } from "./weighted-tuples";

export type NotEnoughDataCause =
  | "NO_CUSTOMERS"
  | "TOO_FEW_CUSTOMERS"
  | "NO_TIME_SPAN"
  | "NO_REPEAT_BUYERS"
  | "TOO_FEW_REPEAT_BUYERS"
  | "NO_SPEND"
  | "NO_CHURN_OBSERVED"
  | "DEGENERATE_FIT";

export type NotEnoughData = { ok: false; reason: "NOT_ENOUGH_DATA"; cause: NotEnoughDataCause; message: string };

export type ModelFit<P> = {
  ok: true;
  params: P;
  /** Total log-likelihood in the data's own time unit (comparable with published figures). */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Customers the fit used. */
  customers: number;
};

export type FitResult<P> = ModelFit<P> | NotEnoughData;

export type FitOptions = {
  /** Fewer customers than this is not enough data (default 20). */
  minCustomers?: number;
  /** Fewer customers with a repeat purchase than this is not enough data (default 5). */
  minRepeatBuyers?: number;
  maxIterations?: number;
};

export const DEFAULT_MIN_CUSTOMERS = 20;
export const DEFAULT_MIN_REPEAT_BUYERS = 5;

export function notEnoughData(cause: NotEnoughDataCause, message: string): NotEnoughData {
  return { ok: false, reason: "NOT_ENOUGH_DATA", cause, message };
}

/** The checks both purchase models need before a fit can mean anything. */
export function checkPurchaseData(data: WeightedTuples, options: FitOptions): NotEnoughData | null {
  const minCustomers = Math.max(2, options.minCustomers ?? DEFAULT_MIN_CUSTOMERS);
  const minRepeatBuyers = Math.max(1, options.minRepeatBuyers ?? DEFAULT_MIN_REPEAT_BUYERS);
  if (data.customers === 0) return notEnoughData("NO_CUSTOMERS", "There are no customers to fit.");
  if (data.customers < minCustomers) {
    return notEnoughData("TOO_FEW_CUSTOMERS", `${data.customers} customers are too few to fit the model (at least ${minCustomers} needed).`);
  }
  let maxT = 0;
  let repeatBuyers = 0;
  for (let i = 0; i < data.size; i++) {
    maxT = Math.max(maxT, data.T[i]!);
    if (data.x[i]! > 0) repeatBuyers += data.weight[i]!;
  }
  if (maxT === 0) return notEnoughData("NO_TIME_SPAN", "All purchases fall on the last day observed, so there is no time to learn from.");
  if (repeatBuyers === 0) return notEnoughData("NO_REPEAT_BUYERS", "No customer has bought a second time yet, so purchase rates cannot be estimated.");
  if (repeatBuyers < minRepeatBuyers) {
    return notEnoughData("TOO_FEW_REPEAT_BUYERS", `${repeatBuyers} repeat customers are too few to fit the model (at least ${minRepeatBuyers} needed).`);
  }
  return null;
}

/** A fit whose optimum is not finite, or sits where a parameter ran off to 0 or ∞, is not a result. */
export function checkFittedParams(params: Record<string, number>, logLikelihood: number): NotEnoughData | null {
  const values = Object.values(params);
  if (!Number.isFinite(logLikelihood) || values.some((v) => !Number.isFinite(v) || v <= 0 || v < 1e-10 || v > 1e10)) {
    return notEnoughData("DEGENERATE_FIT", "The data do not pin the model down: a parameter ran off to zero or infinity.");
  }
  return null;
}
