import { describe, expect, it } from "vitest";
import { hyp2f1, hyp2f1Series, logHyp2f1 } from "./hyp2f1";

describe("Gauss hypergeometric ₂F₁", () => {
  it("matches closed forms", () => {
    // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(a, b; b; z) = (1 − z)^(−a) (Abramowitz & Stegun 15.1.3, 15.1.8).
    for (const z of [0, 0.1, 0.5, 0.9, 0.99, 0.999]) {
      const expected = z === 0 ? 1 : -Math.log1p(-z) / z;
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(expected, 12);
      expect(hyp2f1(2.5, 1.7, 1.7, z) / Math.pow(1 - z, -2.5)).toBeCloseTo(1, 12);
    }
    // ₂F₁(1/2, 1/2; 3/2; z²) = arcsin(z)/z (A&S 15.1.6).
    expect(hyp2f1(0.5, 0.5, 1.5, 0.99)).toBeCloseTo(Math.asin(Math.sqrt(0.99)) / Math.sqrt(0.99), 13);
  });

  it("matches special values near z = 1 where the plain series is slow", () => {
    // ₂F₁(1/4, 1/2; 3/4; 80/81) = 9/5 and ₂F₁(1/3, 2/3; 5/6; 27/32) = 8/5 (Vidūnas, "Dihedral Gauss
    // hypergeometric functions", 2011; listed on Wikipedia's "Hypergeometric function"). The values below are
    // mpmath's at the double-precision inputs, which differ from 9/5 and 8/5 in the 16th digit.
    expect(hyp2f1(0.25, 0.5, 0.75, 80 / 81)).toBeCloseTo(1.8, 13);
    expect(hyp2f1(1 / 3, 2 / 3, 5 / 6, 27 / 32)).toBeCloseTo(1.6, 13);
  });

  // mpmath 1.3.0 mp.hyp2f1 at 30 digits, on the parameter ranges BG/NBD and Pareto/NBD use.
  it.each([
    [2.2426, 4.4259, 4.2188, 0.4740281208066743, 4.57432348079168047009543334812],
    [5.5, 3.2, 1.1, 0.95, 122687693928.078522915075128085],
    [30.2, 32.4, 31.2, 0.3, 72258.8149175538704159886737722],
    [1, 12.2, 14.6, 0.999, 9.48991874724521940882652493636],
  ])("₂F₁(%d, %d; %d; %d) = %d", (a, b, c, z, expected) => {
    expect(hyp2f1(a, b, c, z) / expected).toBeCloseTo(1, 12);
    expect(logHyp2f1(a, b, c, z)).toBeCloseTo(Math.log(expected), 11);
  });

  it("agrees with and without Euler's transformation", () => {
    expect(hyp2f1Series(5.5, 3.2, 1.1, 0.6) / hyp2f1(5.5, 3.2, 1.1, 0.6)).toBeCloseTo(1, 12);
  });

  it("refuses z outside [0, 1) instead of returning a wrong number", () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(logHyp2f1(1, 1, 2, -0.5)).toBeNaN();
  });
});
