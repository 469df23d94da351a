import { describe, expect, it } from "vitest";
import { monthlyForecast } from "./forecast";
import { expectedPurchases } from "./purchase-model";
import { gammaGammaExpectedSpend } from "./gamma-gamma";

// Fader, Hardie & Lee (2005) BG/NBD and Fader & Hardie (2013) Gamma-Gamma parameters for CDNOW, in weeks.
const purchase = { model: "bgnbd" as const, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const spend = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("monthlyForecast", () => {
  const customers = [
    { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 2000 },
    { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 4000 },
    { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
  ];

  it("adds up to each customer's expected purchases over the whole span, times their expected spend", () => {
    const forecast = monthlyForecast({ purchase, spend }, customers, { months: 12, unit: "week" });
    const horizon = (12 * 365.25) / 12 / 7;
    const expectedTotal = customers.reduce((sum, c) => sum + expectedPurchases(purchase, horizon, c.frequency, c.recency, c.T), 0);
    const expectedRevenue = customers.reduce(
      (sum, c) => sum + expectedPurchases(purchase, horizon, c.frequency, c.recency, c.T) * gammaGammaExpectedSpend(spend, c.frequency, c.monetaryValue),
      0,
    );
    expect(forecast.purchases).toHaveLength(12);
    expect(forecast.purchases.reduce((a, b) => a + b, 0)).toBeCloseTo(expectedTotal, 10);
    expect(forecast.revenueMinor.reduce((a, b) => a + b, 0)).toBeCloseTo(expectedRevenue, -1);
  });

  it("expects fewer purchases each month from a base that slowly churns", () => {
    const { purchases } = monthlyForecast({ purchase, spend }, customers, { months: 6, unit: "week" });
    for (let month = 1; month < purchases.length; month++) expect(purchases[month]).toBeLessThan(purchases[month - 1]!);
  });

  it("refuses a horizon that is not a whole number of months", () => {
    expect(() => monthlyForecast({ purchase, spend }, customers, { months: 0, unit: "week" })).toThrow(RangeError);
  });
});
