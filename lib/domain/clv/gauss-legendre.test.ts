import { describe, expect, it } from "vitest";
import { logIntegrateExp } from "./gauss-legendre";

describe("log-space Gauss–Legendre quadrature", () => {
  it("integrates exponentials and powers to machine precision", () => {
    // ∫₀¹ e^{−40u} du = (1 − e^{−40})/40 and ∫₁^{10} u^{−3} du = (1 − 1/100)/2.
    expect(logIntegrateExp((u) => -40 * u, 0, 1, 40)).toBeCloseTo(Math.log(-Math.expm1(-40) / 40), 13);
    expect(logIntegrateExp((u) => -3 * Math.log(u), 1, 10, 3)).toBeCloseTo(Math.log(0.495), 13);
  });

  it("handles values far beyond the range of a double", () => {
    expect(logIntegrateExp((u) => -2000 - u, 0, 1, 1)).toBeCloseTo(-2000 + Math.log(-Math.expm1(-1)), 11);
  });

  it("is −∞ over an empty interval", () => {
    expect(logIntegrateExp((u) => u, 2, 2, 1)).toBe(-Infinity);
  });
});
