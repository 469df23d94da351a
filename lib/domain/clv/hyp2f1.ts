/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) on 0 ≤ z < 1, as BG/NBD and Pareto/NBD use it: real
 * parameters, c > 0 (or at least not a non-positive integer).
 *
 * The power series Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ converges for |z| < 1, but when a + b > c its terms shrink like
 * k^(a+b−c−1) zᵏ and the sum grows like (1 − z)^(c−a−b): slow and large near z = 1. Euler's transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) turns that into a series whose terms shrink like
 * k^(c−a−b−1) zᵏ, so we use it whenever a + b > c. The series stops when the estimated tail (the next term
 * over 1 − ratio, once the terms shrink geometrically) is below 1e-16 of the sum.
 */

const MAX_TERMS = 2_000_000;
const TOLERANCE = 1e-16;

/** ln ₂F₁(a, b; c; z) for 0 ≤ z < 1; NaN when the value is not positive or the series does not converge. */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) return Number.NaN;
  if (a + b > c) {
    const inner = hyp2f1Series(c - a, c - b, c, z);
    return inner > 0 ? (c - a - b) * Math.log1p(-z) + Math.log(inner) : Number.NaN;
  }
  const value = hyp2f1Series(a, b, c, z);
  return value > 0 ? Math.log(value) : Number.NaN;
}

/** ₂F₁(a, b; c; z) for 0 ≤ z < 1 (Euler's transformation when it converges faster); NaN if it does not converge. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) return Number.NaN;
  if (a + b > c) return Math.pow(1 - z, c - a - b) * hyp2f1Series(c - a, c - b, c, z);
  return hyp2f1Series(a, b, c, z);
}

/** The plain power series for |z| < 1, summed term by term; NaN if it has not converged after MAX_TERMS. */
export function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    const nextRatio = Math.abs(((a + k + 1) * (b + k + 1) * z) / ((c + k + 1) * (k + 2)));
    if (nextRatio < 1 && Math.abs(term) * nextRatio <= TOLERANCE * Math.abs(sum) * (1 - nextRatio)) return sum;
  }
  return Number.NaN;
}
