import { describe, expect, it } from "vitest";
import { seededRandom } from "../clv/random";
import type { CustomerFacts } from "./customer-facts";
import { explainRule } from "./explain-rule";
import { randomCustomerFacts, randomSegmentRule } from "./random-rules";
import { matchesRule, type SegmentRule } from "./segment-rule";

const now = new Date("2026-06-15T12:00:00Z");
const facts: CustomerFacts = {
  historicalValueMinor: 50_000,
  predictedValueMinor: 124_000,
  totalClvMinor: 174_000,
  probabilityAlive: 0.8,
  rfmGroup: "loyal",
  orderCount: 4,
  firstOrderAt: new Date("2025-01-01T00:00:00Z"),
  lastOrderAt: new Date("2026-06-01T12:00:00Z"),
  firstPurchaseAt: new Date("2025-01-01T00:00:00Z"),
  lastPurchaseAt: new Date("2026-06-01T12:00:00Z"),
  country: "DE",
  acquisitionChannel: null,
  tags: ["b2b"],
  marketingConsent: true,
};

describe("explaining a rule", () => {
  it("gives each condition's threshold, the customer's value and whether it held", () => {
    const explanation = explainRule({ match: "all", conditions: [{ field: "predictedValue", op: "gte", value: 100_000 }] }, facts, now);
    expect(explanation).toEqual({
      match: "all",
      held: true,
      conditions: [{ kind: "condition", field: "predictedValue", op: "gte", threshold: 100_000, actual: 124_000, held: true }],
      reasons: [{ kind: "condition", field: "predictedValue", op: "gte", threshold: 100_000, actual: 124_000, held: true }],
    });
  });

  it.each<[string, SegmentRule["conditions"][number], unknown, unknown]>([
    ["a range as [from, to]", { field: "orderCount", op: "between", value: 2, value2: 5 }, [2, 5], 4],
    ["a list", { field: "country", op: "in", values: ["DE", "AT"] }, ["DE", "AT"], "DE"],
    ["days since as whole days", { field: "daysSinceLastOrder", op: "lt", value: 30 }, 30, 14],
    ["the customer's tags", { field: "tag", op: "has", value: "b2b" }, "b2b", ["b2b"]],
    ["null for a value the customer does not have", { field: "acquisitionChannel", op: "in", values: ["email"] }, ["email"], null],
    ["no threshold for isKnown", { field: "probabilityAlive", op: "isKnown" }, null, 0.8],
  ])("shows %s", (_name, condition, threshold, actual) => {
    expect(explainRule({ match: "any", conditions: [condition] }, facts, now).conditions[0]).toMatchObject({ threshold, actual });
  });

  it("follows the rule's structure, and gives as reasons the conditions of an any that held", () => {
    const rule: SegmentRule = {
      match: "any",
      conditions: [
        { match: "all", conditions: [{ field: "totalClv", op: "gte", value: 1_000_000 }, { field: "tag", op: "has", value: "b2b" }] },
        { match: "any", conditions: [{ field: "rfmGroup", op: "in", values: ["champions"] }, { field: "orderCount", op: "gte", value: 3 }] },
        { field: "marketingConsent", op: "is", value: true },
      ],
    };
    const explanation = explainRule(rule, facts, now);
    expect(explanation.held).toBe(true);
    expect(explanation.conditions.map((entry) => [entry.kind, entry.held])).toEqual([["group", false], ["group", true], ["condition", true]]);
    expect(explanation.reasons.map((reason) => reason.field)).toEqual(["orderCount", "marketingConsent"]);
  });

  it("gives no reasons when the rule does not hold", () => {
    const explanation = explainRule({ match: "all", conditions: [{ field: "tag", op: "has", value: "b2b" }, { field: "country", op: "notIn", values: ["DE"] }] }, facts, now);
    expect(explanation.held).toBe(false);
    expect(explanation.reasons).toEqual([]);
    expect(explanation.conditions.map((entry) => entry.held)).toEqual([true, false]);
  });

  it("agrees with matchesRule, and every reason held, on random rules and customers", () => {
    const random = seededRandom(5).uniform;
    for (let i = 0; i < 2000; i++) {
      const rule = randomSegmentRule(random);
      const customer = randomCustomerFacts(random, now);
      const explanation = explainRule(rule, customer, now);
      expect(explanation.held).toBe(matchesRule(rule, customer, now));
      expect(explanation.reasons.every((reason) => reason.held)).toBe(true);
    }
  });
});
