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
  /**
   * The optimiser's inverse-Hessian approximation over the log-parameters at the optimum (row-major): passed as
   * `initialInverseHessian` to a fit of nearly the same data, it saves most of the iterations.
   */
  inverseHessian?: number[];
};

export type FitResult<P> = ModelFit<P> | NotEnoughData;

export type FitOptions = {
  /** Fewer customers than this is not enough data (default 20). */
  minCustomers?: number;
  /** Fewer customers with a repeat purchase than this is not enough data (default 5). */
  minRepeatBuyers?: number;
  maxIterations?: number;
  /**
   * Where the optimiser starts (for example yesterday's fit of the same model): refitting data that changed a
   * little then takes a few iterations instead of twenty. Ignored unless every parameter is a positive number.
   */
  initialParams?: Record<string, number>;
  /** A previous fit's `inverseHessian`, to go with `initialParams`. */
  initialInverseHessian?: readonly number[];
};

/** `initialParams` when it names every parameter with a positive finite value, otherwise `fallback`. */
export function startingParams<P extends Record<string, number>>(fallback: P, initial: Record<string, number> | undefined): P {
  if (!initial) return fallback;
  const keys = Object.keys(fallback);
  const usable = keys.every((key) => Number.isFinite(initial[key]) && initial[key]! > 0);
  return usable ? (Object.fromEntries(keys.map((key) => [key, initial[key]!])) as P) : fallback;
}

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

/**
 * A fit whose optimum is not finite, or sits where a parameter ran off towards 0 or ∞, is not a result: the
 * data do not determine the model (typically nobody has dropped out yet, or everyone behaves the same). Shape
 * parameters must lie in [1e-6, 1e6]; scale parameters (α, β: time units) in that range times the mean T, so
 * the rule does not depend on measuring in days or weeks. The fits use a tighter `limit` (1e4) to decide that
 * an unconverged run is heading off and not worth the slower fallback search.
 */
export function checkFittedParams(
  params: Record<string, number>,
  logLikelihood: number,
  timeScale = 1,
  timeParams: readonly string[] = [],
  limit = 1e6,
): NotEnoughData | null {
  if (!Number.isFinite(logLikelihood)) {
    return notEnoughData("DEGENERATE_FIT", "The model could not be fitted to these data (the likelihood is not finite).");
  }
  for (const [name, value] of Object.entries(params)) {
    const relative = timeParams.includes(name) ? value / timeScale : value;
    if (!Number.isFinite(relative) || relative < 1 / limit || relative > limit) {
      const towards = relative > 1 ? "infinity" : "zero";
      return notEnoughData("DEGENERATE_FIT", `The data do not pin the model down: parameter ${name} ran off towards ${towards}.`);
    }
  }
  return null;
}

/** Mean T over customers: the time scale that α and β are judged against. */
export function meanAge(data: WeightedTuples): number {
  let total = 0;
  for (let i = 0; i < data.size; i++) total += data.weight[i]! * data.T[i]!;
  return total / data.customers;
}

/** Where a run that has not converged is still worth the fallback search (see checkFittedParams). */
export const PLAUSIBLE_LIMIT = 1e4;

/**
 * The verdict on a finished fit: not finite or beyond the 1e6 box → DEGENERATE_FIT; not converged and beyond
 * the 1e4 box → DEGENERATE_FIT too (the optimiser stopped on its way to 0 or ∞); otherwise null (a result,
 * whose `converged` flag the caller reports).
 */
export function judgeFit(
  params: Record<string, number>,
  logLikelihood: number,
  converged: boolean,
  timeScale: number,
  timeParams: readonly string[],
): NotEnoughData | null {
  return (
    checkFittedParams(params, logLikelihood, timeScale, timeParams) ??
    (converged ? null : checkFittedParams(params, logLikelihood, timeScale, timeParams, PLAUSIBLE_LIMIT))
  );
}

/** Log-parameters beyond ±LOG_PARAM_LIMIT are treated as impossible, which keeps the optimiser in a finite box. */
export const LOG_PARAM_LIMIT = 30;

export function isOutsideBox(theta: ArrayLike<number>): boolean {
  for (let i = 0; i < theta.length; i++) if (!(Math.abs(theta[i]!) <= LOG_PARAM_LIMIT)) return true;
  return false;
}
