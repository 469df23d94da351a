import { describe, expect, it } from "vitest";
import {
  draftToRuleJson,
  emptyDraft,
  entryPosition,
  errorsByEntry,
  formatMinorAsMajor,
  formatProbabilityAsPercent,
  newCondition,
  newGroup,
  nextDraftId,
  parseMajorToMinor,
  parsePercentToProbability,
  parseSegmentSubmission,
  parseWholeNumber,
  ruleToDraft,
  withField,
  withOp,
  type ConditionDraft,
  type RuleDraft,
} from "./rule-form";
import { parseSegmentRule, SEGMENT_RULE_MESSAGES, type SegmentRule } from "./segment-rule";

const en = { locale: "en", currency: "EUR" };
const de = { locale: "de", currency: "EUR" };
const pl = { locale: "pl", currency: "PLN" };

const condition = (overrides: Partial<ConditionDraft>): ConditionDraft => ({ ...newCondition("e1"), ...overrides });
const draftOf = (...conditions: RuleDraft["conditions"]): RuleDraft => ({ match: "all", conditions });

describe("amounts are typed in major units of the reporting currency and stored in minor units", () => {
  it.each<[string, { locale: string; currency: string }, number]>([
    ["1000", en, 100_000],
    ["1,234.50", en, 123_450],
    ["1.234,50", de, 123_450],
    ["1.234", de, 123_400],
    ["1234,5", de, 123_450],
    ["1 234,50", pl, 123_450],
    // Another locale's decimal mark is still read when it is not ambiguous.
    ["12.5", de, 1250],
    ["1500", { locale: "en", currency: "JPY" }, 1500],
  ])("%s (%o) is %d minor units", (text, units, minor) => {
    expect(parseMajorToMinor(text, units)).toBe(minor);
  });

  it.each(["", "abc", "12.345", "1.234", "€12"])("refuses %s in English", (text) => {
    expect(parseMajorToMinor(text, en)).toBeNull();
  });

  it("formats minor units back the way a person types them, without grouping or sign", () => {
    expect(formatMinorAsMajor(123_450, de)).toBe("1234,5");
    expect(formatMinorAsMajor(123_450, en)).toBe("1234.5");
    expect(formatMinorAsMajor(100_000, en)).toBe("1000");
    expect(formatMinorAsMajor(1500, { locale: "en", currency: "JPY" })).toBe("1500");
    for (const units of [en, de, pl]) expect(parseMajorToMinor(formatMinorAsMajor(987_654_321, units), units)).toBe(987_654_321);
  });
});

describe("P(alive) is typed as a percentage and stored as 0–1", () => {
  it.each<[string, number | null]>([
    ["50", 0.5],
    ["12,5", 0.125],
    ["12.5 %", 0.125],
    ["33.3", 0.333],
    ["0", 0],
    ["100", 1],
    // Out of range is passed on for the schema to refuse with its own message.
    ["150", 1.5],
    ["", null],
    ["half", null],
  ])("%s → %s", (text, probability) => {
    expect(parsePercentToProbability(text)).toBe(probability);
  });

  it("formats a probability as a percentage in the reader's locale", () => {
    expect(formatProbabilityAsPercent(0.125, "de")).toBe("12,5");
    expect(formatProbabilityAsPercent(0.07, "en")).toBe("7");
  });

  it("reads whole numbers only", () => {
    expect([parseWholeNumber(" 30 "), parseWholeNumber("2.5"), parseWholeNumber("-1"), parseWholeNumber("")]).toEqual([30, null, null, null]);
  });
});

describe("draft to rule and back", () => {
  const rule: SegmentRule = {
    match: "any",
    conditions: [
      { field: "totalClv", op: "gte", value: 123_450 },
      { field: "probabilityAlive", op: "between", value: 0.15, value2: 0.5 },
      {
        match: "all",
        conditions: [
          { field: "daysSinceLastOrder", op: "gt", value: 90 },
          { field: "country", op: "in", values: ["DE", "AT"] },
          { field: "acquisitionChannel", op: "notIn", values: ["paid_search"] },
          { field: "rfmGroup", op: "in", values: ["champions", "loyal"] },
        ],
      },
      { field: "tag", op: "notHas", value: "b2b" },
      { field: "marketingConsent", op: "is", value: false },
      { field: "orderCount", op: "isUnknown" },
    ],
  };

  it("shows a stored rule in the reader's units, with ids in reading order", () => {
    const draft = ruleToDraft(rule, de);
    expect(draft.conditions[0]).toMatchObject({ id: "e1", field: "totalClv", value: "1234,5" });
    expect(draft.conditions[1]).toMatchObject({ id: "e2", value: "15", value2: "50" });
    expect(draft.conditions[2]).toMatchObject({ kind: "group", id: "e3", conditions: [{ id: "e4", value: "90" }, { id: "e5", values: ["DE", "AT"] }, { id: "e6" }, { id: "e7" }] });
    expect(draft.conditions[4]).toMatchObject({ field: "marketingConsent", value: "false" });
    expect(nextDraftId(draft)).toBe("e11");
  });

  it.each([en, de, pl])("gives back the same rule (%o)", (units) => {
    const json = draftToRuleJson(ruleToDraft(rule, units), units);
    const parsed = parseSegmentRule(json);
    expect(parsed.success && parsed.data).toEqual(rule);
  });

  it("sends only the values the operator takes", () => {
    const json = draftToRuleJson(draftOf(condition({ field: "orderCount", op: "isKnown", value: "5", value2: "9" })), en);
    expect(json.conditions[0]).toEqual({ field: "orderCount", op: "isKnown" });
  });

  it("passes text that is not a number on, so the schema refuses it next to its condition", () => {
    const draft = draftOf(condition({ value: "lots" }), condition({ id: "e2", field: "daysSinceLastOrder", value: "" }));
    const json = draftToRuleJson(draft, en);
    expect(json.conditions[0]).toEqual({ field: "totalClv", op: "gte", value: "lots" });
    expect(json.conditions[1]).toEqual({ field: "daysSinceLastOrder", op: "gte", value: undefined });
    const parsed = parseSegmentRule(json);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["conditions.0.value", "ruleValueInvalid"],
      ["conditions.1.value", "ruleValueInvalid"],
    ]);
  });
});

