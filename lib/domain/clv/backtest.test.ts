import { describe, expect, it } from "vitest";
import { cdnowSampleTransactions } from "@/tests/fixtures/cdnow/load-cdnow";
import { backtestPurchaseModels, bucketOf } from "./backtest";
import { ClvInputError } from "./customer-summary";
import { summarizeCalibrationHoldout } from "./summarize-transactions";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("backtest on the CDNOW sample (calibration to 1997-09-30, holdout to 1998-06-30, weeks)", () => {
  const rows = summarizeCalibrationHoldout(cdnowSampleTransactions(), { calibrationEnd: day("1997-09-30"), observationEnd: day("1998-06-30"), unit: "week" });
  const result = backtestPurchaseModels(rows);

  it("fits both models on the calibration period and compares them on the 39-week holdout", () => {
    expect(rows).toHaveLength(2357);
    expect(rows[0]!.durationHoldout).toBe(39);
    if (!result.ok) throw new Error(result.message);
    const actual = rows.reduce((sum, r) => sum + r.frequencyHoldout, 0);
    for (const name of ["bgnbd", "pnbd"] as const) {
      const model = result.models[name];
      if (!model.ok) throw new Error(model.message);
      expect(model.converged).toBe(true);
      expect(model.actualTotal).toBe(actual);
      // Per bucket, the customers and the totals add up to the whole.
      expect(model.buckets.map((b) => b.bucket)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
      expect(model.buckets.reduce((s, b) => s + b.customers, 0)).toBe(2357);
      expect(model.buckets.reduce((s, b) => s + b.actual, 0)).toBe(actual);
      expect(model.buckets.reduce((s, b) => s + b.predicted, 0)).toBeCloseTo(model.predictedTotal, 6);
      expect(model.predictedTotal / actual).toBeGreaterThan(0.8);
      expect(model.predictedTotal / actual).toBeLessThan(1.1);
    }
    // The calibration fit is the published one (Fader, Hardie & Lee 2005: r = 0.243, α = 4.414, a = 0.793, b = 2.426).
    const bgnbd = result.models.bgnbd;
    expect(bgnbd.ok && bgnbd.params.r).toBeCloseTo(0.243, 3);
  });

  it("chooses the model with the lower per-customer error and says by how much", () => {
    if (!result.ok || !result.models.bgnbd.ok || !result.models.pnbd.ok) throw new Error("backtest failed");
    const errors = { bgnbd: result.models.bgnbd.meanAbsoluteError, pnbd: result.models.pnbd.meanAbsoluteError };
    const winner = errors.bgnbd <= errors.pnbd ? "bgnbd" : "pnbd";
    expect(result.chosen).toBe(winner);
    expect(result.comparison.difference).toBeCloseTo(Math.abs(errors.bgnbd - errors.pnbd), 12);
    expect(result.comparison.relativeDifference).toBeCloseTo(result.comparison.difference / Math.max(errors.bgnbd, errors.pnbd), 12);
  });
});

describe("backtest input", () => {
  it("buckets calibration frequency as 0 … 6 and 7+", () => {
    expect([0, 1, 6, 7, 29].map(bucketOf)).toEqual([0, 1, 6, 7, 7]);
  });

  it("rejects a holdout count that is not a whole number", () => {
    expect(() => backtestPurchaseModels([{ frequency: 1, recency: 2, T: 3, frequencyHoldout: 0.5, durationHoldout: 4 }])).toThrow(ClvInputError);
  });

  it("is not enough data when neither model can be fitted", () => {
    const rows = Array.from({ length: 30 }, () => ({ frequency: 0, recency: 0, T: 10, frequencyHoldout: 1, durationHoldout: 5 }));
    expect(backtestPurchaseModels(rows)).toMatchObject({ ok: false, reason: "NOT_ENOUGH_DATA", cause: "NO_REPEAT_BUYERS" });
  });
});
