/**
 * One condition of a segment rule against one customer. The semantics are SQL's WHERE (see segment-rule.ts):
 * anything compared with a missing value is false, and lib/db/segment-rule-sql.ts must compile each case to the
 * same answer.
 */
import { type CustomerFacts, daysSince } from "./customer-facts";
import type { NUMBER_OPS, RuleCondition } from "./segment-rule";

/** The customer's own value for a condition's field: what the condition compares, and what an explanation shows. */
export function conditionActual(condition: RuleCondition, facts: CustomerFacts, now: Date): number | string | boolean | readonly string[] | null {
  switch (condition.field) {
    case "totalClv":
      return facts.totalClvMinor;
    case "predictedValue":
      return facts.predictedValueMinor;
    case "historicalValue":
      return facts.historicalValueMinor;
    case "orderCount":
      return facts.orderCount;
    case "daysSinceLastOrder":
      return daysSince(facts.lastOrderAt, now);
    case "daysSinceFirstOrder":
      return daysSince(facts.firstOrderAt, now);
    case "daysSinceLastPurchase":
      return daysSince(facts.lastPurchaseAt, now);
    case "daysSinceFirstPurchase":
      return daysSince(facts.firstPurchaseAt, now);
    case "probabilityAlive":
      return facts.probabilityAlive;
    case "rfmGroup":
      return facts.rfmGroup;
    case "country":
      return facts.country;
    case "acquisitionChannel":
      return facts.acquisitionChannel;
    case "tag":
      return facts.tags;
    case "marketingConsent":
      return facts.marketingConsent;
  }
}

export function conditionHolds(condition: RuleCondition, facts: CustomerFacts, now: Date): boolean {
  const actual = conditionActual(condition, facts, now);
  switch (condition.field) {
    case "rfmGroup":
    case "country":
    case "acquisitionChannel": {
      // Like SQL's `= ANY` and `<> ALL`: a customer with no value is neither in nor out of the list.
      if (typeof actual !== "string") return false;
      const isListed = (condition.values as readonly string[]).includes(actual);
      return condition.op === "in" ? isListed : !isListed;
    }
    case "tag": {
      const hasTag = (actual as readonly string[]).includes(condition.value);
      return condition.op === "has" ? hasTag : !hasTag;
    }
    case "marketingConsent":
      return actual === condition.value;
    default:
      return numberHolds(condition, typeof actual === "number" ? actual : null);
  }
}

type NumberCondition = Extract<RuleCondition, { op: (typeof NUMBER_OPS)[number] }>;

function numberHolds(condition: NumberCondition, actual: number | null): boolean {
  if (condition.op === "isUnknown") return actual === null;
  if (condition.op === "isKnown") return actual !== null;
  if (actual === null) return false;
  switch (condition.op) {
    case "gte":
      return actual >= condition.value;
    case "gt":
      return actual > condition.value;
    case "lte":
      return actual <= condition.value;
    case "lt":
      return actual < condition.value;
    case "eq":
      return actual === condition.value;
    case "between":
      return actual >= condition.value && actual <= condition.value2;
  }
}
