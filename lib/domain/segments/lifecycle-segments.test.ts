import { describe, expect, it } from "vitest";
import { seededRandom } from "../clv/random";
import type { CustomerFacts } from "./customer-facts";
import { DEFAULT_LIFECYCLE_THRESHOLDS, LIFECYCLE_SEGMENTS, type LifecycleSegment, type LifecycleThresholds, lifecycleSegmentRules } from "./lifecycle-segments";
import { randomCustomerFacts } from "./random-rules";
import { matchesRule, SegmentRuleSchema } from "./segment-rule";

const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const rules = lifecycleSegmentRules(DEFAULT_LIFECYCLE_THRESHOLDS);
const segmentsOf = (facts: CustomerFacts, ruleSet = rules) => LIFECYCLE_SEGMENTS.filter((segment) => matchesRule(ruleSet[segment], facts, now));

const customer = (firstDaysAgo: number, lastDaysAgo: number, probabilityAlive: number | null): CustomerFacts => ({
  historicalValueMinor: 10_000,
  predictedValueMinor: probabilityAlive === null ? null : 5_000,
  totalClvMinor: 15_000,
  probabilityAlive,
  rfmGroup: "loyal",
  orderCount: 2,
  firstOrderAt: daysAgo(firstDaysAgo),
  lastOrderAt: daysAgo(lastDaysAgo),
  firstPurchaseAt: daysAgo(firstDaysAgo),
  lastPurchaseAt: daysAgo(lastDaysAgo),
  country: "DE",
  acquisitionChannel: null,
  tags: [],
  marketingConsent: false,
});

describe("lifecycle segments", () => {
  it.each<[string, CustomerFacts, LifecycleSegment]>([
    ["a first order 29 days ago is new, whatever the model says", customer(29, 29, 0.01), "new"],
    ["30 days after the first order a customer is no longer new", customer(30, 30, 0.9), "active"],
    ["with a model, P(alive) on the at-risk line is active", customer(200, 100, 0.5), "active"],
    ["with a model, P(alive) just below the at-risk line is at risk", customer(200, 100, 0.49), "at_risk"],
    ["with a model, P(alive) on the lost line is at risk", customer(200, 100, 0.15), "at_risk"],
    ["with a model, P(alive) below the lost line is lost, even after a recent order", customer(200, 1, 0.1), "lost"],
    ["with a model, a long silence does not matter when P(alive) is high", customer(900, 800, 0.9), "active"],
    ["without a model, 119 days since the last order is active", customer(300, 119, null), "active"],
    ["without a model, 120 days is at risk", customer(300, 120, null), "at_risk"],
    ["without a model, 364 days is at risk", customer(500, 364, null), "at_risk"],
    ["without a model, 365 days is lost", customer(500, 365, null), "lost"],
  ])("%s", (_name, facts, segment) => {
    expect(segmentsOf(facts)).toEqual([segment]);
  });

  it("puts customers without orders in none", () => {
    const noOrders = { ...customer(0, 0, null), orderCount: 0, firstOrderAt: null, lastOrderAt: null, firstPurchaseAt: null, lastPurchaseAt: null, rfmGroup: null };
    expect(segmentsOf(noOrders)).toEqual([]);
  });

  it("puts a customer whose every order was refunded in none: refunded orders are not purchases", () => {
    const refunded = { ...customer(10, 5, null), historicalValueMinor: 0, totalClvMinor: 0, rfmGroup: null, firstPurchaseAt: null, lastPurchaseAt: null };
    expect(segmentsOf(refunded)).toEqual([]);
  });

  it("goes by the last purchase, not by a later refunded order", () => {
    // Bought 400 days ago, ordered again 10 days ago and got all of it refunded: lost, not active.
    const facts = { ...customer(500, 10, null), lastPurchaseAt: daysAgo(400) };
    expect(segmentsOf(facts)).toEqual(["lost"]);
    // A first order that was refunded does not make a customer old: their first purchase was 20 days ago.
    expect(segmentsOf({ ...customer(300, 20, null), firstPurchaseAt: daysAgo(20) })).toEqual(["new"]);
  });

  it.each<[string, LifecycleThresholds]>([
    ["the defaults", DEFAULT_LIFECYCLE_THRESHOLDS],
    ["tight lines", { newDays: 1, atRiskBelow: 0.2, lostBelow: 0.19, atRiskDays: 1, lostDays: 2 }],
    ["wide lines", { newDays: 365, atRiskBelow: 1, lostBelow: 0.01, atRiskDays: 300, lostDays: 1000 }],
  ])("put every random customer with a purchase in exactly one segment and those without in none (%s)", (_name, thresholds) => {
    const ruleSet = lifecycleSegmentRules(thresholds);
    const random = seededRandom(thresholds.newDays).uniform;
    for (let i = 0; i < 5000; i++) {
      const facts = randomCustomerFacts(random, now);
      expect(segmentsOf(facts, ruleSet), JSON.stringify(facts)).toHaveLength(facts.firstPurchaseAt ? 1 : 0);
    }
  });

  it("are valid rules, one group deep", () => {
    for (const rule of Object.values(rules)) expect(SegmentRuleSchema.parse(rule)).toEqual(rule);
  });

  it.each<[string, Partial<LifecycleThresholds>]>([
    ["lost line not below the at-risk line", { lostBelow: 0.5 }],
    ["a lost line of 0", { lostBelow: 0 }],
    ["an at-risk line above 1", { atRiskBelow: 1.2 }],
    ["lost days not above at-risk days", { lostDays: 120 }],
    ["zero new days", { newDays: 0 }],
    ["fractional days", { atRiskDays: 90.5 }],
  ])("rejects %s", (_name, override) => {
    expect(() => lifecycleSegmentRules({ ...DEFAULT_LIFECYCLE_THRESHOLDS, ...override })).toThrow(RangeError);
  });
});
