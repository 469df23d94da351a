import { describe, expect, it } from "vitest";
import { seededRandom } from "../clv/random";
import type { CustomerFacts } from "./customer-facts";
import { randomSegmentRule } from "./random-rules";
import { type RuleCondition, type SegmentRule, matchesRule, parseSegmentRule, RULE_FIELD_OPS, RULE_FIELDS, SEGMENT_RULE_MESSAGES, SegmentRuleSchema } from "./segment-rule";

const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 - extraMs);

const scored: CustomerFacts = {
  historicalValueMinor: 50_000,
  predictedValueMinor: 124_000,
  totalClvMinor: 174_000,
  probabilityAlive: 0.8,
  rfmGroup: "loyal",
  orderCount: 4,
  firstOrderAt: daysAgo(400),
  lastOrderAt: daysAgo(10, 3_600_000),
  // Bought 400 days ago and 30 days ago; the order 10 days ago was refunded.
  firstPurchaseAt: daysAgo(400),
  lastPurchaseAt: daysAgo(30),
  country: "DE",
  acquisitionChannel: "referral",
  tags: ["b2b", "newsletter"],
  marketingConsent: true,
};

/** A customer who never ordered and has not been scored: every nullable fact is null. */
const blank: CustomerFacts = {
  historicalValueMinor: null,
  predictedValueMinor: null,
  totalClvMinor: null,
  probabilityAlive: null,
  rfmGroup: null,
  orderCount: 0,
  firstOrderAt: null,
  lastOrderAt: null,
  firstPurchaseAt: null,
  lastPurchaseAt: null,
  country: null,
  acquisitionChannel: null,
  tags: [],
  marketingConsent: false,
};

const one = (condition: RuleCondition): SegmentRule => ({ match: "all", conditions: [condition] });

