/** Nelder–Mead, the derivative-free fallback of minimize(). */
const finite = (value: number) => (Number.isFinite(value) ? value : Infinity);

/** Nelder–Mead with adaptive coefficients (Gao & Han 2012), started from a simplex of `scale` around `start`. */
export function minimizeNelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: { maxIterations?: number; scale?: number; tolerance?: number } = {},
): { x: Float64Array; value: number; iterations: number; evaluations: number; converged: boolean } {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 300 * n;
  const tolerance = options.tolerance ?? 1e-12;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  let evaluations = 0;
  const value = (x: Float64Array) => {
    evaluations++;
    return finite(f(x));
  };
  const simplex: Array<{ x: Float64Array; f: number }> = [];
  const x0 = Float64Array.from(start);
  simplex.push({ x: x0, f: value(x0) });
  for (let i = 0; i < n; i++) {
    const x = Float64Array.from(start);
    x[i] = x[i]! + (options.scale ?? 0.5);
    simplex.push({ x, f: value(x) });
  }
  const along = (centroid: Float64Array, worst: Float64Array, coefficient: number) => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = centroid[i]! + coefficient * (centroid[i]! - worst[i]!);
    return x;
  };
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    let spread = 0;
    for (let k = 1; k <= n; k++) for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(simplex[k]!.x[i]! - best.x[i]!));
    if (Number.isFinite(worst.f) && worst.f - best.f <= tolerance * (Math.abs(best.f) + 1e-300) && spread < 1e-9) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] = centroid[i]! + simplex[k]!.x[i]! / n;
    const reflected = along(centroid, worst.x, alpha);
    const fr = value(reflected);
    if (fr < best.f) {
      const expanded = along(centroid, worst.x, alpha * beta);
      const fe = value(expanded);
      simplex[n] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
      continue;
    }
    if (fr < simplex[n - 1]!.f) {
      simplex[n] = { x: reflected, f: fr };
      continue;
    }
    const isOutside = fr < worst.f;
    const contracted = along(centroid, worst.x, isOutside ? alpha * gamma : -gamma);
    const fc = value(contracted);
    if (fc < (isOutside ? fr : worst.f)) {
      simplex[n] = { x: contracted, f: fc };
      continue;
    }
    for (let k = 1; k <= n; k++) {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = best.x[i]! + delta * (simplex[k]!.x[i]! - best.x[i]!);
      simplex[k] = { x, f: value(x) };
    }
  }
  simplex.sort((p, q) => p.f - q.f);
  return { x: simplex[0]!.x, value: simplex[0]!.f, iterations, evaluations, converged };
}