describe("editing a draft", () => {
  it("starts with one condition and numbers new entries past the highest id", () => {
    const draft = emptyDraft();
    expect(draft.conditions).toHaveLength(1);
    const withGroup = { ...draft, conditions: [...draft.conditions, newGroup(nextDraftId(draft), "e3")] };
    expect(withGroup.conditions[1]).toMatchObject({ id: "e2", conditions: [{ id: "e3" }] });
    expect(nextDraftId(withGroup)).toBe("e4");
    expect(entryPosition(withGroup, "e3")).toBe("2.1");
    expect(entryPosition(withGroup, "e9")).toBeNull();
  });

  it("keeps typed values for a field of the same kind and clears them otherwise", () => {
    const money = condition({ op: "between", value: "10", value2: "20" });
    expect(withField(money, "predictedValue")).toMatchObject({ field: "predictedValue", op: "between", value: "10", value2: "20" });
    expect(withField(money, "orderCount")).toMatchObject({ field: "orderCount", op: "between", value: "", value2: "" });
    expect(withField(money, "country")).toMatchObject({ field: "country", op: "in", values: [] });
    expect(withField(money, "marketingConsent")).toMatchObject({ op: "is", value: "true" });
    expect(withOp(money, "in")).toBe(money);
    expect(withOp(money, "isKnown").op).toBe("isKnown");
  });
});

describe("errors from the server land on their condition", () => {
  const draft = draftOf(condition({}), { kind: "group", id: "e2", match: "any", conditions: [condition({ id: "e3" }), condition({ id: "e4" })] });

  it("places each path on its entry and part", () => {
    const errors = errorsByEntry(draft, {
      rule: ["ruleInvalid"],
      "rule.conditions": ["ruleTooManyConditions"],
      "rule.conditions.0.value": ["ruleValueInvalid"],
      "rule.conditions.0.value2": ["ruleRangeReversed"],
      "rule.conditions.1.conditions.1.values.0": ["countryInvalid"],
      "rule.conditions.1.match": ["ruleMatchInvalid"],
      "rule.conditions.7.value": ["ruleValueInvalid"],
      name: ["nameRequired"],
    });
    expect(errors.rule).toEqual(["ruleInvalid", "ruleTooManyConditions", "ruleValueInvalid"]);
    expect(errors.entries.e1).toEqual({ messages: ["ruleValueInvalid", "ruleRangeReversed"], parts: ["value", "value2"] });
    expect(errors.entries.e4).toEqual({ messages: ["countryInvalid"], parts: ["values"] });
    expect(errors.entries.e2).toEqual({ messages: ["ruleMatchInvalid"], parts: [] });
    expect(errors.entries.e3).toBeUndefined();
  });
});

describe("a submitted segment", () => {
  const rule = JSON.stringify({ match: "all", conditions: [{ field: "tag", op: "has", value: " VIP " }] });

  it("is trimmed, with an empty description stored as none", () => {
    expect(parseSegmentSubmission({ name: "  Coffee fans ", description: "  ", rule })).toEqual({
      success: true,
      data: { name: "Coffee fans", description: null, rule: { match: "all", conditions: [{ field: "tag", op: "has", value: "vip" }] } },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    ["without a name", { name: " ", rule }, { name: ["nameRequired"] }],
    ["with a name over 80 characters", { name: "x".repeat(81), rule }, { name: ["nameTooLong"] }],
    ["with a description over 300 characters", { name: "A", description: "x".repeat(301), rule }, { description: ["descriptionTooLong"] }],
    ["with a rule that is not JSON", { name: "A", rule: "{match" }, { rule: ["ruleInvalid"] }],
    ["without a rule", { name: null }, { name: ["nameRequired"], rule: ["ruleInvalid"] }],
    ["with an empty rule", { name: "A", rule: '{"match":"all","conditions":[]}' }, { "rule.conditions": ["ruleConditionsEmpty"] }],
  ])("is refused %s", (_name, input, fieldErrors) => {
    expect(parseSegmentSubmission(input)).toEqual({ success: false, fieldErrors });
  });

  it("reports only message keys the catalogs translate", () => {
    const result = parseSegmentSubmission({ name: "A", rule: JSON.stringify({ match: "all", conditions: [{ field: "country", op: "in", values: ["XX"] }] }) });
    expect(result.success).toBe(false);
    if (!result.success) for (const messages of Object.values(result.fieldErrors)) for (const message of messages) expect(SEGMENT_RULE_MESSAGES).toContain(message);
  });
});
