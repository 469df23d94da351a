/**
 * Why a customer is (or is not) in a segment: the rule's structure with, for every condition, the threshold, the
 * customer's own value and whether it held. Plain data (field and op names, minor units, day counts), so the UI
 * translates and formats it: "Predicted value €1,240 ≥ €1,000".
 */
import { conditionActual, conditionHolds } from "./condition-holds";
import type { CustomerFacts } from "./customer-facts";
import { isRuleGroup, type RuleCondition, type RuleOp, type SegmentRule } from "./segment-rule";

/** The rule's side of a condition: a value, a [from, to] range for between, a list for in/notIn, null for isUnknown/isKnown. */
export type RuleThreshold = number | string | boolean | readonly [number, number] | readonly string[] | null;

export type ConditionExplanation = {
  kind: "condition";
  field: RuleCondition["field"];
  op: RuleOp;
  threshold: RuleThreshold;
  /** The customer's value: minor units, whole days, a probability, a code, the customer's tags; null when unknown. */
  actual: number | string | boolean | readonly string[] | null;
  held: boolean;
};

export type GroupExplanation = { kind: "group"; match: SegmentRule["match"]; held: boolean; conditions: ConditionExplanation[] };

export type RuleExplanation = {
  match: SegmentRule["match"];
  held: boolean;
  conditions: (ConditionExplanation | GroupExplanation)[];
  /**
   * The conditions that put the customer in the segment, in rule order: all of an `all`, the ones that held of
   * an `any`. Empty when the rule does not hold.
   */
  reasons: ConditionExplanation[];
};

export function explainRule(rule: SegmentRule, facts: CustomerFacts, now: Date): RuleExplanation {
  const explainCondition = (condition: RuleCondition): ConditionExplanation => ({
    kind: "condition",
    field: condition.field,
    op: condition.op,
    threshold: thresholdOf(condition),
    actual: conditionActual(condition, facts, now),
    held: conditionHolds(condition, facts, now),
  });
  const conditions = rule.conditions.map((entry): ConditionExplanation | GroupExplanation => {
    if (!isRuleGroup(entry)) return explainCondition(entry);
    const inner = entry.conditions.map(explainCondition);
    return { kind: "group", match: entry.match, held: combine(entry.match, inner), conditions: inner };
  });
  const held = combine(rule.match, conditions);
  return { match: rule.match, held, conditions, reasons: held ? reasonsOf(rule.match, conditions) : [] };
}

function combine(match: SegmentRule["match"], entries: readonly { held: boolean }[]): boolean {
  return match === "all" ? entries.every((entry) => entry.held) : entries.some((entry) => entry.held);
}

function reasonsOf(match: SegmentRule["match"], entries: readonly (ConditionExplanation | GroupExplanation)[]): ConditionExplanation[] {
  return entries
    .filter((entry) => match === "all" || entry.held)
    .flatMap((entry) => (entry.kind === "group" ? reasonsOf(entry.match, entry.conditions) : [entry]));
}

function thresholdOf(condition: RuleCondition): RuleThreshold {
  if ("values" in condition) return condition.values;
  if (condition.op === "between") return [condition.value, condition.value2];
  if ("value" in condition) return condition.value;
  return null;
}
