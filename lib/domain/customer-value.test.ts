import { describe, expect, it } from "vitest";
import type { CustomerScores } from "./clv/score-customers";
import { customerValueAt, historicalValueAt, rfmCutoffs, scoreAgainstCutoffs, type ScoringContext } from "./customer-value";
import { DEFAULT_RFM_EDGES, rfmScores } from "./rfm";

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe("rfmCutoffs", () => {
  it("scores every member of the population exactly as rfmScores does, ties and all", () => {
    const random = seeded(7);
    for (const n of [1, 2, 5, 10, 37, 500]) {
      for (const edges of [DEFAULT_RFM_EDGES, [0.1, 0.5, 0.6, 0.95]]) {
        const recencyDays = Array.from({ length: n }, () => Math.floor(random() * 40));
        const frequency = Array.from({ length: n }, () => (random() < 0.5 ? 1 : 1 + Math.floor(random() * 6)));
        const monetaryMinor = Array.from({ length: n }, () => Math.floor(random() * 20) * 500);
        const expected = rfmScores({ recencyDays, frequency, monetaryMinor }, edges);
        const cuts = {
          recency: rfmCutoffs(recencyDays, edges, "lower"),
          frequency: rfmCutoffs(frequency, edges, "higher"),
          monetary: rfmCutoffs(monetaryMinor, edges, "higher"),
        };
        for (let i = 0; i < n; i++) {
          expect(scoreAgainstCutoffs(recencyDays[i]!, cuts.recency, "lower")).toBe(expected.recency[i]);
          expect(scoreAgainstCutoffs(frequency[i]!, cuts.frequency, "higher")).toBe(expected.frequency[i]);
          expect(scoreAgainstCutoffs(monetaryMinor[i]!, cuts.monetary, "higher")).toBe(expected.monetary[i]);
        }
      }
    }
  });

  it("puts a value better than everyone in the top score and worse than everyone in the bottom one", () => {
    const cuts = rfmCutoffs([10, 20, 30, 40, 50], DEFAULT_RFM_EDGES, "higher");
    expect(scoreAgainstCutoffs(1000, cuts, "higher")).toBe(5);
    expect(scoreAgainstCutoffs(0, cuts, "higher")).toBe(1);
  });
});

describe("customerValueAt", () => {
  const context: ScoringContext = { rfmCutoffs: { recencyDays: [300, 200, 100, 30], frequency: [2, 3, 5, 8], monetaryMinor: [5000, 10000, 20000, 50000] }, simpleLifespanYears: 3 };
  const firstPurchaseAt = new Date("2024-06-01T10:00:00Z");
  const lastPurchaseAt = new Date("2026-05-12T09:30:00Z");
  const summaries = { tenureDays: [730.5], totalSpentMinor: [40000], orderCount: [4], recencyDays: [20], firstPurchaseAtMs: [firstPurchaseAt.getTime()], lastPurchaseAtMs: [lastPurchaseAt.getTime()] };
  const now = new Date("2026-06-01T00:00:00Z");
  const scores: CustomerScores = {
    probabilityAlive: Float64Array.of(0.8),
    expectedPurchases: Float64Array.of(2),
    expectedSpendMinor: Float64Array.of(9500),
    discountedClvMinor: Float64Array.of(15000),
    spendUnavailable: null,
  };

  it("adds the prediction to the margin-adjusted history and derives the next order from the expected rate", () => {
    const value = customerValueAt(summaries, 0, scores, { now, horizonMonths: 12, grossMargin: 0.5, context });
    expect(value.historicalValueMinor).toBe(20000);
    expect(value.predictedValueMinor).toBe(15000);
    expect(value.totalClvMinor).toBe(35000);
    // 10,000 per order × (4 orders / 2 years) × 3 years × 50 % margin
    expect(value.simpleClvMinor).toBe(30000);
    // Two purchases expected in 12 months: the next one about six months from now.
    expect(value.expectedNextOrderAt!.toISOString().slice(0, 10)).toBe("2026-11-30");
    expect([value.recencyScore, value.frequencyScore, value.monetaryScore, value.rfmGroup]).toEqual([5, 3, 4, "champions"]);
  });

  it("keeps when the first and the last purchase were placed, to the millisecond", () => {
    const value = customerValueAt(summaries, 0, scores, { now, horizonMonths: 12, grossMargin: 1, context });
    expect([value.firstPurchaseAt, value.lastPurchaseAt]).toEqual([firstPurchaseAt, lastPurchaseAt]);
  });

  it("before any fit has the margin-adjusted history and the purchase dates, and nothing that needs the population", () => {
    expect(historicalValueAt(summaries, 0, { grossMargin: 0.5 })).toEqual({
      historicalValueMinor: 20000,
      predictedValueMinor: null,
      totalClvMinor: 20000,
      simpleClvMinor: null,
      probabilityAlive: null,
      expectedPurchases: null,
      expectedOrderValueMinor: null,
      expectedNextOrderAt: null,
      recencyScore: null,
      frequencyScore: null,
      monetaryScore: null,
      rfmGroup: null,
      firstPurchaseAt,
      lastPurchaseAt,
    });
  });

  it("without a model keeps the historical and simple figures and invents no prediction", () => {
    const value = customerValueAt(summaries, 0, null, { now, horizonMonths: 12, grossMargin: 1, context });
    expect(value).toMatchObject({ predictedValueMinor: null, totalClvMinor: 40000, probabilityAlive: null, expectedPurchases: null, expectedNextOrderAt: null, expectedOrderValueMinor: null });
    expect(value.simpleClvMinor).toBe(60000);
  });

  it("expects no next order when fewer than one purchase is expected within the horizon", () => {
    const few = { ...scores, expectedPurchases: Float64Array.of(0.4) };
    expect(customerValueAt(summaries, 0, few, { now, horizonMonths: 12, grossMargin: 1, context }).expectedNextOrderAt).toBeNull();
  });

  it("counts orders per year over at least a year, and has no simple figure without an observed lifespan", () => {
    const newcomer = { ...summaries, tenureDays: [7], totalSpentMinor: [5000], orderCount: [1], recencyDays: [7] };
    expect(customerValueAt(newcomer, 0, null, { now, horizonMonths: 12, grossMargin: 1, context }).simpleClvMinor).toBe(15000);
    const noChurn = { ...context, simpleLifespanYears: null };
    expect(customerValueAt(newcomer, 0, null, { now, horizonMonths: 12, grossMargin: 1, context: noChurn }).simpleClvMinor).toBeNull();
  });
});
