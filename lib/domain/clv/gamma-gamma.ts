/**
 * Gamma-Gamma spend model (Colombo & Jiang 1999; Fader & Hardie 2013, note 025 "The Gamma-Gamma Model of
 * Monetary Value"): each purchase's value ~ Gamma(p, ν), and across customers ν ~ Gamma(q, γ). Fitted on the
 * customers with at least one repeat purchase and a positive mean repeat value, over log-parameters with an
 * analytic gradient.
 */
import { checkFittedParams, type FitOptions, type FitResult, isOutsideBox, judgeFit, PLAUSIBLE_LIMIT, notEnoughData } from "./fit-result";
import { minimize, type Objective } from "./minimize";
import { digamma, logGamma } from "./special-functions";

export type GammaGammaParams = { p: number; q: number; gamma: number };

export type SpendData = {
  /** Repeat purchases x of each customer; only rows with x > 0 and m > 0 are used. */
  frequency: ArrayLike<number>;
  /** Mean value m of each customer's repeat purchases. */
  monetaryValue: ArrayLike<number>;
};

/**
 * E[M | x, m] = (γ + m·x)·p / (p·x + q − 1): a weighted mean of the customer's own average m and the population
 * mean pγ/(q−1). For x = 0 it is the population mean (how non-repeaters are scored).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  return ((params.gamma + m * x) * params.p) / (params.p * x + params.q - 1);
}

/**
 * ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ+mx), the density of the
 * mean of x values (the log-likelihood CLVTools reports; lifetimes maximises the same function).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  const prepared = prepare(data);
  return -gammaGammaObjective(prepared)(Float64Array.of(Math.log(params.p), Math.log(params.q), Math.log(params.gamma)), null) * prepared.customers;
}

export function fitGammaGamma(data: SpendData, options: FitOptions = {}): FitResult<GammaGammaParams> {
  const prepared = prepare(data);
  const minRepeatBuyers = Math.max(2, options.minRepeatBuyers ?? 5);
  if (prepared.customers === 0) {
    return notEnoughData("NO_SPEND", "No customer has a repeat purchase with a positive amount, so spend per order cannot be modelled.");
  }
  if (prepared.customers < minRepeatBuyers) {
    return notEnoughData("TOO_FEW_REPEAT_BUYERS", `${prepared.customers} repeat customers with spend are too few to fit the spend model (at least ${minRepeatBuyers} needed).`);
  }
  if (prepared.spread === 0) {
    return notEnoughData("DEGENERATE_FIT", "Every repeat customer spends the same on average, so the spread of spend cannot be estimated.");
  }
  const objective = gammaGammaObjective(prepared);
  // p = 1, and q, γ so that the population mean pγ/(q−1) starts at the observed mean.
  const start = Float64Array.of(0, Math.log(2), Math.log(prepared.mean));
  const toParams = (theta: Float64Array) => {
    const [p, q, gamma] = Array.from(theta, Math.exp) as [number, number, number];
    return { p, q, gamma };
  };
  const result = minimize(objective, start, {
    maxIterations: options.maxIterations,
    isPlausible: (theta) => checkFittedParams(toParams(theta), 0, prepared.mean, ["gamma"], PLAUSIBLE_LIMIT) === null,
  });
  const params = toParams(result.x);
  const { q } = params;
  const logLikelihood = -result.value * prepared.customers;
  const problem = judgeFit(params, logLikelihood, result.converged, prepared.mean, ["gamma"]);
  if (problem) return problem;
  if (q <= 1) {
    return notEnoughData("DEGENERATE_FIT", "The spend data are too spread out for a finite average order value (q ≤ 1).");
  }
  return { ok: true, params, logLikelihood, converged: result.converged, iterations: result.iterations, customers: prepared.customers };
}

type PreparedSpend = {
  xs: Float64Array;
  weightOfX: Float64Array;
  /** Per distinct x: Σ ln m over its customers. */
  sumLogMOfX: Float64Array;
  xOf: Int32Array;
  m: Float64Array;
  customers: number;
  mean: number;
  spread: number;
};

function prepare(data: SpendData): PreparedSpend {
  const slot = new Map<number, number>();
  const xs: number[] = [];
  const weights: number[] = [];
  const sumLogs: number[] = [];
  const xOf: number[] = [];
  const m: number[] = [];
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i]!;
    const value = data.monetaryValue[i]!;
    if (!(x > 0 && value > 0)) continue;
    let k = slot.get(x);
    if (k === undefined) {
      k = xs.length;
      slot.set(x, k);
      xs.push(x);
      weights.push(0);
      sumLogs.push(0);
    }
    weights[k]! += 1;
    sumLogs[k]! += Math.log(value);
    xOf.push(k);
    m.push(value);
    total += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return {
    xs: Float64Array.from(xs),
    weightOfX: Float64Array.from(weights),
    sumLogMOfX: Float64Array.from(sumLogs),
    xOf: Int32Array.from(xOf),
    m: Float64Array.from(m),
    customers: m.length,
    mean: m.length > 0 ? total / m.length : 0,
    spread: m.length > 0 ? max - min : 0,
  };
}

/** Mean negative log-likelihood over θ = ln(p, q, γ); the terms linear in ln m and ln x are summed per distinct x. */
function gammaGammaObjective(d: PreparedSpend): Objective {
  return (theta, gradient) => {
    if (isOutsideBox(theta)) return Infinity;
    const p = Math.exp(theta[0]!);
    const q = Math.exp(theta[1]!);
    const gamma = Math.exp(theta[2]!);
    const logGammaParam = Math.log(gamma);
    const lgQ = logGamma(q);
    const psiQ = gradient ? digamma(q) : 0;
    let total = 0;
    let gp = 0;
    let gq = 0;
    let gg = 0;
    for (let k = 0; k < d.xs.length; k++) {
      const x = d.xs[k]!;
      const w = d.weightOfX[k]!;
      const px = p * x;
      total += w * (logGamma(px + q) - logGamma(px) - lgQ + q * logGammaParam + px * Math.log(x)) + (px - 1) * d.sumLogMOfX[k]!;
      if (gradient) {
        const psiPxQ = digamma(px + q);
        gp += w * x * (psiPxQ - digamma(px) + Math.log(x)) + x * d.sumLogMOfX[k]!;
        gq += w * (psiPxQ - psiQ + logGammaParam);
        gg += (w * q) / gamma;
      }
    }
    for (let i = 0; i < d.m.length; i++) {
      const x = d.xs[d.xOf[i]!]!;
      const spent = gamma + d.m[i]! * x;
      const logSpent = Math.log(spent);
      total -= (p * x + q) * logSpent;
      if (gradient) {
        gp -= x * logSpent;
        gq -= logSpent;
        gg -= (p * x + q) / spent;
      }
    }
    const n = d.customers;
    if (gradient) {
      gradient[0] = (-gp * p) / n;
      gradient[1] = (-gq * q) / n;
      gradient[2] = (-gg * gamma) / n;
    }
    return -total / n;
  };
}
