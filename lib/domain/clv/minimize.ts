/**
 * Unconstrained minimisation for the model fits, which pass log-parameters (so "unconstrained" is all they
 * need): BFGS (bfgs.ts) and, when BFGS stalls, Nelder–Mead (nelder-mead.ts) followed by BFGS again.
 * Non-finite objective values are treated as +∞ (the step is refused).
 */
import { minimizeBfgs } from "./bfgs";
import { minimizeNelderMead } from "./nelder-mead";

/** Returns f(x); when `gradient` is given, also writes ∇f(x) into it. */
export type Objective = (x: Float64Array, gradient: Float64Array | null) => number;

export type MinimizeResult = {
  x: Float64Array;
  value: number;
  gradientNorm: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  /** BFGS's approximation of the inverse Hessian at `x` (n×n, row-major). */
  inverseHessian: Float64Array;
};

export type MinimizeOptions = {
  /** Converged when the largest gradient component is below this. */
  gradientTolerance?: number;
  maxIterations?: number;
  /**
   * Where BFGS's inverse-Hessian approximation starts (n×n, row-major), e.g. the one a fit of nearly the same
   * problem ended with: the first steps are then Newton-like instead of steepest descent. Ignored unless it is
   * finite with a positive diagonal.
   */
  initialInverseHessian?: ArrayLike<number>;
};

/** Central differences; `step` is absolute, which suits log-parameters. */
export function withNumericGradient(f: (x: Float64Array) => number, step = 1e-5): Objective {
  return (x, gradient) => {
    const value = f(x);
    if (gradient) {
      const probe = Float64Array.from(x);
      for (let i = 0; i < x.length; i++) {
        probe[i] = x[i]! + step;
        const up = f(probe);
        probe[i] = x[i]! - step;
        const down = f(probe);
        probe[i] = x[i]!;
        gradient[i] = (up - down) / (2 * step);
      }
    }
    return value;
  };
}

/**
 * BFGS first; if it does not reach the gradient tolerance, Nelder–Mead from the best point found and BFGS
 * again from there. The result says whether the gradient criterion was met in the end.
 */
export function minimize(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimizeOptions & {
    /** When BFGS ends somewhere this rejects (a parameter running off to 0 or ∞), the fallback is not tried. */
    isPlausible?: (x: Float64Array) => boolean;
  } = {},
): MinimizeResult {
  const first = minimizeBfgs(objective, start, options);
  if (first.converged || (options.isPlausible && !options.isPlausible(first.x))) return first;
  const startAgain = Number.isFinite(first.value) ? first.x : Float64Array.from(start);
  const simplex = minimizeNelderMead((x) => objective(x, null), startAgain);
  const second = minimizeBfgs(objective, simplex.x, options);
  const best = second.value <= first.value || !Number.isFinite(first.value) ? second : first;
  return {
    ...best,
    iterations: first.iterations + simplex.iterations + second.iterations,
    evaluations: first.evaluations + simplex.evaluations + second.evaluations,
  };
}
