import { describe, expect, it } from "vitest";
import { cdnowSummaryWithSpend } from "@/tests/fixtures/cdnow/load-cdnow";
import { bgnbdExpectedPurchases } from "./bgnbd-predict";
import { ClvInputError } from "./customer-summary";
import { UNITS_PER_MONTH } from "./discounted-clv";
import { fitClvModels } from "./fit-clv-models";
import { gammaGammaExpectedSpend } from "./gamma-gamma";
import { scoreCustomers } from "./score-customers";
import { type Purchase, summarizeTransactions } from "./summarize-transactions";

// CDNOW with amounts in cents, as the app passes money (integer minor units).
const customers = cdnowSummaryWithSpend().map((c) => ({ ...c, monetaryValue: Math.round(c.monetaryValue * 100) }));
const scoreOptions = { unit: "week", horizonMonths: 12, monthlyDiscountRate: 0.01, grossMargin: 0.3 } as const;

describe("fit and score every customer (the app's recompute job)", () => {
  const models = fitClvModels(customers, { purchaseModel: "bgnbd" });

  it("fits the purchase and spend models", () => {
    if (!models.ok) throw new Error(models.message);
    expect(models.purchase.model).toBe("bgnbd");
    expect(models.purchase.params).toMatchObject({ r: expect.closeTo(0.243, 3), a: expect.closeTo(0.793, 3) });
    // Fader & Hardie (2013): p = 6.25, q = 3.74, γ = 15.44 dollars, i.e. 1544 cents.
    expect(models.spend.ok && models.spend.params.gamma).toBeCloseTo(1544, -1);
  });

  it("scores every customer with finite figures, money in whole minor units", () => {
    if (!models.ok || !models.spend.ok) throw new Error("fit failed");
    const scores = scoreCustomers(models, customers, scoreOptions);
    expect(scores.probabilityAlive).toHaveLength(customers.length);
    expect(scores.spendUnavailable).toBeNull();
    for (let i = 0; i < customers.length; i++) {
      expect(scores.probabilityAlive[i]).toBeGreaterThanOrEqual(0);
      expect(scores.probabilityAlive[i]).toBeLessThanOrEqual(1);
      expect(Number.isFinite(scores.expectedPurchases[i])).toBe(true);
      expect(Number.isInteger(scores.discountedClvMinor![i])).toBe(true);
      expect(Number.isInteger(scores.expectedSpendMinor![i])).toBe(true);
    }
    // Customer 1 (x = 2, t_x = 30.43, T = 38.86, zbar = 22.35), worked out by hand from the parts.
    const params = models.purchase.params as { r: number; alpha: number; a: number; b: number };
    const f = UNITS_PER_MONTH.week;
    let discounted = 0;
    for (let k = 1; k <= 12; k++) {
      discounted += (bgnbdExpectedPurchases(params, k * f, 2, 30.43, 38.86) - bgnbdExpectedPurchases(params, (k - 1) * f, 2, 30.43, 38.86)) / 1.01 ** k;
    }
    const spend = gammaGammaExpectedSpend(models.spend.params, 2, 2235);
    expect(scores.expectedPurchases[0]).toBeCloseTo(bgnbdExpectedPurchases(params, 12 * f, 2, 30.43, 38.86), 12);
    expect(scores.expectedSpendMinor![0]).toBe(Math.round(spend));
    expect(scores.discountedClvMinor![0]).toBe(Math.round(0.3 * spend * discounted));
  });

  it("accepts columns (typed arrays) as well as rows, with the same result", () => {
    if (!models.ok) throw new Error(models.message);
    const columns = {
      frequency: Float64Array.from(customers, (c) => c.frequency),
      recency: Float64Array.from(customers, (c) => c.recency),
      T: Float64Array.from(customers, (c) => c.T),
      monetaryValue: Float64Array.from(customers, (c) => c.monetaryValue),
    };
    expect(scoreCustomers(models, columns, scoreOptions)).toEqual(scoreCustomers(models, customers, scoreOptions));
  });

  it("re-scores from stored parameters without refitting", () => {
    if (!models.ok || !models.spend.ok) throw new Error("fit failed");
    const stored = JSON.parse(JSON.stringify({ purchase: { model: "bgnbd", params: models.purchase.params }, spend: { ok: true, params: models.spend.params } }));
    expect(scoreCustomers(stored, customers, scoreOptions)).toEqual(scoreCustomers(models, customers, scoreOptions));
  });

  it("rejects an invalid summary and names the row", () => {
    const bad = [...customers.slice(0, 30), { frequency: 2, recency: 50, T: 38, monetaryValue: 100 }];
    expect(() => fitClvModels(bad, { purchaseModel: "bgnbd" })).toThrow(expect.objectContaining({ index: 30, field: "recency" }) as unknown as ClvInputError);
  });
});

describe("degenerate data is 'not enough data', never NaN", () => {
  const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const oneTimeBuyers = Array.from({ length: 40 }, () => ({ frequency: 0, recency: 0, T: 20, monetaryValue: 0 }));
  const allOnOneDay: Purchase[] = Array.from({ length: 40 }, (_, i) => ({ customerId: `c${i % 25}`, at: at("2026-03-01"), amount: 1_000 }));

  it.each([
    ["no customers", [], "NO_CUSTOMERS"],
    ["a single customer", [{ frequency: 3, recency: 10, T: 20, monetaryValue: 500 }], "TOO_FEW_CUSTOMERS"],
    ["too few customers", customers.slice(0, 10), "TOO_FEW_CUSTOMERS"],
    ["no repeat buyers", oneTimeBuyers, "NO_REPEAT_BUYERS"],
    ["all purchases on one day, observed that day", summarizeTransactions(allOnOneDay, { observationEnd: at("2026-03-01"), unit: "day" }), "NO_TIME_SPAN"],
    ["all purchases on one day, observed later", summarizeTransactions(allOnOneDay, { observationEnd: at("2026-04-01"), unit: "day" }), "NO_REPEAT_BUYERS"],
    ["nobody ever drops out and everyone buys alike", Array.from({ length: 50 }, (_, i) => ({ frequency: 10 + (i % 5), recency: 10 + (i % 5), T: 10 + (i % 5) })), "DEGENERATE_FIT"],
  ])("%s", (_name, rows, cause) => {
    for (const purchaseModel of ["bgnbd", "pnbd"] as const) {
      expect(fitClvModels(rows, { purchaseModel })).toMatchObject({ ok: false, reason: "NOT_ENOUGH_DATA", cause, message: expect.any(String) });
    }
  });

  it("zero-amount orders: purchase figures without money figures, and why", () => {
    const free = customers.map((c) => ({ ...c, monetaryValue: 0 }));
    const models = fitClvModels(free, { purchaseModel: "pnbd" });
    if (!models.ok) throw new Error(models.message);
    expect(models.spend).toMatchObject({ ok: false, cause: "NO_SPEND" });
    const scores = scoreCustomers(models, free, scoreOptions);
    expect(scores.discountedClvMinor).toBeNull();
    expect(scores.expectedSpendMinor).toBeNull();
    expect(scores.spendUnavailable).toMatchObject({ cause: "NO_SPEND" });
    expect(scores.probabilityAlive.every(Number.isFinite)).toBe(true);
  });
});
