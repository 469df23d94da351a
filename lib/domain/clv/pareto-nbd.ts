/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers", Management Science 33(1)):
 * purchases at rate λ ~ Gamma(r, α) while alive, an exponential lifetime with rate μ ~ Gamma(s, β). The
 * likelihood follows Fader & Hardie's note 009 ("Deriving the Conditional PMF of the Pareto/NBD Model"),
 * with both branches (α ≥ β and α < β), in log space. Fitted over log-parameters with numeric gradients.
 */
import { checkFittedParams, checkPurchaseData, type FitOptions, type FitResult, isOutsideBox, judgeFit, PLAUSIBLE_LIMIT, meanAge, startingParams } from "./fit-result";
import { logIntegrateExp } from "./gauss-legendre";
import { hyp2f1Series } from "./hyp2f1";
import { minimize, withNumericGradient } from "./minimize";
import { logAddExp, logGamma, logSubExp } from "./special-functions";
import type { WeightedTuples } from "./weighted-tuples";

export type ParetoNbdParams = { r: number; alpha: number; s: number; beta: number };

/**
 * ln of A₀ = ₂F₁(c, s+1; c+1; z(t_x))/(α+t_x)^c − ₂F₁(c, s+1; c+1; z(T))/(α+T)^c for α ≥ β (and the mirrored
 * form for α < β), with c = r+s+x and z(y) = |α−β|/(max(α,β)+y). Returns −∞ when t_x = T (A₀ = 0).
 *
 * Each ₂F₁ is taken through Euler's transformation to ₂F₁(1, ·; c+1; z), whose terms fall at least as fast
 * as zᵏ, with the powers folded in so nothing overflows:
 *   α ≥ β: ln term(y) = −(r+x)·ln(α+y) − s·ln(β+y) + ln ₂F₁(1, r+x; c+1; (α−β)/(α+y))
 *   α < β: ln term(y) = −(r+x−1)·ln(α+y) − (s+1)·ln(β+y) + ln ₂F₁(1, s+1; c+1; (β−α)/(β+y))
 * Two cases go to the equivalent integral A₀ = c·∫_{t_x}^{T} (α+y)^−(r+x) (β+y)^−(s+1) dy instead (the
 * likelihood of dying between the last purchase and T, which is what A₀ stands for): z close to 1, where the
 * series needs thousands of terms (α and β far apart, which a fit heads towards when the data show no
 * heterogeneity), and a short interval [t_x, T], where the difference of the two series would cancel digits
 * and the integral needs a single quadrature panel.
 */
export function paretoNbdLogA0(p: ParetoNbdParams, x: number, tx: number, T: number, terms?: A0TermCache): number {
  if (tx >= T) return -Infinity;
  const low = Math.min(p.alpha, p.beta);
  const high = Math.max(p.alpha, p.beta);
  const slope = p.r + x + p.s + 2;
  const span = Math.log((low + T) / (low + tx));
  if ((high - low) / (high + tx) > 0.9 || slope * span <= 4) return Math.log(p.r + p.s + x) + logDeathIntegral(p, x, tx, T);
  return terms ? logSubExp(terms.get(x, tx), terms.get(x, T)) : logSubExp(logA0Term(p, x, tx), logA0Term(p, x, T));
}

/**
 * ln term(y) depends only on (x, y) for given parameters, and in a weekly (or daily) base many customers share
 * an x and a t_x or T: a likelihood evaluation over 100,000 customers asks for ~65,000 terms but only a few
 * thousand distinct ones. Each is a ₂F₁ series of up to hundreds of terms, so one evaluation keeps them.
 */
export class A0TermCache {
  private readonly byX = new Map<number, Map<number, number>>();
  constructor(private readonly params: ParetoNbdParams) {}

  get(x: number, y: number): number {
    let byY = this.byX.get(x);
    if (!byY) this.byX.set(x, (byY = new Map()));
    let value = byY.get(y);
    if (value === undefined) byY.set(y, (value = logA0Term(this.params, x, y)));
    return value;
  }
}

function logA0Term(p: ParetoNbdParams, x: number, y: number): number {
  const { r, alpha, s, beta } = p;
  const c = r + s + x;
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + y);
    return -(r + x) * Math.log(alpha + y) - s * Math.log(beta + y) + Math.log(hyp2f1Series(1, r + x, c + 1, z));
  }
  const z = (beta - alpha) / (beta + y);
  return -(r + x - 1) * Math.log(alpha + y) - (s + 1) * Math.log(beta + y) + Math.log(hyp2f1Series(1, s + 1, c + 1, z));
}

