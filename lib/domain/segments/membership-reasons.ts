/**
 * Why a customer is in a segment, for the one-line "why" next to each badge on the profile: the VIP line they
 * crossed, the P(alive) that makes a VIP at risk, the conditions of a lifecycle or custom rule that hold, or the
 * RFM scores. Plain data; the UI formats it ("VIP: predicted 12-month value €1,240 ≥ €1,000").
 */
import type { RfmGroup } from "../rfm";
import { daysSince, type CustomerFacts } from "./customer-facts";
import { explainRule, type ConditionExplanation } from "./explain-rule";
import { lifecycleSegmentRules, type LifecycleThresholds } from "./lifecycle-segments";
import { parseSegmentRule } from "./segment-rule";
import type { VipRule } from "./vip";

export type MembershipReason =
  | {
      kind: "vip";
      basis: VipRule["basis"];
      valueMinor: number;
      enterMinor: number;
      exitMinor: number;
      /** False when the customer stays VIP only because of the lower exit line (hysteresis). */
      isAboveEntry: boolean;
      horizonMonths: number;
    }
  | { kind: "at_risk_vip"; probabilityAlive: number; atRiskBelow: number }
  /** Without a model (no P(alive)): the days since the last purchase, like the ordinary at-risk stage. */
  | { kind: "at_risk_vip_days"; daysSinceLastPurchase: number; atRiskDays: number }
  | { kind: "rfm"; group: RfmGroup; recency: number; frequency: number; monetary: number }
  | { kind: "rule"; conditions: ConditionExplanation[] };

export type ReasonSegment = { key: string; kind: "BUILTIN" | "RFM" | "CUSTOM"; rule: unknown; state: unknown };

export type ReasonContext = {
  facts: CustomerFacts;
  rfmScores: { recency: number; frequency: number; monetary: number } | null;
  vip: VipRule;
  lifecycle: LifecycleThresholds;
  horizonMonths: number;
  now: Date;
};

/** Null when the reason cannot be told from what is known now (e.g. the VIP lines were never drawn). */
export function membershipReason(segment: ReasonSegment, context: ReasonContext): MembershipReason | null {
  const { facts } = context;
  if (segment.key === "vip") {
    const state = segment.state as { enterMinor?: number; exitMinor?: number; basis?: VipRule["basis"] } | null;
    const basis = state?.basis ?? context.vip.basis;
    const value = basis === "predicted" ? facts.predictedValueMinor : facts.totalClvMinor;
    if (value === null || typeof state?.enterMinor !== "number" || typeof state.exitMinor !== "number") return null;
    return { kind: "vip", basis, valueMinor: value, enterMinor: state.enterMinor, exitMinor: state.exitMinor, isAboveEntry: value >= state.enterMinor, horizonMonths: context.horizonMonths };
  }
  if (segment.key === "at_risk_vip") {
    if (facts.probabilityAlive !== null) return { kind: "at_risk_vip", probabilityAlive: facts.probabilityAlive, atRiskBelow: context.lifecycle.atRiskBelow };
    const days = daysSince(facts.lastPurchaseAt, context.now);
    return days === null ? null : { kind: "at_risk_vip_days", daysSinceLastPurchase: days, atRiskDays: context.lifecycle.atRiskDays };
  }
  if (segment.kind === "RFM") {
    return facts.rfmGroup && context.rfmScores ? { kind: "rfm", group: facts.rfmGroup, ...context.rfmScores } : null;
  }
  const rule =
    segment.kind === "BUILTIN"
      ? lifecycleSegmentRules(context.lifecycle)[segment.key as keyof ReturnType<typeof lifecycleSegmentRules>]
      : (() => {
          const parsed = parseSegmentRule(segment.rule);
          return parsed.success ? parsed.data : undefined;
        })();
  if (!rule) return null;
  const explanation = explainRule(rule, facts, context.now);
  if (!explanation.held) return null;
  // "Not new any more" is part of every later lifecycle rule but says nothing an agent needs to hear.
  const conditions = segment.kind === "BUILTIN" ? explanation.reasons.filter((condition) => condition.field !== "daysSinceFirstPurchase") : explanation.reasons;
  return { kind: "rule", conditions };
}

export type ChurnRisk = "likely_active" | "at_risk" | "likely_lost";

/** P(alive) in words, on the admin's at-risk and lost lines. */
export function churnRisk(probabilityAlive: number, thresholds: Pick<LifecycleThresholds, "atRiskBelow" | "lostBelow">): ChurnRisk {
  if (probabilityAlive < thresholds.lostBelow) return "likely_lost";
  if (probabilityAlive < thresholds.atRiskBelow) return "at_risk";
  return "likely_active";
}
