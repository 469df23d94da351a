import { describe, expect, it } from "vitest";
import { cdnowSampleTransactions, cdnowSummary, cdnowSummaryWithSpend } from "@/tests/fixtures/cdnow/load-cdnow";
import { ClvInputError } from "./customer-summary";
import { type Purchase, summarizeCalibrationHoldout, summarizeTransactions } from "./summarize-transactions";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const buy = (customerId: string, iso: string, amount = 0): Purchase => ({ customerId, at: day(iso), amount });

describe("customer summaries from transactions", () => {
  it("follows lifetimes' worked example (its test suite, via CLV-MODELS.md §1)", () => {
    const purchases = [
      buy("1", "2015-02-01"),
      buy("1", "2015-02-06"),
      buy("2", "2015-01-01"),
      buy("3", "2015-01-01"),
      buy("3", "2015-01-02"),
      buy("3", "2015-01-05"),
    ];
    const rows = summarizeTransactions(purchases, { observationEnd: day("2015-02-07"), unit: "day" });
    expect(rows.map(({ customerId, frequency, recency, T }) => [customerId, frequency, recency, T])).toEqual([
      ["1", 1, 5, 6],
      ["2", 0, 0, 37],
      ["3", 2, 4, 37],
    ]);
  });

  it("averages only the repeat periods, whatever the row order", () => {
    const purchases = [buy("a", "2020-01-03", 25), buy("a", "2020-01-01", 10), buy("a", "2020-01-02", 20)];
    expect(summarizeTransactions(purchases, { observationEnd: day("2020-02-01"), unit: "day" })[0]!.monetaryValue).toBe(22.5);
  });

  it("counts purchases in the same period once and adds their amounts", () => {
    const purchases = [buy("a", "2020-01-01", 10), buy("a", "2020-01-05", 7), buy("a", "2020-01-05", 8)];
    const [row] = summarizeTransactions(purchases, { observationEnd: day("2020-01-10"), unit: "day" });
    expect(row).toMatchObject({ frequency: 1, recency: 4, monetaryValue: 15 });
  });

  it("with weekly periods, two purchases in one (Monday-to-Sunday) week are one purchase", () => {
    // 2020-01-06 is a Monday and 2020-01-12 the Sunday of the same week.
    const purchases = [buy("a", "2020-01-06", 10), buy("a", "2020-01-12", 10)];
    const [row] = summarizeTransactions(purchases, { observationEnd: day("2020-02-03"), unit: "week", period: "week" });
    expect(row).toMatchObject({ frequency: 0, recency: 0, T: 4 });
    const [next] = summarizeTransactions([...purchases, buy("a", "2020-01-13", 5)], { observationEnd: day("2020-02-03"), unit: "day", period: "week" });
    expect(next).toMatchObject({ frequency: 1, recency: 7, T: 28 });
  });

  it("ignores purchases after the observation end", () => {
    const rows = summarizeTransactions([buy("a", "2020-01-01"), buy("a", "2020-03-01"), buy("b", "2020-04-01")], { observationEnd: day("2020-02-01"), unit: "day" });
    expect(rows).toEqual([{ customerId: "a", frequency: 0, recency: 0, T: 31, monetaryValue: 0 }]);
  });

  it("rejects negative amounts and invalid dates, naming the row", () => {
    expect(() => summarizeTransactions([buy("a", "2020-01-01", 5), buy("a", "2020-01-02", -5)], { observationEnd: day("2020-02-01"), unit: "day" })).toThrow(
      expect.objectContaining({ index: 1, field: "amount" }) as unknown as ClvInputError,
    );
    expect(() => summarizeTransactions([{ customerId: "a", at: new Date("nope"), amount: 1 }], { observationEnd: day("2020-02-01"), unit: "day" })).toThrow(ClvInputError);
  });
});

describe("calibration and holdout", () => {
  it("summarises up to the cut-off, counts holdout periods without the −1 and drops later first-time buyers", () => {
    const purchases = [
      buy("a", "2020-01-01", 10),
      buy("a", "2020-01-10", 20),
      buy("a", "2020-02-05", 30),
      buy("a", "2020-02-05", 30),
      buy("a", "2020-02-09", 30),
      buy("b", "2020-01-20", 5),
      buy("c", "2020-02-02", 5),
    ];
    const rows = summarizeCalibrationHoldout(purchases, { calibrationEnd: day("2020-01-31"), observationEnd: day("2020-02-29"), unit: "day" });
    expect(rows).toEqual([
      { customerId: "a", frequency: 1, recency: 9, T: 30, monetaryValue: 20, frequencyHoldout: 2, durationHoldout: 29 },
      { customerId: "b", frequency: 0, recency: 0, T: 11, monetaryValue: 0, frequencyHoldout: 0, durationHoldout: 29 },
    ]);
  });

  it("refuses a calibration end after the observation end", () => {
    expect(() => summarizeCalibrationHoldout([], { calibrationEnd: day("2020-03-01"), observationEnd: day("2020-02-01"), unit: "day" })).toThrow(RangeError);
  });
});

describe("CDNOW sample (Fader & Hardie's data; see tests/fixtures/cdnow/README.md)", () => {
  const rows = summarizeTransactions(cdnowSampleTransactions(), { observationEnd: day("1997-09-30"), unit: "week" });

  it("reproduces cdnow_customers_summary.csv: frequency exactly, recency and T within 0.01 week", () => {
    const published = cdnowSummary();
    expect(rows).toHaveLength(published.length);
    rows.forEach((row, i) => {
      const expected = published[i]!;
      expect(Number(row.customerId)).toBe(expected.id);
      expect(row.frequency).toBe(expected.frequency);
      expect(Math.abs(row.recency - expected.recency)).toBeLessThan(0.01);
      expect(Math.abs(row.T - expected.T)).toBeLessThan(0.01);
    });
  });

  it("reproduces zbar of cdnow_customers_summary_with_transactions.csv and its repeat-spend figures", () => {
    const published = cdnowSummaryWithSpend();
    rows.forEach((row, i) => expect(Math.abs(row.monetaryValue - published[i]!.monetaryValue)).toBeLessThan(0.006));
    // lifetimes' test of the same rebuild: 946 repeat customers, mean ≈ 35, max ≈ 300 (CLV-MODELS.md §1,
    // quoting Fader, Hardie & Lee, "RFM and CLV", 2005).
    const repeaters = rows.filter((r) => r.frequency > 0).map((r) => r.monetaryValue);
    expect(repeaters).toHaveLength(946);
    expect(repeaters.reduce((s, v) => s + v, 0) / repeaters.length).toBeCloseTo(35.08, 1);
    expect(Math.max(...repeaters)).toBeCloseTo(299.63, 1);
  });
});
