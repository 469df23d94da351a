/**
 * BFGS on the inverse Hessian with a strong-Wolfe line search (Nocedal & Wright, Numerical Optimization,
 * 2nd ed., algorithms 3.5, 3.6 and 6.1), restarted from steepest descent when the update loses positive
 * definiteness.
 */
import type { MinimizeOptions, MinimizeResult, Objective } from "./minimize";

const finite = (value: number) => (Number.isFinite(value) ? value : Infinity);

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return Number.isFinite(max) ? max : Infinity;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function minimizeBfgs(objective: Objective, start: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const tolerance = options.gradientTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 500;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: Float64Array, g: Float64Array) => {
    evaluations++;
    return finite(objective(x, g));
  };

  let x: Float64Array = Float64Array.from(start);
  let g: Float64Array = new Float64Array(n);
  let f = evaluate(x, g);
  const H = identity(n);
  const isWarm = isUsableInverseHessian(options.initialInverseHessian, n);
  if (isWarm) H.set(options.initialInverseHessian!);
  const d = new Float64Array(n);
  let iterations = 0;
  // A borrowed curvature already scales the step; the identity does not.
  let isFirstStep = !isWarm;
  let isAtPrecisionLimit = false;

  while (iterations < maxIterations && Number.isFinite(f) && maxAbs(g) > tolerance) {
    iterations++;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j]! * g[j]!;
      d[i] = s;
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      resetToIdentity(H, n);
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    const initialStep = isFirstStep ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-12)) : 1;
    const step = wolfeLineSearch(evaluate, x, f, g, d, slope, initialStep);
    if (!step) {
      // No step decreases f any more. If the quasi-Newton model predicts a decrease ½·gᵀHg below what a
      // double can resolve in f, we are at the optimum to machine precision (large sums hit this before a
      // tight gradient tolerance); otherwise retry once from steepest descent.
      if (!isIdentity(H, n) && -slope / 2 <= 1e-13 * Math.max(1, Math.abs(f))) {
        isAtPrecisionLimit = true;
        break;
      }
      if (isIdentity(H, n)) break;
      resetToIdentity(H, n);
      isFirstStep = true;
      continue;
    }
    isFirstStep = false;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = step.x[i]! - x[i]!;
      y[i] = step.g[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-300) updateInverseHessian(H, n, s, y, sy);
    const previous = f;
    x = step.x;
    g = step.g;
    f = step.f;
    if (Math.abs(previous - f) <= 1e-16 * Math.max(1, Math.abs(f)) && maxAbs(s) < 1e-14) break;
  }
  const gradientNorm = maxAbs(g);
  const converged = Number.isFinite(f) && (gradientNorm <= tolerance || (isAtPrecisionLimit && gradientNorm <= 1e3 * tolerance));
  return { x, value: f, gradientNorm, converged, iterations, evaluations, inverseHessian: Float64Array.from(H) };
}

function isUsableInverseHessian(H: ArrayLike<number> | undefined, n: number): boolean {
  if (!H || H.length !== n * n) return false;
  for (let i = 0; i < n * n; i++) if (!Number.isFinite(H[i]!)) return false;
  for (let i = 0; i < n; i++) if (!(H[i * n + i]! > 0)) return false;
  return true;
}

function identity(n: number): Float64Array {
  const H = new Float64Array(n * n);
  resetToIdentity(H, n);
  return H;
}

function resetToIdentity(H: Float64Array, n: number) {
  H.fill(0);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
}

function isIdentity(H: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (H[i * n + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs). */
function updateInverseHessian(H: Float64Array, n: number, s: Float64Array, y: Float64Array, sy: number) {
  const rho = 1 / sy;
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += H[i * n + j]! * y[j]!;
    Hy[i] = v;
  }
  const yHy = dot(y, Hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
    }
  }
}

type Point = { x: Float64Array; f: number; g: Float64Array; t: number; slope: number };

/** Strong Wolfe conditions with c1 = 1e-4, c2 = 0.9; returns null when no acceptable step was found. */
function wolfeLineSearch(
  evaluate: (x: Float64Array, g: Float64Array) => number,
  x0: Float64Array,
  f0: number,
  g0: Float64Array,
  d: Float64Array,
  slope0: number,
  initialStep: number,
): Point | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const at = (t: number): Point => {
    const x = new Float64Array(x0.length);
    for (let i = 0; i < x.length; i++) x[i] = x0[i]! + t * d[i]!;
    const g = new Float64Array(x0.length);
    const f = evaluate(x, g);
    return { x, f, g, t, slope: Number.isFinite(f) ? dot(g, d) : Number.NaN };
  };
  let previous: Point = { x: x0, f: f0, g: g0, t: 0, slope: slope0 };
  let t = initialStep;
  for (let i = 0; i < 40; i++) {
    const p = at(t);
    if (!Number.isFinite(p.f) || p.f > f0 + c1 * t * slope0 || (i > 0 && p.f >= previous.f)) {
      return zoom(at, previous, p, f0, slope0, c1, c2);
    }
    if (Math.abs(p.slope) <= -c2 * slope0) return p;
    if (p.slope >= 0) return zoom(at, p, previous, f0, slope0, c1, c2);
    previous = p;
    t *= 2;
  }
  return null;
}

function zoom(at: (t: number) => Point, lo: Point, hi: Point, f0: number, slope0: number, c1: number, c2: number): Point | null {
  for (let i = 0; i < 40; i++) {
    let t = interpolate(lo, hi);
    const width = Math.abs(hi.t - lo.t);
    if (!(Math.abs(t - lo.t) > 0.1 * width && Math.abs(t - hi.t) > 0.1 * width)) t = (lo.t + hi.t) / 2;
    const p = at(t);
    if (!Number.isFinite(p.f) || p.f > f0 + c1 * t * slope0 || p.f >= lo.f) {
      hi = p;
    } else {
      if (Math.abs(p.slope) <= -c2 * slope0) return p;
      if (p.slope * (hi.t - lo.t) >= 0) hi = lo;
      lo = p;
    }
    // Stop once moving across the bracket would change f by less than a double can resolve: past that point
    // comparisons of f are rounding noise and further evaluations only cost time.
    if (Math.abs((hi.t - lo.t) * slope0) <= 1e-15 * Math.max(1, Math.abs(f0))) break;
  }
  // The bracket collapsed without meeting the curvature condition; a step that decreased f is still progress.
  return lo.t > 0 && lo.f < f0 ? lo : null;
}

/** Minimiser of the cubic through both ends (values and slopes), or of the quadratic when a slope is unknown. */
function interpolate(lo: Point, hi: Point): number {
  if (Number.isFinite(hi.f) && Number.isFinite(hi.slope)) {
    const d1 = lo.slope + hi.slope - (3 * (lo.f - hi.f)) / (lo.t - hi.t);
    const root = d1 * d1 - lo.slope * hi.slope;
    if (root >= 0) {
      const d2 = Math.sign(hi.t - lo.t) * Math.sqrt(root);
      return hi.t - (hi.t - lo.t) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
    }
  }
  if (Number.isFinite(hi.f)) {
    const dt = hi.t - lo.t;
    const denominator = 2 * (hi.f - lo.f - lo.slope * dt);
    if (denominator > 0) return lo.t - (lo.slope * dt * dt) / denominator;
  }
  return (lo.t + hi.t) / 2;
}

