import { describe, expect, it } from "vitest";
import { minimizeBfgs } from "./bfgs";
import { minimize, type Objective, withNumericGradient } from "./minimize";
import { minimizeNelderMead } from "./nelder-mead";

/** Rosenbrock's valley in n dimensions, minimum 0 at (1, …, 1): the standard hard case for quasi-Newton. */
const rosenbrock: Objective = (x, gradient) => {
  let f = 0;
  gradient?.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    f += 100 * a * a + b * b;
    if (gradient) {
      gradient[i] = gradient[i]! - 400 * x[i]! * a - 2 * b;
      gradient[i + 1] = gradient[i + 1]! + 200 * a;
    }
  }
  return f;
};

describe("BFGS", () => {
  it("finds Rosenbrock's minimum with an analytic gradient", () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1, -0.5, 0.8]);
    expect(result.converged).toBe(true);
    for (const v of result.x) expect(v).toBeCloseTo(1, 6);
  });

  it("finds it with central-difference gradients", () => {
    const result = minimizeBfgs(withNumericGradient((x) => rosenbrock(x, null), 1e-6), [-1.2, 1], { gradientTolerance: 1e-6 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("solves a quadratic in a handful of iterations", () => {
    const quadratic: Objective = (x, g) => {
      if (g) {
        g[0] = 2 * (x[0]! - 3);
        g[1] = 20 * (x[1]! + 1);
      }
      return (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2;
    };
    const result = minimizeBfgs(quadratic, [0, 0]);
    expect(result.iterations).toBeLessThan(10);
    expect(Array.from(result.x)).toEqual([expect.closeTo(3, 8), expect.closeTo(-1, 8)]);
  });

  it("refuses steps into regions where the objective is not finite", () => {
    // ln-barrier: undefined for x ≤ 0; the minimum of x − ln x is at x = 1.
    const barrier: Objective = (x, g) => {
      if (g) g[0] = 1 - 1 / x[0]!;
      return x[0]! - Math.log(x[0]!);
    };
    const result = minimizeBfgs(barrier, [5]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
  });

  it("reports failure instead of a fake optimum when the objective has none", () => {
    const unbounded: Objective = (x, g) => {
      if (g) g[0] = -1;
      return -x[0]!;
    };
    const result = minimizeBfgs(unbounded, [0], { maxIterations: 50 });
    expect(result.converged).toBe(false);
  });
});

describe("Nelder–Mead", () => {
  it("finds Rosenbrock's minimum without derivatives", () => {
    const result = minimizeNelderMead((x) => rosenbrock(x, null), [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });
});

describe("minimize", () => {
  it("falls back to Nelder–Mead and polishes with BFGS when BFGS alone stops early", () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 5 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.evaluations).toBeGreaterThan(10);
  });
});
