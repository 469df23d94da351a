/**
 * Random valid segment rules and random customers, for property tests: the SQL compiler against matchesRule on
 * real data, and the lifecycle segments against each other. Driven by any uniform source on [0, 1) (for example
 * `seededRandom(seed).uniform` from ../clv/random), so a failing case can be replayed from its seed.
 */
import { ACQUISITION_CHANNELS } from "../channels";
import { RFM_GROUPS } from "../rfm";
import type { CustomerFacts } from "./customer-facts";
import { type RuleCondition, type RuleGroup, RULE_FIELD_KINDS, RULE_FIELD_OPS, RULE_FIELDS, type SegmentRule, SegmentRuleSchema } from "./segment-rule";

export type RandomRuleOptions = {
  /** Money thresholds from 0 to this, in minor units. */
  maxMoneyMinor?: number;
  maxOrderCount?: number;
  /** Days-since thresholds from 0 to this. */
  maxDays?: number;
  /** Upper-case ISO codes to draw country lists from; best taken from the data so that some rules match. */
  countries?: readonly string[];
  /** Lower-case tags to draw from. */
  tags?: readonly string[];
  /** Entries at the top level: 1 to this. */
  maxEntries?: number;
  /** The chance that a top-level entry is a group (of 1 to 3 conditions). */
  groupChance?: number;
};

const DEFAULTS: Required<RandomRuleOptions> = {
  maxMoneyMinor: 500_000,
  maxOrderCount: 30,
  maxDays: 1200,
  countries: ["DE", "AT", "CH", "PL", "FR", "NL", "GB", "US"],
  tags: ["vip", "b2b", "newsletter", "wholesale", "returning"],
  maxEntries: 4,
  groupChance: 0.3,
};

const DAY_MS = 86_400_000;

/** Options over the defaults; an empty country or tag list (data without any) falls back to the default list. */
function withDefaults(options: RandomRuleOptions): Required<RandomRuleOptions> {
  const settings = { ...DEFAULTS, ...options };
  if (settings.countries.length === 0) settings.countries = DEFAULTS.countries;
  if (settings.tags.length === 0) settings.tags = DEFAULTS.tags;
  return settings;
}

/** A rule over every field and operator, checked against the schema before it is returned. */
export function randomSegmentRule(random: () => number, options: RandomRuleOptions = {}): SegmentRule {
  const settings = withDefaults(options);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const upTo = (max: number) => Math.floor(random() * (max + 1));
  const subset = <T>(items: readonly T[], max: number): T[] => {
    const pool = [...items];
    const size = 1 + Math.floor(random() * Math.min(max, pool.length));
    return Array.from({ length: size }, () => pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  };

  const condition = (): RuleCondition => {
    const field = pick(RULE_FIELDS);
    const op = pick(RULE_FIELD_OPS[field]);
    const kind = RULE_FIELD_KINDS[field];
    switch (kind) {
      case "rfmGroup":
        return { field, op, values: subset(RFM_GROUPS, 3) } as RuleCondition;
      case "country":
        return { field, op, values: subset(settings.countries, 3) } as RuleCondition;
      case "channel":
        return { field, op, values: subset(ACQUISITION_CHANNELS, 3) } as RuleCondition;
      case "tag":
        return { field, op, value: pick(settings.tags) } as RuleCondition;
      case "boolean":
        return { field, op, value: random() < 0.5 } as RuleCondition;
    }
    const draw =
      kind === "money"
        ? () => upTo(settings.maxMoneyMinor)
        : kind === "count"
          ? () => upTo(settings.maxOrderCount)
          : kind === "days"
            ? () => upTo(settings.maxDays)
            : () => upTo(100) / 100;
    if (op === "isUnknown" || op === "isKnown") return { field, op } as RuleCondition;
    if (op === "between") {
      const [low, high] = [draw(), draw()].sort((a, b) => a - b);
      return { field, op, value: low, value2: high } as RuleCondition;
    }
    return { field, op, value: draw() } as RuleCondition;
  };

  const entries = Array.from({ length: 1 + Math.floor(random() * settings.maxEntries) }, (): RuleCondition | RuleGroup =>
    random() < settings.groupChance
      ? { match: pick(["all", "any"] as const), conditions: Array.from({ length: 1 + Math.floor(random() * 3) }, condition) }
      : condition(),
  );
  return SegmentRuleSchema.parse({ match: pick(["all", "any"] as const), conditions: entries });
}

export type RandomFactsOptions = Pick<RandomRuleOptions, "maxMoneyMinor" | "maxOrderCount" | "maxDays" | "countries" | "tags">;

/**
 * A consistent customer: with orders (first ≤ last ≤ now, sometimes exactly on a day boundary) or without (no
 * dates, no RFM group), with purchases among the orders or with every order refunded, scored or not, with or
 * without a model, so every null case of the rules is reached.
 */
export function randomCustomerFacts(random: () => number, now: Date, options: RandomFactsOptions = {}): CustomerFacts {
  const settings = withDefaults(options);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hasOrders = chance(0.85);
  const isScored = chance(0.9);
  const hasModel = isScored && chance(0.7);
  const ago = (maxDays: number) => Math.floor(random() * maxDays) * DAY_MS + (chance(0.2) ? 0 : Math.floor(random() * DAY_MS));
  const firstAgo = hasOrders ? ago(settings.maxDays) : null;
  const lastAgo = firstAgo === null ? null : chance(0.3) ? firstAgo : Math.floor(random() * (firstAgo + 1));
  // Purchases lie within the orders; a customer whose every order was refunded has none. Purchase dates are
  // kept with the scores, so an unscored customer has none either.
  const hasPurchases = firstAgo !== null && lastAgo !== null && isScored && chance(0.9);
  const firstPurchaseAgo = hasPurchases ? (chance(0.7) ? firstAgo : lastAgo + Math.floor(random() * (firstAgo - lastAgo + 1))) : null;
  const lastPurchaseAgo = firstPurchaseAgo === null ? null : chance(0.7) ? lastAgo : lastAgo! + Math.floor(random() * (firstPurchaseAgo - lastAgo! + 1));
  const historical = isScored ? (hasPurchases ? Math.floor(random() * settings.maxMoneyMinor) : 0) : null;
  const predicted = hasModel && hasPurchases ? Math.floor(random() * settings.maxMoneyMinor) : null;
  return {
    historicalValueMinor: historical,
    predictedValueMinor: predicted,
    totalClvMinor: historical === null ? null : historical + (predicted ?? 0),
    probabilityAlive: hasModel && hasPurchases ? (chance(0.1) ? pick([0, 0.15, 0.5, 1]) : random()) : null,
    rfmGroup: hasPurchases ? pick(RFM_GROUPS) : null,
    orderCount: hasOrders ? 1 + Math.floor(random() * settings.maxOrderCount) : 0,
    firstOrderAt: firstAgo === null ? null : new Date(now.getTime() - firstAgo),
    lastOrderAt: lastAgo === null ? null : new Date(now.getTime() - lastAgo),
    firstPurchaseAt: firstPurchaseAgo === null ? null : new Date(now.getTime() - firstPurchaseAgo),
    lastPurchaseAt: lastPurchaseAgo === null ? null : new Date(now.getTime() - lastPurchaseAgo),
    country: chance(0.9) ? pick(settings.countries) : null,
    acquisitionChannel: chance(0.8) ? pick(ACQUISITION_CHANNELS) : null,
    tags: settings.tags.filter(() => chance(0.3)),
    marketingConsent: chance(0.5),
  };
}
