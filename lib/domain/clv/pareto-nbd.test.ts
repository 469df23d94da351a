import { describe, expect, it } from "vitest";
import { cdnowSummary } from "@/tests/fixtures/cdnow/load-cdnow";
import { A0TermCache, fitParetoNbd, paretoNbdCustomerLogLikelihood, paretoNbdLogA0, paretoNbdLogLikelihood } from "./pareto-nbd";
import { paretoNbdExpectedPurchases, paretoNbdExpectedPurchasesNew, paretoNbdProbabilityAlive } from "./pareto-nbd-predict";
import { groupTuples } from "./weighted-tuples";

const summary = cdnowSummary();
const { tuples } = groupTuples(
  summary.map((c) => c.frequency),
  summary.map((c) => c.recency),
  summary.map((c) => c.T),
);

// The Pareto/NBD benchmark on the same CDNOW sample in Fader, Hardie & Lee (2005), Marketing Science 24(2),
// section 5: r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0 (the figures quoted in issue 3).
const PUBLISHED = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

describe("Pareto/NBD fit on CDNOW", () => {
  it("recovers the published parameters and log-likelihood", () => {
    const fit = fitParetoNbd(tuples);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.r - PUBLISHED.r)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(fit.params.s - PUBLISHED.s)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(fit.params.alpha - PUBLISHED.alpha)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(fit.params.beta - PUBLISHED.beta)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThanOrEqual(0.1);
  });

  it("starts from another fit's parameters and curvature and reaches the same optimum in fewer iterations", () => {
    // A fit on every other customer stands in for the backtest's calibration fit of nearly the same data.
    const half = summary.filter((_, i) => i % 2 === 0);
    const partial = fitParetoNbd(groupTuples(half.map((c) => c.frequency), half.map((c) => c.recency), half.map((c) => c.T)).tuples);
    const cold = fitParetoNbd(tuples);
    if (!partial.ok || !cold.ok) throw new Error("fit failed");
    const paramsOnly = fitParetoNbd(tuples, { initialParams: partial.params });
    const warm = fitParetoNbd(tuples, { initialParams: partial.params, initialInverseHessian: partial.inverseHessian });
    if (!warm.ok || !paramsOnly.ok) throw new Error("fit failed");
    expect(warm.converged).toBe(true);
    expect(warm.logLikelihood).toBeCloseTo(cold.logLikelihood, 6);
    for (const key of ["r", "alpha", "s", "beta"] as const) expect(warm.params[key]).toBeCloseTo(cold.params[key], 4);
    expect(warm.iterations).toBeLessThan(paramsOnly.iterations);
    // A curvature of the wrong size is ignored, not misread.
    const ignored = fitParetoNbd(tuples, { initialParams: partial.params, initialInverseHessian: [1, 0, 0, 1] });
    expect(ignored.ok && ignored.iterations).toBe(paramsOnly.iterations);
  });

  it("gives the published log-likelihood at the published parameters", () => {
    expect(paretoNbdLogLikelihood(PUBLISHED, tuples)).toBeCloseTo(-9595.0, 0);
  });

  it("sums exactly the per-customer terms (the ₂F₁ terms it shares between customers change no digit)", () => {
    for (const params of [PUBLISHED, { r: 0.553, alpha: 12.578, s: 0.606, beta: 10.669 }]) {
      let total = 0;
      for (let i = 0; i < tuples.size; i++) total += tuples.weight[i]! * paretoNbdCustomerLogLikelihood(params, tuples.x[i]!, tuples.tx[i]!, tuples.T[i]!);
      expect(paretoNbdLogLikelihood(params, tuples)).toBe(total);
      const terms = new A0TermCache(params);
      expect(paretoNbdLogA0(params, 2, 30.43, 38.86, terms)).toBe(paretoNbdLogA0(params, 2, 30.43, 38.86));
    }
  });
});

describe("Pareto/NBD likelihood and P(alive), both branches", () => {
  // Reference values from the model's definition by numerical integration over λ, μ and the death time
  // (mpmath 1.3.0, 20 digits): L = E[λ^x e^{−(λ+μ)T}] + ∫_{t_x}^{T} E[λ^x e^{−λy}] E[μ e^{−μy}] dy.
  it.each([
    ["α < β", PUBLISHED, 2, 30.43, 38.86, -9.5542832451504249565, 0.86916755915300867363],
    ["α ≥ β", { r: 0.553, alpha: 12.578, s: 0.606, beta: 10.669 }, 2, 30.43, 38.86, -9.6002847498518336451, 0.86772542969332329659],
    ["no repeat purchase", PUBLISHED, 0, 0, 38.86, -0.52104629408094497168, 0.29528660461685569132],
  ])("%s", (_name, params, x, tx, T, logLikelihood, alive) => {
    expect(paretoNbdCustomerLogLikelihood(params, x, tx, T)).toBeCloseTo(logLikelihood, 11);
    expect(paretoNbdProbabilityAlive(params, x, tx, T)).toBeCloseTo(alive, 11);
  });

  it("is continuous where the branches meet (α = β)", () => {
    const at = (alpha: number) => paretoNbdCustomerLogLikelihood({ r: 0.5, alpha, s: 0.6, beta: 11 }, 3, 20, 38);
    expect(at(11 - 1e-9)).toBeCloseTo(at(11), 9);
    expect(at(11 + 1e-9)).toBeCloseTo(at(11), 9);
  });

  it("agrees with the ₂F₁ series where it switches to the integral (α and β far apart, short intervals)", () => {
    // Reference: the difference of the two ₂F₁ terms of note 009, summed with the plain series at these points.
    expect(paretoNbdLogA0({ r: 0.553, alpha: 100.578, s: 0.606, beta: 1.669 }, 29, 3, 38.86)).toBeCloseTo(-135.57878793883327, 10);
    expect(paretoNbdLogA0({ r: 0.553, alpha: 1.578, s: 1.606, beta: 100.669 }, 29, 3, 38.86)).toBeCloseTo(-55.44839493665333, 10);
    expect(paretoNbdLogA0(PUBLISHED, 2, 38.5, 38.86)).toBeCloseTo(-16.114452935564884, 11);
  });

  it("is certain a customer who just bought is alive", () => {
    expect(paretoNbdProbabilityAlive(PUBLISHED, 4, 30, 30)).toBe(1);
  });
});

describe("Pareto/NBD expected purchases", () => {
  it("for a customer seen only at the first purchase equals the new-customer formula", () => {
    expect(paretoNbdExpectedPurchases(PUBLISHED, 39, 0, 0, 0)).toBeCloseTo(paretoNbdExpectedPurchasesNew(PUBLISHED, 39), 12);
  });

  it("is continuous at s = 1, where the closed form divides by s − 1", () => {
    const at = (s: number) => paretoNbdExpectedPurchases({ ...PUBLISHED, s }, 39, 2, 30.43, 38.86);
    expect(at(1)).toBeCloseTo(at(1 + 1e-8), 7);
    expect(Number.isFinite(paretoNbdExpectedPurchasesNew({ ...PUBLISHED, s: 1 }, 39))).toBe(true);
  });

  it("grows with the horizon and scales with P(alive)", () => {
    const short = paretoNbdExpectedPurchases(PUBLISHED, 10, 2, 30.43, 38.86);
    const long = paretoNbdExpectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86);
    expect(long).toBeGreaterThan(short);
    expect(paretoNbdExpectedPurchases(PUBLISHED, 0, 2, 30.43, 38.86)).toBe(0);
  });
});
