import { describe, expect, it } from "vitest";
import { customerFigures } from "./customer-figures";

const now = new Date("2026-06-15T12:00:00Z");

describe("customer key figures", () => {
  it("dates the relationship from the first order when it predates the CRM record", () => {
    const figures = customerFigures(
      { createdAt: new Date("2026-01-01"), firstOrderAt: new Date("2023-05-01"), lastOrderAt: new Date("2026-06-05T12:00:00Z"), orderCount: 3, totalSpentMinor: 10000 },
      now,
    );
    expect(figures.customerSince).toEqual(new Date("2023-05-01"));
    expect(figures.averageOrderMinor).toBe(3333);
    expect(figures.daysSinceLastOrder).toBe(10);
  });

  it("has no average order and no days since last order for a customer who never ordered", () => {
    const figures = customerFigures({ createdAt: new Date("2026-01-01"), firstOrderAt: null, lastOrderAt: null, orderCount: 0, totalSpentMinor: 0 }, now);
    expect(figures).toMatchObject({ customerSince: new Date("2026-01-01"), averageOrderMinor: null, daysSinceLastOrder: null });
  });
});
