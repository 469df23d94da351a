/**
 * BG/NBD (Fader, Hardie & Lee 2005, "'Counting Your Customers' the Easy Way", Marketing Science 24(2)):
 * while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out
 * with probability p ~ Beta(a, b). Fitted by maximum likelihood over log-parameters with an analytic gradient.
 */
import { checkFittedParams, checkPurchaseData, type FitOptions, type FitResult, isOutsideBox, judgeFit, PLAUSIBLE_LIMIT, meanAge, startingParams } from "./fit-result";
import { minimize, type Objective } from "./minimize";
import { digamma, logAddExp, logGamma } from "./special-functions";
import type { WeightedTuples } from "./weighted-tuples";

export type BgnbdParams = { r: number; alpha: number; a: number; b: number };

/** Total log-likelihood Σ weight·ℓ(x, t_x, T), in the data's own time unit (equation 6 of the paper). */
export function bgnbdLogLikelihood(params: BgnbdParams, data: WeightedTuples): number {
  const objective = bgnbdObjective(data);
  return -objective(logParams(params), null) * data.customers;
}

export function fitBgnbd(data: WeightedTuples, options: FitOptions = {}): FitResult<BgnbdParams> {
  const problem = checkPurchaseData(data, options);
  if (problem) return problem;
  const objective = bgnbdObjective(data);
  const scale = meanAge(data);
  const toParams = (theta: Float64Array) => {
    const [r, alpha, a, b] = Array.from(theta, Math.exp) as [number, number, number, number];
    return { r, alpha, a, b };
  };
  const result = minimize(objective, logParams(startingParams(startingPoint(data), options.initialParams)), {
    maxIterations: options.maxIterations,
    initialInverseHessian: options.initialInverseHessian,
    isPlausible: (theta) => checkFittedParams(toParams(theta), 0, scale, ["alpha"], PLAUSIBLE_LIMIT) === null,
  });
  const params = toParams(result.x);
  const logLikelihood = -result.value * data.customers;
  return (
    judgeFit(params, logLikelihood, result.converged, scale, ["alpha"]) ?? {
      ok: true,
      params,
      logLikelihood,
      converged: result.converged,
      iterations: result.iterations,
      customers: data.customers,
      inverseHessian: Array.from(result.inverseHessian),
    }
  );
}

function logParams(p: BgnbdParams): Float64Array {
  return Float64Array.of(Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b));
}

/** r = 1 and α matching the average repeat rate; a = 1, b = 3 (a mean drop-out probability of 1/4). */
function startingPoint(data: WeightedTuples): BgnbdParams {
  let purchases = 0;
  let time = 0;
  for (let i = 0; i < data.size; i++) {
    purchases += data.weight[i]! * data.x[i]!;
    time += data.weight[i]! * data.T[i]!;
  }
  return { r: 1, alpha: time / Math.max(purchases, 1), a: 1, b: 3 };
}

/**
 * The mean negative log-likelihood over log-parameters θ = ln(r, α, a, b), and its gradient. Everything that
 * depends only on x (the log-gamma and digamma terms) is computed once per distinct x.
 */
export function bgnbdObjective(data: WeightedTuples): Objective {
  const distinct = [...new Set(data.x)].sort((p, q) => p - q);
  const slot = new Map(distinct.map((x, i) => [x, i]));
  const xOf = Int32Array.from(data.x, (x) => slot.get(x)!);
  const m = distinct.length;
  const xs = Float64Array.from(distinct);
  const weightOfX = new Float64Array(m);
  for (let i = 0; i < data.size; i++) weightOfX[xOf[i]!]! += data.weight[i]!;
  const perX = new Float64Array(m);
  const logB = new Float64Array(m);
  const n = data.customers;

  return (theta, gradient) => {
    if (isOutsideBox(theta)) return Infinity;
    const r = Math.exp(theta[0]!);
    const alpha = Math.exp(theta[1]!);
    const a = Math.exp(theta[2]!);
    const b = Math.exp(theta[3]!);
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const lgR = logGamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    let total = 0;
    let gr = 0;
    let galpha = 0;
    let ga = 0;
    let gb = 0;
    const psiR = gradient ? digamma(r) : 0;
    const psiB = gradient ? digamma(b) : 0;
    const psiAB = gradient ? digamma(a + b) : 0;
    for (let k = 0; k < m; k++) {
      const x = xs[k]!;
      const w = weightOfX[k]!;
      // A1 + A2 without the (α-dependent) r·ln α, which is added per customer below.
      perX[k] = logGamma(r + x) - lgR + (x > 0 ? lgAB + logGamma(b + x) - lgB - logGamma(a + b + x) : 0);
      logB[k] = x > 0 ? Math.log(b + x - 1) : 0;
      if (gradient) {
        gr += w * (digamma(r + x) - psiR + logAlpha);
        galpha += (w * r) / alpha;
        if (x > 0) {
          const psiABX = digamma(a + b + x);
          ga += w * (psiAB - psiABX);
          gb += w * (psiAB + digamma(b + x) - psiB - psiABX);
        }
      }
    }
    for (let i = 0; i < data.size; i++) {
      const w = data.weight[i]!;
      const k = xOf[i]!;
      const x = xs[k]!;
      const rx = r + x;
      const logAT = Math.log(alpha + data.T[i]!);
      const a3 = -rx * logAT;
      let ll = perX[k]! + r * logAlpha;
      if (x > 0) {
        const logAtx = Math.log(alpha + data.tx[i]!);
        const a4 = logA - logB[k]! - rx * logAtx;
        const l = logAddExp(a3, a4);
        ll += l;
        if (gradient) {
          const w4 = Math.exp(a4 - l);
          const w3 = 1 - w4;
          gr -= w * (w3 * logAT + w4 * logAtx);
          galpha -= w * rx * (w3 / (alpha + data.T[i]!) + w4 / (alpha + data.tx[i]!));
          ga += (w * w4) / a;
          gb -= (w * w4) / (b + x - 1);
        }
      } else {
        ll += a3;
        if (gradient) {
          gr -= w * logAT;
          galpha -= (w * rx) / (alpha + data.T[i]!);
        }
      }
      total += w * ll;
    }
    if (gradient) {
      // Chain rule into log space, and the sign and scale of the mean negative log-likelihood.
      gradient[0] = (-gr * r) / n;
      gradient[1] = (-galpha * alpha) / n;
      gradient[2] = (-ga * a) / n;
      gradient[3] = (-gb * b) / n;
    }
    return -total / n;
  };
}