/**
 * ln ∫_{t_x}^{T} (α+y)^−(r+x) (β+y)^−(s+1) dy, over u = ln(min(α,β) + y): the factor with the smaller scale
 * becomes exp(−k·u), the other varies more slowly, so |d/du ln integrand| ≤ r+x+s+2 sizes the panels.
 */
function logDeathIntegral(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const isAlphaLow = p.alpha <= p.beta;
  const low = isAlphaLow ? p.alpha : p.beta;
  const gap = Math.abs(p.alpha - p.beta);
  const lowPower = isAlphaLow ? p.r + x : p.s + 1;
  const highPower = isAlphaLow ? p.s + 1 : p.r + x;
  return logIntegrateExp(deathIntegrand, Math.log(low + tx), Math.log(low + T), p.r + x + p.s + 2, lowPower, highPower, gap);
}

function deathIntegrand(u: number, lowPower: number, highPower: number, gap: number): number {
  return (1 - lowPower) * u - highPower * Math.log(gap + Math.exp(u));
}

/** Per-customer log-likelihood: ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x)(β+T)^−s + s/c·A₀]. */
export function paretoNbdCustomerLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number, lgR = logGamma(p.r), terms?: A0TermCache): number {
  const { r, alpha, s, beta } = p;
  const c = r + s + x;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s / c) + paretoNbdLogA0(p, x, tx, T, terms);
  return logGamma(r + x) - lgR + r * Math.log(alpha) + s * Math.log(beta) + logAddExp(alive, died);
}

export function paretoNbdLogLikelihood(p: ParetoNbdParams, data: WeightedTuples): number {
  const lgR = logGamma(p.r);
  const terms = new A0TermCache(p);
  let total = 0;
  for (let i = 0; i < data.size; i++) {
    total += data.weight[i]! * paretoNbdCustomerLogLikelihood(p, data.x[i]!, data.tx[i]!, data.T[i]!, lgR, terms);
    // A series that did not converge (parameters far out, z next to 1) makes this point unusable; stop early.
    if (Number.isNaN(total)) return Number.NaN;
  }
  return total;
}

export function fitParetoNbd(data: WeightedTuples, options: FitOptions = {}): FitResult<ParetoNbdParams> {
  const problem = checkPurchaseData(data, options);
  if (problem) return problem;
  const toParams = (theta: Float64Array) => {
    const [r, alpha, s, beta] = Array.from(theta, Math.exp) as [number, number, number, number];
    return { r, alpha, s, beta };
  };
  const meanNegativeLogLikelihood = (theta: Float64Array) => {
    if (isOutsideBox(theta)) return Infinity;
    return -paretoNbdLogLikelihood(toParams(theta), data) / data.customers;
  };
  const start = startingParams(startingPoint(data), options.initialParams);
  const scale = meanAge(data);
  const result = minimize(withNumericGradient(meanNegativeLogLikelihood, 1e-5), [Math.log(start.r), Math.log(start.alpha), Math.log(start.s), Math.log(start.beta)], {
    maxIterations: options.maxIterations,
    initialInverseHessian: options.initialInverseHessian,
    // Central differences on a sum of thousands of terms carry noise near 1e-10; ask for a little more than that.
    gradientTolerance: 1e-7,
    isPlausible: (theta) => checkFittedParams(toParams(theta), 0, scale, ["alpha", "beta"], PLAUSIBLE_LIMIT) === null,
  });
  const params = toParams(result.x);
  const logLikelihood = paretoNbdLogLikelihood(params, data);
  return (
    judgeFit(params, logLikelihood, result.converged, scale, ["alpha", "beta"]) ?? {
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

/** r = s = 1, α matching the average repeat rate, β = α (a mean lifetime as long as the mean time between purchases). */
function startingPoint(data: WeightedTuples): ParetoNbdParams {
  let purchases = 0;
  let time = 0;
  for (let i = 0; i < data.size; i++) {
    purchases += data.weight[i]! * data.x[i]!;
    time += data.weight[i]! * data.T[i]!;
  }
  const alpha = time / Math.max(purchases, 1);
  return { r: 1, alpha, s: 1, beta: alpha };
}
