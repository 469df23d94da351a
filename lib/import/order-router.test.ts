import { describe, expect, it } from "vitest";
import { OrderRouter } from "./order-router";

describe("routing orders to connections", () => {
  it("keeps a customer's orders together", () => {
    const router = new OrderRouter(2, 1000);
    const routes = new Set(Array.from({ length: 50 }, (_, index) => router.route(`import\u0000O-${index}`, "C-42")));
    expect(routes.size).toBe(1);
  });

  it("spreads customers over the connections", () => {
    const router = new OrderRouter(2, 10_000);
    const counts = [0, 0];
    for (let index = 0; index < 10_000; index++) counts[router.route(`import\u0000O-${index}`, `C-${index}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(4000);
  });

  it("sends an order number seen before to where it went, whatever customer the repeat names", () => {
    const router = new OrderRouter(2, 1000);
    const customers = Array.from({ length: 20 }, (_, index) => `C-${index}`);
    const first = router.route("import\u0000DUP-1", customers[0]!);
    for (const customer of customers) expect(router.route("import\u0000DUP-1", customer)).toBe(first);
  });

  it("uses one connection when there is one", () => {
    expect(new OrderRouter(1, 10).route("import\u0000A", "C-1")).toBe(0);
  });
});
