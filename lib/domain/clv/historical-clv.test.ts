import { describe, expect, it } from "vitest";
import { historicalClvMinor } from "./historical-clv";

describe("historical CLV", () => {
  const orders = [
    { totalMinor: 10_000, refundedMinor: 0 },
    { totalMinor: 5_000, refundedMinor: 2_000 },
    { totalMinor: 7_000, refundedMinor: 0, isCancelled: true },
  ];

  it("is what the customer paid, net of refunds, cancelled orders left out", () => {
    expect(historicalClvMinor(orders)).toBe(13_000);
    expect(historicalClvMinor([])).toBe(0);
  });

  it("is profit with a gross margin, rounded once to whole minor units", () => {
    expect(historicalClvMinor(orders, { grossMargin: 0.35 })).toBe(4_550);
    expect(historicalClvMinor([{ totalMinor: 1, refundedMinor: 0 }], { grossMargin: 0.5 })).toBe(1);
  });

  it("rejects a margin outside 0..1 and fractional amounts", () => {
    expect(() => historicalClvMinor(orders, { grossMargin: 35 })).toThrow(RangeError);
    expect(() => historicalClvMinor([{ totalMinor: 1.5, refundedMinor: 0 }])).toThrow(RangeError);
  });
});
