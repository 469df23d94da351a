import { describe, expect, it } from "vitest";
import { binsFromEdges, clvCacRatio, clvHistogramEdges, DEFAULT_MAX_BINS, forecastMonths, forecastTotal, sortSegmentsForDisplay } from "./dashboard-figures";

const EUR = { unitMinor: 100 };

describe("CLV histogram edges", () => {
  it("steps 1-2-5 from the first round amount above the lowest value to the last at or below the highest", () => {
    // €3.50 … €12,340: under €5, €5–10, €10–20, …, €10,000 or more.
    expect(clvHistogramEdges({ minPositiveMinor: 350, maxMinor: 1_234_000 }, EUR)).toEqual([500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]);
  });

  it("starts at one major unit at the lowest, so cents of CLV do not open bins of their own", () => {
    expect(clvHistogramEdges({ minPositiveMinor: 3, maxMinor: 2500 }, EUR)).toEqual([200, 500, 1000, 2000]);
    expect(clvHistogramEdges({ minPositiveMinor: 3, maxMinor: 25 }, { unitMinor: 1 })).toEqual([5, 10, 20]);
  });

  it("never leaves the first or the last bin empty when the values span a round amount", () => {
    const cases = [
      { minPositiveMinor: 100, maxMinor: 200 },
      { minPositiveMinor: 199, maxMinor: 201 },
      { minPositiveMinor: 4321, maxMinor: 987_654_321 },
      { minPositiveMinor: 100, maxMinor: 9_000_000_000_000 },
    ];
    for (const range of cases) {
      const edges = clvHistogramEdges(range, EUR);
      expect(edges[0]).toBeGreaterThan(range.minPositiveMinor);
      expect(edges.at(-1)).toBeLessThanOrEqual(range.maxMinor);
    }
  });

  it("uses coarser steps (1-3, then decades, then every other decade) to stay within the bin limit", () => {
    // 1-2-5 would need 15 bins from €1 to €100,000; 1-3 needs 11.
    expect(clvHistogramEdges({ minPositiveMinor: 100, maxMinor: 10_000_000 }, EUR)).toEqual([300, 1000, 3000, 10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000]);
    const wide = clvHistogramEdges({ minPositiveMinor: 100, maxMinor: 1e15 }, EUR);
    expect(wide.length + 1).toBeLessThanOrEqual(DEFAULT_MAX_BINS);
    expect(wide).toEqual([1e4, 1e6, 1e8, 1e10, 1e12, 1e14]);
    expect(clvHistogramEdges({ minPositiveMinor: 100, maxMinor: 1_000_000 }, { ...EUR, maxBins: 4 })).toEqual([10_000, 1_000_000]);
  });

  it("gives edges that only ever rise, all whole minor units", () => {
    for (const [min, max] of [[1, 7], [99, 100_001], [12_345, 67_890], [1, 2 ** 52]] as const) {
      const edges = clvHistogramEdges({ minPositiveMinor: min, maxMinor: max }, EUR);
      expect(edges.every((edge, i) => Number.isSafeInteger(edge) && (i === 0 || edge > edges[i - 1]!))).toBe(true);
    }
  });

  it("has one edge above everything when all values lie between two round amounts, or there are none", () => {
    expect(clvHistogramEdges({ minPositiveMinor: 2500, maxMinor: 4000 }, EUR)).toEqual([5000]);
    expect(clvHistogramEdges({ minPositiveMinor: 3000, maxMinor: 3000 }, EUR)).toEqual([5000]);
    expect(clvHistogramEdges({ minPositiveMinor: null, maxMinor: 0 }, EUR)).toEqual([200]);
    expect(clvHistogramEdges({ minPositiveMinor: null, maxMinor: null }, EUR)).toEqual([200]);
  });

  it("turns edges into bins from zero to open-ended", () => {
    expect(binsFromEdges([500, 1000])).toEqual([
      { fromMinor: 0, toMinor: 500 },
      { fromMinor: 500, toMinor: 1000 },
      { fromMinor: 1000, toMinor: null },
    ]);
  });
});

describe("CLV : CAC", () => {
  it.each([
    ["below 1 loses money on every customer", 4000, 5000, 0.8, "losing"],
    ["exactly 1 breaks even: below target, not losing", 5000, 5000, 1, "below_target"],
    ["just under 3 is shown as 2.9, below target", 14_999, 5000, 2.9, "below_target"],
    ["exactly 3 is healthy", 15_000, 5000, 3, "healthy"],
    ["3.2 : 1 is healthy", 16_000, 5000, 3.2, "healthy"],
    ["just under 1 shows 0.9, never a rounded-up 1.0", 4999, 5000, 0.9, "losing"],
    ["a customer worth nothing", 0, 5000, 0, "losing"],
  ] as const)("%s", (_name, average, cost, ratio, verdict) => {
    expect(clvCacRatio(average, cost)).toEqual({ status: "ratio", ratio, verdict });
  });

  it("has no ratio without a cost, without customers, or when acquiring is free", () => {
    expect(clvCacRatio(12_000, undefined)).toEqual({ status: "cost_not_set" });
    expect(clvCacRatio(null, 5000)).toEqual({ status: "no_customers" });
    expect(clvCacRatio(null, undefined)).toEqual({ status: "cost_not_set" });
    expect(clvCacRatio(12_000, 0)).toEqual({ status: "no_cost" });
  });
});

describe("forecast months", () => {
  const iso = (dates: Date[]) => dates.map((date) => date.toISOString().slice(0, 7));

  it("starts with the month of the end of the data when it ends in the first half of a month", () => {
    expect(iso(forecastMonths(new Date("2026-06-01T12:00:00Z"), 3))).toEqual(["2026-06", "2026-07", "2026-08"]);
    expect(iso(forecastMonths(new Date("2026-06-15T23:00:00Z"), 1))).toEqual(["2026-06"]);
  });

  it("starts with the next month when the data ends late in a month, across the new year", () => {
    expect(iso(forecastMonths(new Date("2026-05-31T23:00:00Z"), 2))).toEqual(["2026-06", "2026-07"]);
    expect(iso(forecastMonths(new Date("2026-12-20T02:00:00Z"), 3))).toEqual(["2027-01", "2027-02", "2027-03"]);
  });

  it("gives twelve distinct consecutive months for a year's forecast", () => {
    const months = iso(forecastMonths(new Date("2026-01-31T00:00:00Z"), 12));
    expect(months).toEqual(["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]);
  });

  it("adds the months up", () => {
    expect(forecastTotal([100, 250, 0])).toBe(350);
    expect(forecastTotal([])).toBe(0);
  });
});

describe("segment order", () => {
  it("lists VIPs, then the lifecycle from new to lost, then RFM groups from champions to lost, then custom segments as given", () => {
    const keys = ["active", "at_risk", "at_risk_vip", "custom:b", "lost", "new", "rfm:at_risk", "rfm:cant_lose", "rfm:champions", "custom:a", "rfm:hibernating", "rfm:lost", "rfm:loyal", "rfm:needs_attention", "rfm:promising", "vip"];
    expect(sortSegmentsForDisplay(keys.map((key) => ({ key }))).map((segment) => segment.key)).toEqual([
      "vip",
      "at_risk_vip",
      "new",
      "active",
      "at_risk",
      "lost",
      "rfm:champions",
      "rfm:loyal",
      "rfm:promising",
      "rfm:needs_attention",
      "rfm:at_risk",
      "rfm:cant_lose",
      "rfm:hibernating",
      "rfm:lost",
      "custom:b",
      "custom:a",
    ]);
  });
});
