import { describe, expect, it } from "vitest";
import { cdnowSummaryWithSpend } from "@/tests/fixtures/cdnow/load-cdnow";
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood } from "./gamma-gamma";

const customers = cdnowSummaryWithSpend();
const data = { frequency: customers.map((c) => c.frequency), monetaryValue: customers.map((c) => c.monetaryValue) };

// Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value" (brucehardie.com/notes/025), fitted on the
// 946 repeat customers of the CDNOW sample: p = 6.25, q = 3.74, γ = 15.44.
const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("Gamma-Gamma fit on CDNOW (Fader & Hardie 2013)", () => {
  it("recovers the published parameters from the repeat customers", () => {
    const fit = fitGammaGamma(data);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(Math.abs(fit.params.p - PUBLISHED.p)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.params.q - PUBLISHED.q)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.params.gamma - PUBLISHED.gamma)).toBeLessThanOrEqual(0.01);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(PUBLISHED, data));
  });
});

describe("conditional expected spend E[M | x, m]", () => {
  it("weighs the customer's own mean against the population mean pγ/(q − 1)", () => {
    const population = (PUBLISHED.p * PUBLISHED.gamma) / (PUBLISHED.q - 1);
    expect(gammaGammaExpectedSpend(PUBLISHED, 0, 0)).toBeCloseTo(population, 12);
    const x = 4;
    const m = 50;
    const w = (PUBLISHED.p * x) / (PUBLISHED.p * x + PUBLISHED.q - 1);
    expect(gammaGammaExpectedSpend(PUBLISHED, x, m)).toBeCloseTo(w * m + (1 - w) * population, 12);
    expect(gammaGammaExpectedSpend(PUBLISHED, 1000, m)).toBeCloseTo(m, 0);
  });
});

describe("not enough spend data", () => {
  it.each([
    ["no repeat customers", { frequency: [0, 0, 0], monetaryValue: [0, 0, 0] }, "NO_SPEND"],
    ["only zero-amount repeat orders", { frequency: [2, 3, 1], monetaryValue: [0, 0, 0] }, "NO_SPEND"],
    ["too few repeat customers", { frequency: [1, 2], monetaryValue: [10, 20] }, "TOO_FEW_REPEAT_BUYERS"],
    ["everyone spends the same", { frequency: [1, 2, 3, 1, 2, 1], monetaryValue: [10, 10, 10, 10, 10, 10] }, "DEGENERATE_FIT"],
  ])("%s", (_name, spend, cause) => {
    expect(fitGammaGamma(spend)).toMatchObject({ ok: false, reason: "NOT_ENOUGH_DATA", cause });
  });
});
