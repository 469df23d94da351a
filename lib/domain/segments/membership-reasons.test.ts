import { describe, expect, it } from "vitest";
import type { CustomerFacts } from "./customer-facts";
import { DEFAULT_LIFECYCLE_THRESHOLDS } from "./lifecycle-segments";
import { churnRisk, membershipReason, type ReasonContext } from "./membership-reasons";
import { DEFAULT_VIP_RULE } from "./vip";

const now = new Date("2026-06-01T12:00:00Z");
const facts: CustomerFacts = {
  historicalValueMinor: 50_000,
  predictedValueMinor: 124_000,
  totalClvMinor: 174_000,
  probabilityAlive: 0.32,
  rfmGroup: "cant_lose",
  orderCount: 14,
  firstOrderAt: new Date("2024-01-10T10:00:00Z"),
  lastOrderAt: new Date("2026-01-10T10:00:00Z"),
  firstPurchaseAt: new Date("2024-01-10T10:00:00Z"),
  lastPurchaseAt: new Date("2026-01-10T10:00:00Z"),
  country: "DE",
  acquisitionChannel: "referral",
  tags: ["espresso"],
  marketingConsent: true,
};
const context: ReasonContext = { facts, rfmScores: { recency: 2, frequency: 5, monetary: 5 }, vip: DEFAULT_VIP_RULE, lifecycle: DEFAULT_LIFECYCLE_THRESHOLDS, horizonMonths: 12, now };

describe("membershipReason", () => {
  it("says which VIP line the customer's predicted value crossed", () => {
    const reason = membershipReason({ key: "vip", kind: "BUILTIN", rule: null, state: { enterMinor: 100_000, exitMinor: 80_000, basis: "predicted" } }, context);
    expect(reason).toEqual({ kind: "vip", basis: "predicted", valueMinor: 124_000, enterMinor: 100_000, exitMinor: 80_000, isAboveEntry: true, horizonMonths: 12 });
  });

  it("tells a VIP who stays only above the lower exit line apart from one above the entry line", () => {
    const reason = membershipReason({ key: "vip", kind: "BUILTIN", rule: null, state: { enterMinor: 150_000, exitMinor: 80_000, basis: "predicted" } }, context);
    expect(reason).toMatchObject({ kind: "vip", isAboveEntry: false });
  });

  it("gives no VIP reason before the lines were drawn", () => {
    expect(membershipReason({ key: "vip", kind: "BUILTIN", rule: null, state: null }, context)).toBeNull();
  });

  it("explains an at-risk VIP by P(alive) and the admin's line", () => {
    expect(membershipReason({ key: "at_risk_vip", kind: "BUILTIN", rule: null, state: null }, context)).toEqual({ kind: "at_risk_vip", probabilityAlive: 0.32, atRiskBelow: 0.5 });
  });

  it("explains an at-risk VIP without a model by the days since the last purchase", () => {
    const noModel = { ...context, facts: { ...facts, probabilityAlive: null, predictedValueMinor: null } };
    // The last purchase was on 10 January, 142 days before 1 June.
    expect(membershipReason({ key: "at_risk_vip", kind: "BUILTIN", rule: null, state: null }, noModel)).toEqual({ kind: "at_risk_vip_days", daysSinceLastPurchase: 142, atRiskDays: 120 });
  });

  it("explains a lifecycle segment by the conditions of its rule that hold", () => {
    const reason = membershipReason({ key: "at_risk", kind: "BUILTIN", rule: null, state: null }, context);
    expect(reason?.kind).toBe("rule");
    const fields = reason?.kind === "rule" ? reason.conditions.map((condition) => condition.field) : [];
    expect(fields).toContain("probabilityAlive");
    expect(membershipReason({ key: "active", kind: "BUILTIN", rule: null, state: null }, context)).toBeNull();
  });

  it("explains a custom segment by its own rule, and an RFM group by the scores", () => {
    const rule = { match: "all", conditions: [{ field: "totalClv", op: "gte", value: 100_000 }, { field: "tag", op: "has", value: "espresso" }] };
    const reason = membershipReason({ key: "custom:x", kind: "CUSTOM", rule, state: null }, context);
    expect(reason).toMatchObject({ kind: "rule", conditions: [{ field: "totalClv", actual: 174_000, held: true }, { field: "tag", held: true }] });
    expect(membershipReason({ key: "rfm:cant_lose", kind: "RFM", rule: null, state: null }, context)).toEqual({ kind: "rfm", group: "cant_lose", recency: 2, frequency: 5, monetary: 5 });
  });
});

describe("churnRisk", () => {
  it.each([
    [0.9, "likely_active"],
    [0.5, "likely_active"],
    [0.49, "at_risk"],
    [0.15, "at_risk"],
    [0.14, "likely_lost"],
  ] as const)("P(alive) %s reads as %s on the default lines", (p, expected) => {
    expect(churnRisk(p, DEFAULT_LIFECYCLE_THRESHOLDS)).toBe(expected);
  });
});