function issuesOf(json: unknown) {
  const result = parseSegmentRule(json);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("segment rule schema", () => {
  it("accepts one level of nesting and normalises tags and countries as they are stored", () => {
    const parsed = SegmentRuleSchema.parse({
      match: "any",
      conditions: [
        { field: "tag", op: "has", value: "  B2B " },
        { match: "all", conditions: [{ field: "country", op: "in", values: ["de", "AT"] }, { field: "totalClv", op: "between", value: 0, value2: 0 }] },
      ],
    });
    expect(parsed.conditions[0]).toEqual({ field: "tag", op: "has", value: "b2b" });
    expect(parsed.conditions[1]).toMatchObject({ conditions: [{ values: ["DE", "AT"] }, { op: "between" }] });
  });

  it("lists the operators of every field for the rule builder", () => {
    expect(RULE_FIELDS).toHaveLength(14);
    expect(RULE_FIELD_OPS.totalClv).toEqual(["gte", "gt", "lte", "lt", "eq", "between", "isUnknown", "isKnown"]);
    expect(RULE_FIELD_OPS.tag).toEqual(["has", "notHas"]);
  });

  const money = (extra: object) => ({ match: "all", conditions: [{ field: "predictedValue", op: "gte", value: 100, ...extra }] });
  it.each<[string, unknown, string, string]>([
    ["a rule that is not an object", "VIP", "", "ruleInvalid"],
    ["an unknown match", { match: "some", conditions: [{ field: "orderCount", op: "isKnown" }] }, "match", "ruleMatchInvalid"],
    ["an empty rule", { match: "all", conditions: [] }, "conditions", "ruleConditionsEmpty"],
    ["more than 20 conditions", { match: "all", conditions: Array(21).fill({ field: "orderCount", op: "isKnown" }) }, "conditions", "ruleTooManyConditions"],
    ["an unknown field", { match: "all", conditions: [{ field: "shoeSize", op: "gte", value: 42 }] }, "conditions.0.field", "ruleFieldInvalid"],
    ["an entry that is not an object", { match: "all", conditions: [7] }, "conditions.0", "ruleConditionInvalid"],
    ["an op the field does not have", money({ op: "in" }), "conditions.0.op", "ruleOpInvalid"],
    ["a list op with a wrong name", { match: "all", conditions: [{ field: "country", op: "within", values: ["DE"] }] }, "conditions.0.op", "ruleOpInvalid"],
    ["an extra key", money({ vale: 3 }), "conditions.0", "ruleKeyUnknown"],
    ["a negative amount", money({ value: -1 }), "conditions.0.value", "ruleValueInvalid"],
    ["a fractional amount", money({ value: 10.5 }), "conditions.0.value", "ruleValueInvalid"],
    ["an amount as text", money({ value: "100" }), "conditions.0.value", "ruleValueInvalid"],
    ["a missing value", { match: "all", conditions: [{ field: "orderCount", op: "gt" }] }, "conditions.0.value", "ruleValueInvalid"],
    ["a reversed range", money({ op: "between", value: 10, value2: 5 }), "conditions.0.value2", "ruleRangeReversed"],
    ["a range without its end", money({ op: "between" }), "conditions.0.value2", "ruleValueInvalid"],
    ["a value on isKnown", money({ op: "isKnown" }), "conditions.0", "ruleKeyUnknown"],
    ["more days than a century", { match: "all", conditions: [{ field: "daysSinceLastOrder", op: "lt", value: 36_501 }] }, "conditions.0.value", "ruleValueInvalid"],
    ["a probability above 1", { match: "all", conditions: [{ field: "probabilityAlive", op: "lt", value: 1.5 }] }, "conditions.0.value", "ruleValueInvalid"],
    ["an unknown RFM group", { match: "all", conditions: [{ field: "rfmGroup", op: "in", values: ["whales"] }] }, "conditions.0.values.0", "rfmGroupInvalid"],
    ["an unknown country", { match: "all", conditions: [{ field: "country", op: "in", values: ["DE", "XX"] }] }, "conditions.0.values.1", "countryInvalid"],
    ["an unknown channel", { match: "all", conditions: [{ field: "acquisitionChannel", op: "notIn", values: ["tv"] }] }, "conditions.0.values.0", "channelInvalid"],
    ["an empty list", { match: "all", conditions: [{ field: "country", op: "in", values: [] }] }, "conditions.0.values", "ruleValuesEmpty"],
    ["a repeated list value", { match: "all", conditions: [{ field: "country", op: "in", values: ["DE", "de"] }] }, "conditions.0.values", "ruleValuesRepeated"],
    ["a blank tag", { match: "all", conditions: [{ field: "tag", op: "has", value: "  " }] }, "conditions.0.value", "ruleTagInvalid"],
    ["a tag over 40 characters", { match: "all", conditions: [{ field: "tag", op: "has", value: "x".repeat(41) }] }, "conditions.0.value", "ruleTagInvalid"],
    ["consent as text", { match: "all", conditions: [{ field: "marketingConsent", op: "is", value: "yes" }] }, "conditions.0.value", "ruleValueInvalid"],
    [
      "a group inside a group",
      { match: "any", conditions: [{ match: "all", conditions: [{ match: "all", conditions: [{ field: "orderCount", op: "isKnown" }] }] }] },
      "conditions.0.conditions.0.field",
      "ruleGroupTooDeep",
    ],
    ["an empty group", { match: "any", conditions: [{ match: "all", conditions: [] }] }, "conditions.0.conditions", "ruleConditionsEmpty"],
  ])("rejects %s", (_name, json, path, message) => {
    expect(issuesOf(json)).toMatchObject({ [path]: message });
    expect(SEGMENT_RULE_MESSAGES).toContain(message);
  });
});

describe("segment rule messages", () => {
  it("are always one of the i18n keys, however a valid rule is broken", () => {
    const random = seededRandom(8).uniform;
    const junk = [null, "x", -1, 1.5, true, [], {}, ["DE"], { match: "all", conditions: [] }, "in", "totalClv", 1e20];
    for (let i = 0; i < 2000; i++) {
      const rule = JSON.parse(JSON.stringify(randomSegmentRule(random)));
      const slots: [Record<string, unknown>, string][] = [];
      const walk = (node: Record<string, unknown>) => {
        for (const [key, value] of Object.entries(node)) {
          slots.push([node, key]);
          if (value && typeof value === "object") walk(value as Record<string, unknown>);
        }
      };
      walk(rule);
      const [node, key] = slots[Math.floor(random() * slots.length)]!;
      if (random() < 0.8) node[key] = junk[Math.floor(random() * junk.length)];
      else delete node[key];
      for (const message of Object.values(issuesOf(rule))) expect(SEGMENT_RULE_MESSAGES).toContain(message);
    }
  });
});

describe("matching a rule against one customer", () => {
  it.each<[string, RuleCondition, boolean, boolean]>([
    // [rule, condition, holds for the scored customer, holds for the blank one]
    ["gte holds on the line", { field: "predictedValue", op: "gte", value: 124_000 }, true, false],
    ["gt does not hold on the line", { field: "predictedValue", op: "gt", value: 124_000 }, false, false],
    ["lte holds on the line", { field: "historicalValue", op: "lte", value: 50_000 }, true, false],
    ["lt against null is false, not true", { field: "totalClv", op: "lt", value: 1_000_000 }, true, false],
    ["eq is exact", { field: "orderCount", op: "eq", value: 4 }, true, false],
    ["between includes both ends", { field: "totalClv", op: "between", value: 174_000, value2: 174_000 }, true, false],
    ["isUnknown is true exactly for null", { field: "probabilityAlive", op: "isUnknown" }, false, true],
    ["isKnown is false for null", { field: "probabilityAlive", op: "isKnown" }, true, false],
    ["orderCount is never null: lt holds for no orders", { field: "orderCount", op: "lt", value: 1 }, false, true],
    ["days since an order are whole elapsed days, rounded down", { field: "daysSinceLastOrder", op: "eq", value: 10 }, true, false],
    ["days since the first order", { field: "daysSinceFirstOrder", op: "gte", value: 400 }, true, false],
    ["never ordered: days since are unknown", { field: "daysSinceLastOrder", op: "isUnknown" }, false, true],
    ["days since the last purchase skip a refunded order", { field: "daysSinceLastPurchase", op: "eq", value: 30 }, true, false],
    ["days since the first purchase", { field: "daysSinceFirstPurchase", op: "gte", value: 400 }, true, false],
    ["no purchase: days since are unknown", { field: "daysSinceFirstPurchase", op: "isUnknown" }, false, true],
    ["probability compares as a number", { field: "probabilityAlive", op: "gte", value: 0.8 }, true, false],
    ["in matches a listed group", { field: "rfmGroup", op: "in", values: ["champions", "loyal"] }, true, false],
    ["notIn against null is false, like SQL's <> ALL", { field: "rfmGroup", op: "notIn", values: ["lost"] }, true, false],
    ["country in", { field: "country", op: "in", values: ["AT", "DE"] }, true, false],
    ["country notIn", { field: "country", op: "notIn", values: ["DE"] }, false, false],
    ["channel in", { field: "acquisitionChannel", op: "in", values: ["referral"] }, true, false],
    ["tag has", { field: "tag", op: "has", value: "b2b" }, true, false],
    ["tag notHas holds for a customer without tags", { field: "tag", op: "notHas", value: "b2b" }, false, true],
    ["consent is", { field: "marketingConsent", op: "is", value: false }, false, true],
  ])("%s", (_name, condition, scoredHolds, blankHolds) => {
    expect(matchesRule(one(condition), scored, now)).toBe(scoredHolds);
    expect(matchesRule(one(condition), blank, now)).toBe(blankHolds);
  });

  it("counts days in elapsed time: 10 days minus a millisecond is 9 days", () => {
    const facts = { ...scored, lastOrderAt: daysAgo(10, -1) };
    expect(matchesRule(one({ field: "daysSinceLastOrder", op: "eq", value: 9 }), facts, now)).toBe(true);
    expect(matchesRule(one({ field: "daysSinceLastOrder", op: "eq", value: 9 }), { ...facts, lastOrderAt: daysAgo(10) }, now)).toBe(false);
  });

  it("combines with all and any, one group deep, unknown counting as false", () => {
    const isKnownVip = one({ field: "predictedValue", op: "gte", value: 100_000 });
    const rule: SegmentRule = {
      match: "any",
      conditions: [
        { match: "all", conditions: [isKnownVip.conditions[0] as RuleCondition, { field: "country", op: "in", values: ["DE"] }] },
        { field: "tag", op: "has", value: "vip" },
      ],
    };
    expect(matchesRule(rule, scored, now)).toBe(true);
    expect(matchesRule(rule, { ...scored, country: null }, now)).toBe(false);
    expect(matchesRule(rule, { ...blank, tags: ["vip"] }, now)).toBe(true);
    expect(matchesRule({ ...rule, match: "all" }, { ...scored, tags: ["vip"] }, now)).toBe(true);
    expect(matchesRule({ ...rule, match: "all" }, scored, now)).toBe(false);
  });

  it("keeps field, op and value in step in the types", () => {
    // @ts-expect-error a list field has no single value
    const wrongShape: RuleCondition = { field: "country", op: "in", value: "DE" };
    // @ts-expect-error tags have no comparison
    const wrongOp: RuleCondition = { field: "tag", op: "gte", value: "x" };
    expect([wrongShape, wrongOp]).toHaveLength(2);
  });
});
