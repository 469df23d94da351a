import { describe, expect, it } from "vitest";
import { assertDiscountOptions, discountedClv, discountedExpectedPurchases, monthlyRateFromAnnual, UNITS_PER_MONTH } from "./discounted-clv";

describe("discounted CLV", () => {
  it("discounts each month's expected purchases at the end of that month", () => {
    // One purchase per month, every month: Σ_{k=1..12} 1/1.01^k.
    const linear = (t: number) => t / UNITS_PER_MONTH.day;
    const expected = Array.from({ length: 12 }, (_, k) => 1 / 1.01 ** (k + 1)).reduce((s, v) => s + v, 0);
    expect(discountedExpectedPurchases(linear, { horizonMonths: 12, monthlyDiscountRate: 0.01, unitsPerMonth: UNITS_PER_MONTH.day })).toBeCloseTo(expected, 12);
  });

  it("without discounting is just the expected purchases over the horizon", () => {
    const curve = (t: number) => 3 * (1 - Math.exp(-t / 100));
    const options = { horizonMonths: 12, monthlyDiscountRate: 0, unitsPerMonth: UNITS_PER_MONTH.week };
    expect(discountedExpectedPurchases(curve, options)).toBeCloseTo(curve(12 * UNITS_PER_MONTH.week), 12);
  });

  it("multiplies spend, discounted purchases and margin", () => {
    expect(discountedClv(2_500, 3.2, 0.4)).toBeCloseTo(3_200, 9);
    expect(() => discountedClv(2_500, 3.2, 1.4)).toThrow(RangeError);
  });

  it("converts an annual rate into the monthly rate that compounds to it", () => {
    expect((1 + monthlyRateFromAnnual(0.1)) ** 12).toBeCloseTo(1.1, 12);
  });

  it("rejects a horizon that is not a whole number of months, and negative rates", () => {
    expect(() => assertDiscountOptions({ horizonMonths: 1.5, monthlyDiscountRate: 0.01, unitsPerMonth: 30 })).toThrow(RangeError);
    expect(() => assertDiscountOptions({ horizonMonths: 12, monthlyDiscountRate: -0.01, unitsPerMonth: 30 })).toThrow(RangeError);
  });
});
