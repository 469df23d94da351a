import { describe, expect, it } from "vitest";
import { simpleClv } from "./simple-clv";

describe("simple CLV = average order value × purchase frequency × lifespan", () => {
  it("derives the lifespan from the observed churn rate", () => {
    // 4 customers observed for 100 + 100 + 50 + 50 = 300 days; 2 of them silent for more than 60 days.
    const customers = [
      { frequency: 4, recency: 90, T: 100, totalSpent: 50_000 },
      { frequency: 0, recency: 0, T: 100, totalSpent: 10_000 },
      { frequency: 1, recency: 10, T: 50, totalSpent: 20_000 },
      { frequency: 2, recency: 45, T: 50, totalSpent: 30_000 },
    ];
    const result = simpleClv(customers, { lapseAfter: 60 });
    if (!result.ok) throw new Error(result.message);
    expect(result.churnedCustomers).toBe(1);
    expect(result.averageOrderValue).toBeCloseTo(110_000 / 11, 9);
    expect(result.purchaseFrequency).toBeCloseTo(11 / 300, 12);
    expect(result.churnRate).toBeCloseTo(1 / 300, 12);
    expect(result.expectedLifespan).toBeCloseTo(300, 9);
    expect(result.clv).toBeCloseTo(110_000, 6);
    const withMargin = simpleClv(customers, { lapseAfter: 60, grossMargin: 0.4 });
    expect(withMargin.ok && withMargin.clv).toBeCloseTo(44_000, 6);
  });

  it("has no lifespan when nobody has churned yet, and nothing to say about nobody", () => {
    expect(simpleClv([{ frequency: 1, recency: 5, T: 10, totalSpent: 100 }], { lapseAfter: 60 })).toMatchObject({ ok: false, cause: "NO_CHURN_OBSERVED" });
    expect(simpleClv([], { lapseAfter: 60 })).toMatchObject({ ok: false, cause: "NO_CUSTOMERS" });
    expect(simpleClv([{ frequency: 0, recency: 0, T: 0, totalSpent: 100 }], { lapseAfter: 60 })).toMatchObject({ ok: false, cause: "NO_TIME_SPAN" });
  });
});
