/**
 * What a fitted BG/NBD says about customers (Fader, Hardie & Lee 2005, equations 8–10 and 13; Fader, Hardie &
 * Lee's note "Computing P(alive) using the BG/NBD model" for the conditional forms).
 */
import type { BgnbdParams } from "./bgnbd";
import { logBeta, logGamma, oneMinusExpOver } from "./special-functions";

/** P(alive | x, t_x, T); exactly 1 for a customer with no repeat purchase (they cannot have dropped out yet). */
export function bgnbdProbabilityAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + dropoutOdds(p, x, tx, T));
}

/** a/(b+x−1)·((α+T)/(α+t_x))^(r+x), the odds that the customer dropped out after the last purchase. */
function dropoutOdds(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 0;
  return Math.exp(Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx)));
}

/**
 * E[X(t) | x, t_x, T], expected repeat purchases in the next t time units (equation 10).
 *
 * The paper writes it as (a+b+x−1)/(a−1)·[1 − ((α+T)/(α+T+t))^(r+x)·₂F₁(r+x, b+x; a+b+x−1; z)] / (1 + odds)
 * with z = t/(α+T+t). After Euler's transformation the bracket is 1 − (1−z)^(a−1)·₂F₁(a+b−1−r, a−1; c; z)
 * with c = a+b+x−1, and splitting off the series' first term gives
 *   c·(1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1)·Σ_{k≥1} (a+b−1−r)ₖ (a)ₖ₋₁ / ((c+1)ₖ₋₁ k!) zᵏ,
 * which has no 0/0 at a = 1 and no pole at c = 0 (a+b < 1 with x = 0), and no cancellation between two
 * numbers close to 1 when t is small. It is the same function, checked against the paper's form in the tests.
 */
export function bgnbdExpectedPurchases(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return expectedBracket(p, t, x, T) / (1 + dropoutOdds(p, x, tx, T));
}

/** E[X(t)] for a customer who has just made a first purchase (equation 9): the same with x = t_x = T = 0. */
export function bgnbdExpectedPurchasesNew(p: BgnbdParams, t: number): number {
  return bgnbdExpectedPurchases(p, t, 0, 0, 0);
}

const MAX_TERMS = 2_000_000;

function expectedBracket(p: BgnbdParams, t: number, x: number, T: number): number {
  const c = p.a + p.b + x - 1;
  const aPrime = p.a + p.b - 1 - p.r;
  const logOneMinusZ = -Math.log1p(t / (p.alpha + T));
  const z = t / (p.alpha + T + t);
  let term = aPrime * z;
  let series = term;
  for (let k = 1; k < MAX_TERMS && term !== 0; k++) {
    const ratio = ((aPrime + k) * (p.a + k - 1) * z) / ((c + k) * (k + 1));
    term *= ratio;
    series += term;
    if (Math.abs(ratio) < 1 && Math.abs(term) * Math.abs(ratio) <= 1e-16 * Math.abs(series) * (1 - Math.abs(ratio))) break;
  }
  return c * oneMinusExpOver(p.a - 1, logOneMinusZ) - Math.exp((p.a - 1) * logOneMinusZ) * series;
}

/**
 * P(X(t) = n) for a new customer (equation 8):
 *   B(a, b+n)/B(a,b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
 *   + 1{n>0} · B(a+1, b+n−1)/B(a,b) · [1 − Σ_{j<n} Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j].
 * The bracket is the upper tail of a negative binomial; it is summed directly when it is small, so that it
 * keeps its digits instead of being 1 minus something close to 1.
 */
export function bgnbdProbabilityOfPurchases(p: BgnbdParams, t: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  const logQ = Math.log(p.alpha / (p.alpha + t));
  const logP = Math.log(t / (p.alpha + t));
  const lgR = logGamma(p.r);
  const logNb = (j: number) => logGamma(p.r + j) - lgR - logGamma(j + 1) + p.r * logQ + (t > 0 ? j * logP : j === 0 ? 0 : -Infinity);
  const lbAB = logBeta(p.a, p.b);
  const first = Math.exp(logBeta(p.a, p.b + n) - lbAB + logNb(n));
  if (n === 0) return first;
  let head = 0;
  for (let j = 0; j < n; j++) head += Math.exp(logNb(j));
  let tail: number;
  if (head < 0.5) {
    tail = 1 - head;
  } else {
    tail = 0;
    for (let j = n; j < n + 100_000; j++) {
      const term = Math.exp(logNb(j));
      tail += term;
      if (term < 1e-17 * tail && j > n + p.r * Math.exp(logP - logQ)) break;
    }
  }
  return first + Math.exp(logBeta(p.a + 1, p.b + n - 1) - lbAB) * tail;
}
