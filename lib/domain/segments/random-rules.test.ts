import { describe, expect, it } from "vitest";
import { seededRandom } from "../clv/random";
import { randomCustomerFacts, randomSegmentRule } from "./random-rules";
import { isRuleGroup, type RuleCondition, RULE_FIELD_OPS, RULE_FIELDS, SegmentRuleSchema } from "./segment-rule";

const conditionsOf = (rule: ReturnType<typeof randomSegmentRule>): RuleCondition[] =>
  rule.conditions.flatMap((entry) => (isRuleGroup(entry) ? entry.conditions : [entry]));

describe("random segment rules", () => {
  it("are valid: 1,000 rules survive a JSON round trip through the schema unchanged", () => {
    const random = seededRandom(2026).uniform;
    for (let i = 0; i < 1000; i++) {
      const rule = randomSegmentRule(random);
      const reparsed = SegmentRuleSchema.safeParse(JSON.parse(JSON.stringify(rule)));
      expect(reparsed.success, JSON.stringify(rule)).toBe(true);
      expect(reparsed.data).toEqual(rule);
    }
  });

  it("reach every operator of every field, and groups", () => {
    const random = seededRandom(1).uniform;
    const seen = new Set<string>();
    let groups = 0;
    for (let i = 0; i < 1000; i++) {
      const rule = randomSegmentRule(random);
      groups += rule.conditions.filter(isRuleGroup).length;
      for (const condition of conditionsOf(rule)) seen.add(`${condition.field} ${condition.op}`);
    }
    expect([...seen].sort()).toEqual(RULE_FIELDS.flatMap((field) => RULE_FIELD_OPS[field].map((op) => `${field} ${op}`)).sort());
    expect(groups).toBeGreaterThan(100);
  });

  it("keep thresholds in the ranges and lists they are given", () => {
    const random = seededRandom(3).uniform;
    const options = { maxMoneyMinor: 1000, maxDays: 30, maxOrderCount: 5, countries: ["PL"], tags: ["gold"] };
    for (let i = 0; i < 300; i++) {
      for (const condition of conditionsOf(randomSegmentRule(random, options))) {
        const limit = { totalClv: 1000, predictedValue: 1000, historicalValue: 1000, daysSinceFirstOrder: 30, daysSinceLastOrder: 30, daysSinceFirstPurchase: 30, daysSinceLastPurchase: 30, orderCount: 5, probabilityAlive: 1 }[
          condition.field as string
        ];
        if ("value2" in condition) expect(condition.value2).toBeLessThanOrEqual(limit!);
        if ("value" in condition && typeof condition.value === "number") expect(condition.value).toBeLessThanOrEqual(limit!);
        if (condition.field === "country") expect(condition.values).toEqual(["PL"]);
        if (condition.field === "tag") expect(condition.value).toBe("gold");
      }
    }
  });

  it("fall back on the default countries and tags when the data has none", () => {
    const random = seededRandom(6).uniform;
    for (let i = 0; i < 200; i++) expect(() => randomSegmentRule(random, { countries: [], tags: [] })).not.toThrow();
  });

  it("repeat from the same seed", () => {
    expect(randomSegmentRule(seededRandom(9).uniform)).toEqual(randomSegmentRule(seededRandom(9).uniform));
  });
});

describe("random customer facts", () => {
  it("are consistent: orders have dates in order, no orders have no dates and no RFM group", () => {
    const random = seededRandom(4).uniform;
    const now = new Date("2026-06-15T12:00:00Z");
    for (let i = 0; i < 1000; i++) {
      const facts = randomCustomerFacts(random, now);
      if (facts.orderCount === 0) {
        expect(facts).toMatchObject({ firstOrderAt: null, lastOrderAt: null, rfmGroup: null, probabilityAlive: null });
      } else {
        expect(facts.firstOrderAt!.getTime()).toBeLessThanOrEqual(facts.lastOrderAt!.getTime());
        expect(facts.lastOrderAt!.getTime()).toBeLessThanOrEqual(now.getTime());
      }
      if (facts.firstPurchaseAt === null) {
        expect(facts).toMatchObject({ lastPurchaseAt: null, rfmGroup: null, probabilityAlive: null, predictedValueMinor: null });
      } else {
        // Purchases are orders that were kept: within the first and the last order.
        expect(facts.firstOrderAt!.getTime()).toBeLessThanOrEqual(facts.firstPurchaseAt.getTime());
        expect(facts.firstPurchaseAt.getTime()).toBeLessThanOrEqual(facts.lastPurchaseAt!.getTime());
        expect(facts.lastPurchaseAt!.getTime()).toBeLessThanOrEqual(facts.lastOrderAt!.getTime());
      }
      if (facts.probabilityAlive !== null) expect(facts.probabilityAlive).toBeGreaterThanOrEqual(0);
    }
  });
});
