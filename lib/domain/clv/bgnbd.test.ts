import { describe, expect, it } from "vitest";
import { cdnowSummary } from "@/tests/fixtures/cdnow/load-cdnow";
import { bgnbdLogLikelihood, bgnbdObjective, fitBgnbd } from "./bgnbd";
import { bgnbdExpectedPurchases, bgnbdExpectedPurchasesNew, bgnbdProbabilityAlive, bgnbdProbabilityOfPurchases } from "./bgnbd-predict";
import { hyp2f1 } from "./hyp2f1";
import { withNumericGradient } from "./minimize";
import { groupTuples } from "./weighted-tuples";

const summary = cdnowSummary();
const { tuples } = groupTuples(
  summary.map((c) => c.frequency),
  summary.map((c) => c.recency),
  summary.map((c) => c.T),
);

// Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to the Pareto/NBD
// Model", Marketing Science 24(2), section 4: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4,
// fitted on the CDNOW sample (2,357 customers, calibration to 1997-09-30, time in weeks).
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe("BG/NBD fit on CDNOW (Fader, Hardie & Lee 2005)", () => {
  const fit = fitBgnbd(tuples);

  it("recovers the published parameters and log-likelihood", () => {
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.r - PUBLISHED.r)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(fit.params.alpha - PUBLISHED.alpha)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(fit.params.a - PUBLISHED.a)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(fit.params.b - PUBLISHED.b)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThanOrEqual(0.1);
    expect(fit.customers).toBe(2357);
  });

  it("gives the published log-likelihood at the published parameters", () => {
    expect(bgnbdLogLikelihood(PUBLISHED, tuples)).toBeCloseTo(-9582.4, 0);
  });

  it("has an analytic gradient that matches central differences", () => {
    const objective = bgnbdObjective(tuples);
    const theta = Float64Array.of(-1.1, 1.3, -0.4, 0.7);
    const analytic = new Float64Array(4);
    const numeric = new Float64Array(4);
    objective(theta, analytic);
    withNumericGradient((x) => objective(x, null), 1e-5)(theta, numeric);
    for (let i = 0; i < 4; i++) expect(analytic[i]).toBeCloseTo(numeric[i]!, 8);
  });
});

describe("BG/NBD predictions", () => {
  it("E[X(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226 at the published parameters", () => {
    // Hardie's BG/NBD spreadsheet (brucehardie.com/notes/004, "Implementing the BG/NBD Model for Customer Base
    // Analysis in Excel"), conditional expectation for a customer with x = 2, t_x = 30.43, T = 38.86.
    expect(Math.abs(bgnbdExpectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThanOrEqual(0.001);
  });

  it("matches the paper's form of E[X(t) | x, t_x, T] with ₂F₁", () => {
    const paper = (t: number, x: number, tx: number, T: number) => {
      const { r, alpha, a, b } = PUBLISHED;
      const z = t / (alpha + T + t);
      const bracket = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
      return bracket / (1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0));
    };
    for (const [t, x, tx, T] of [
      [39, 0, 0, 38.86],
      [52, 7, 30, 35],
      [10, 25, 36.5, 37],
      [200, 1, 1.71, 38.86],
    ] as const) {
      expect(bgnbdExpectedPurchases(PUBLISHED, t, x, tx, T)).toBeCloseTo(paper(t, x, tx, T), 11);
    }
  });

  it("stays finite and continuous where the paper's form divides by zero (a = 1, a + b < 1)", () => {
    const atOne = bgnbdExpectedPurchases({ r: 0.3, alpha: 4, a: 1, b: 2 }, 39, 2, 30, 38);
    const nearOne = bgnbdExpectedPurchases({ r: 0.3, alpha: 4, a: 1 + 1e-7, b: 2 }, 39, 2, 30, 38);
    expect(atOne).toBeCloseTo(nearOne, 6);
    // a + b < 1: E[X(39)] = ∫ (1/p)(1 − (α/(α+pt))^r) Beta(p; a, b) dp = 1.4237051170943327, computed with
    // mpmath 1.3.0 quad at 30 digits from the model's definition (Fader, Hardie & Lee 2005, section 3).
    expect(bgnbdExpectedPurchasesNew({ r: 0.3, alpha: 4, a: 0.3, b: 0.4 }, 39)).toBeCloseTo(1.4237051170943327, 9);
  });

  it("P(alive) is 1 without repeat purchases and falls with time since the last purchase", () => {
    expect(bgnbdProbabilityAlive(PUBLISHED, 0, 0, 38.86)).toBe(1);
    const recent = bgnbdProbabilityAlive(PUBLISHED, 5, 38, 38.86);
    const lapsed = bgnbdProbabilityAlive(PUBLISHED, 5, 10, 38.86);
    expect(recent).toBeGreaterThan(lapsed);
    expect(bgnbdProbabilityAlive(PUBLISHED, 2, 30.43, 38.86)).toBeCloseTo(0.7265785700806, 10);
  });

  it("P(X(t) = n) sums to 1 and has mean E[X(t)]", () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 500; n++) {
      const p = bgnbdProbabilityOfPurchases(PUBLISHED, 39, n);
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(bgnbdExpectedPurchasesNew(PUBLISHED, 39), 10);
    expect(bgnbdProbabilityOfPurchases(PUBLISHED, 0, 0)).toBe(1);
    expect(() => bgnbdProbabilityOfPurchases(PUBLISHED, 39, 1.5)).toThrow(RangeError);
  });

  it("expects nothing in no time", () => {
    expect(bgnbdExpectedPurchases(PUBLISHED, 0, 3, 20, 30)).toBe(0);
  });
});
