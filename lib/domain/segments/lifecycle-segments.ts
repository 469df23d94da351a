/**
 * The built-in lifecycle segments (new, active, at risk, lost), written as segment rules so that the same SQL
 * compiler evaluates them over the whole base and matchesRule / explainRule answer for one customer.
 *
 * Stages go by purchases (paid and partially refunded orders): a customer whose every order was cancelled or
 * refunded bought nothing and is in none, like a customer without orders. A customer whose first purchase is
 * recent is new; everyone else is placed by the model's P(alive) when there is one, and by the days since their
 * last purchase when there is not (too little data to fit): the two bases never mix for one customer, so each
 * customer with a purchase is in exactly one segment.
 */
import { MAX_RULE_DAYS, type RuleCondition, type SegmentRule } from "./segment-rule";

export type LifecycleThresholds = {
  /** New: first purchase fewer than this many days ago. */
  newDays: number;
  /** With a model: at risk below this P(alive), active at or above it. */
  atRiskBelow: number;
  /** With a model: lost below this P(alive). */
  lostBelow: number;
  /** Without a model: at risk from this many days since the last purchase. */
  atRiskDays: number;
  /** Without a model: lost from this many days since the last purchase. */
  lostDays: number;
};

export const DEFAULT_LIFECYCLE_THRESHOLDS: LifecycleThresholds = { newDays: 30, atRiskBelow: 0.5, lostBelow: 0.15, atRiskDays: 120, lostDays: 365 };

export const LIFECYCLE_SEGMENTS = ["new", "active", "at_risk", "lost"] as const;
export type LifecycleSegment = (typeof LIFECYCLE_SEGMENTS)[number];

export function validateLifecycleThresholds(t: LifecycleThresholds): void {
  for (const [name, days] of [["newDays", t.newDays], ["atRiskDays", t.atRiskDays], ["lostDays", t.lostDays]] as const) {
    if (!(Number.isInteger(days) && days >= 1 && days <= MAX_RULE_DAYS)) throw new RangeError(`${name} must be a whole number of days from 1 to ${MAX_RULE_DAYS}, got ${days}.`);
  }
  if (!(t.lostBelow > 0 && t.lostBelow < t.atRiskBelow && t.atRiskBelow <= 1)) {
    throw new RangeError(`P(alive) lines must satisfy 0 < lostBelow < atRiskBelow ≤ 1, got ${t.lostBelow} and ${t.atRiskBelow}.`);
  }
  if (!(t.atRiskDays < t.lostDays)) throw new RangeError(`atRiskDays (${t.atRiskDays}) must be below lostDays (${t.lostDays}).`);
}

/** Each rule is a top-level `any` of `all` groups: one group for customers with a model, one for those without. */
export function lifecycleSegmentRules(t: LifecycleThresholds): Record<LifecycleSegment, SegmentRule> {
  validateLifecycleThresholds(t);
  const notNew: RuleCondition = { field: "daysSinceFirstPurchase", op: "gte", value: t.newDays };
  const withModel = (...conditions: RuleCondition[]) => ({ match: "all" as const, conditions: [notNew, ...conditions] });
  const withoutModel = (...conditions: RuleCondition[]) => ({
    match: "all" as const,
    conditions: [notNew, { field: "probabilityAlive", op: "isUnknown" } as const, ...conditions],
  });
  return {
    new: { match: "all", conditions: [{ field: "daysSinceFirstPurchase", op: "lt", value: t.newDays }] },
    active: {
      match: "any",
      conditions: [
        withModel({ field: "probabilityAlive", op: "gte", value: t.atRiskBelow }),
        withoutModel({ field: "daysSinceLastPurchase", op: "lt", value: t.atRiskDays }),
      ],
    },
    at_risk: {
      match: "any",
      conditions: [
        withModel({ field: "probabilityAlive", op: "gte", value: t.lostBelow }, { field: "probabilityAlive", op: "lt", value: t.atRiskBelow }),
        withoutModel({ field: "daysSinceLastPurchase", op: "gte", value: t.atRiskDays }, { field: "daysSinceLastPurchase", op: "lt", value: t.lostDays }),
      ],
    },
    lost: {
      match: "any",
      conditions: [
        withModel({ field: "probabilityAlive", op: "lt", value: t.lostBelow }),
        withoutModel({ field: "daysSinceLastPurchase", op: "gte", value: t.lostDays }),
      ],
    },
  };
}
