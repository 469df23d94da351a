/**
 * Custom segment rules are data: JSON checked by SegmentRuleSchema, evaluated here for one customer and compiled
 * to SQL (lib/db/segment-rule-sql.ts) for the whole base. The two must agree on every customer, so the meaning of
 * "unknown" is SQL's: a comparison with a missing value is not true, and only isUnknown asks about absence. The
 * language has no NOT, which is what makes "unknown counts as false" safe inside AND and OR.
 *
 * Messages are i18n keys under `validation.` (like lib/schemas/customer.ts).
 */
import { z } from "zod";
import { ACQUISITION_CHANNELS } from "../channels";
import { COUNTRY_CODES } from "../countries";
import { RFM_GROUPS } from "../rfm";
import { conditionHolds } from "./condition-holds";
import type { CustomerFacts } from "./customer-facts";

export const RULE_MATCHES = ["all", "any"] as const;
export const MAX_RULE_CONDITIONS = 20;
/** A hundred years: far beyond any real threshold, and keeps `now − days` a date PostgreSQL can read. */
export const MAX_RULE_DAYS = 36_500;
/** "orderCount" is a PostgreSQL integer. */
const MAX_ORDER_COUNT = 2_147_483_647;

export const MONEY_FIELDS = ["totalClv", "predictedValue", "historicalValue"] as const;
/** "…Order" counts every order that was not cancelled; "…Purchase" only paid and partially refunded ones. */
export const DAYS_FIELDS = ["daysSinceLastOrder", "daysSinceFirstOrder", "daysSinceLastPurchase", "daysSinceFirstPurchase"] as const;
export const COMPARISON_OPS = ["gte", "gt", "lte", "lt", "eq"] as const;
export const PRESENCE_OPS = ["isUnknown", "isKnown"] as const;
export const NUMBER_OPS = [...COMPARISON_OPS, "between", ...PRESENCE_OPS] as const;
export const LIST_OPS = ["in", "notIn"] as const;
export const TAG_OPS = ["has", "notHas"] as const;

/** What kind of value each field takes, so the rule builder knows which input to show. */
export const RULE_FIELD_KINDS = {
  totalClv: "money",
  predictedValue: "money",
  historicalValue: "money",
  orderCount: "count",
  daysSinceLastOrder: "days",
  daysSinceFirstOrder: "days",
  daysSinceLastPurchase: "days",
  daysSinceFirstPurchase: "days",
  probabilityAlive: "probability",
  rfmGroup: "rfmGroup",
  country: "country",
  acquisitionChannel: "channel",
  tag: "tag",
  marketingConsent: "boolean",
} as const;
export type RuleField = keyof typeof RULE_FIELD_KINDS;
export const RULE_FIELDS = Object.keys(RULE_FIELD_KINDS) as RuleField[];

export const RULE_FIELD_OPS: Record<RuleField, readonly RuleOp[]> = {
  totalClv: NUMBER_OPS,
  predictedValue: NUMBER_OPS,
  historicalValue: NUMBER_OPS,
  orderCount: NUMBER_OPS,
  daysSinceLastOrder: NUMBER_OPS,
  daysSinceFirstOrder: NUMBER_OPS,
  daysSinceLastPurchase: NUMBER_OPS,
  daysSinceFirstPurchase: NUMBER_OPS,
  probabilityAlive: NUMBER_OPS,
  rfmGroup: LIST_OPS,
  country: LIST_OPS,
  acquisitionChannel: LIST_OPS,
  tag: TAG_OPS,
  marketingConsent: ["is"],
};

/** Every message the schema gives, as i18n keys under `validation.` (countryInvalid and channelInvalid are shared with the customer form). */
export const SEGMENT_RULE_MESSAGES = [
  "ruleInvalid",
  "ruleMatchInvalid",
  "ruleConditionsEmpty",
  "ruleTooManyConditions",
  "ruleConditionInvalid",
  "ruleGroupTooDeep",
  "ruleFieldInvalid",
  "ruleOpInvalid",
  "ruleKeyUnknown",
  "ruleValueInvalid",
  "ruleRangeReversed",
  "ruleValuesEmpty",
  "ruleValuesRepeated",
  "ruleTagInvalid",
  "rfmGroupInvalid",
  "countryInvalid",
  "channelInvalid",
] as const;

const isObject = (input: unknown): input is Record<string, unknown> => typeof input === "object" && input !== null && !Array.isArray(input);

/** Extra keys are refused rather than dropped, so a typo ("vale") is an error and not a silently different rule. */
const strictCondition = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? "ruleKeyUnknown" : "ruleConditionInvalid") });

const wholeNumber = (max: number) =>
  z.int({ error: "ruleValueInvalid" }).min(0, { error: "ruleValueInvalid" }).max(max, { error: "ruleValueInvalid" });

function numberCondition<const Fields extends readonly [string, ...string[]], Value extends z.ZodType<number>>(fields: Fields, value: Value) {
  const field = z.enum(fields);
  return z.discriminatedUnion(
    "op",
    [
      strictCondition({ field, op: z.enum(COMPARISON_OPS), value }),
      strictCondition({ field, op: z.literal("between"), value, value2: value }).refine(
        // TypeScript cannot see through the generic Value here; at run time both are numbers by now.
        (condition) => (condition as { value: number }).value <= (condition as { value2: number }).value2,
        { error: "ruleRangeReversed", path: ["value2"] },
      ),
      strictCondition({ field, op: z.enum(PRESENCE_OPS) }),
    ],
    { error: "ruleOpInvalid" },
  );
}

function listCondition<const Field extends string, Value extends z.ZodType<string>>(field: Field, value: Value, max: number) {
  return strictCondition({
    field: z.literal(field),
    op: z.enum(LIST_OPS, { error: "ruleOpInvalid" }),
    values: z
      .array(value, { error: "ruleValuesEmpty" })
      .min(1, { error: "ruleValuesEmpty" })
      .max(max, { error: "ruleValuesRepeated" })
      .refine((values) => new Set(values).size === values.length, { error: "ruleValuesRepeated" }),
  });
}

export const RuleConditionSchema = z.discriminatedUnion(
  "field",
  [
    numberCondition(MONEY_FIELDS, wholeNumber(Number.MAX_SAFE_INTEGER)),
    numberCondition(["orderCount"], wholeNumber(MAX_ORDER_COUNT)),
    numberCondition(DAYS_FIELDS, wholeNumber(MAX_RULE_DAYS)),
    numberCondition(["probabilityAlive"], z.number({ error: "ruleValueInvalid" }).min(0, { error: "ruleValueInvalid" }).max(1, { error: "ruleValueInvalid" })),
    listCondition("rfmGroup", z.enum(RFM_GROUPS, { error: "rfmGroupInvalid" }), RFM_GROUPS.length),
    listCondition(
      "country",
      z
        .string({ error: "countryInvalid" })
        .trim()
        .toUpperCase()
        .pipe(z.enum(COUNTRY_CODES, { error: "countryInvalid" })),
      COUNTRY_CODES.length,
    ),
    listCondition("acquisitionChannel", z.enum(ACQUISITION_CHANNELS, { error: "channelInvalid" }), ACQUISITION_CHANNELS.length),
    strictCondition({
      field: z.literal("tag"),
      op: z.enum(TAG_OPS, { error: "ruleOpInvalid" }),
      // Tags are stored trimmed and lower-cased (lib/schemas/customer.ts), so a rule's tag is normalised the same way.
      value: z.string({ error: "ruleTagInvalid" }).trim().toLowerCase().min(1, { error: "ruleTagInvalid" }).max(40, { error: "ruleTagInvalid" }),
    }),
    strictCondition({ field: z.literal("marketingConsent"), op: z.literal("is", { error: "ruleOpInvalid" }), value: z.boolean({ error: "ruleValueInvalid" }) }),
  ],
  {
    error: (issue) => {
      if (!isObject(issue.input)) return "ruleConditionInvalid";
      return "conditions" in issue.input ? "ruleGroupTooDeep" : "ruleFieldInvalid";
    },
  },
);

const conditionList = <Entry extends z.ZodType>(entry: Entry) =>
  z
    .array(entry, { error: "ruleConditionsEmpty" })
    .min(1, { error: "ruleConditionsEmpty" })
    .max(MAX_RULE_CONDITIONS, { error: "ruleTooManyConditions" });

const match = z.enum(RULE_MATCHES, { error: "ruleMatchInvalid" });

/**
 * One level of nesting: a group holds conditions only. `field` is declared (and must be absent) so that a group
 * and the conditions beside it form one discriminated union, which reports a bad entry precisely instead of
 * listing why it is neither a group nor any of the conditions.
 */
export const RuleGroupSchema = z.strictObject(
  { field: z.undefined().optional(), match, conditions: conditionList(RuleConditionSchema) },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "ruleKeyUnknown" : "ruleConditionInvalid") },
);

export const SegmentRuleSchema = z.strictObject(
  {
    match,
    conditions: conditionList(
      z.discriminatedUnion("field", [RuleGroupSchema, RuleConditionSchema], {
        error: (issue) => (isObject(issue.input) ? "ruleFieldInvalid" : "ruleConditionInvalid"),
      }),
    ),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "ruleKeyUnknown" : "ruleInvalid") },
);

export type RuleCondition = z.output<typeof RuleConditionSchema>;
export type RuleGroup = z.output<typeof RuleGroupSchema>;
export type SegmentRule = z.output<typeof SegmentRuleSchema>;
export type RuleOp = RuleCondition["op"];

export function parseSegmentRule(json: unknown) {
  return SegmentRuleSchema.safeParse(json);
}

export function isRuleGroup(entry: RuleCondition | RuleGroup): entry is RuleGroup {
  return "conditions" in entry;
}

/** Whether the customer is in the segment the rule describes, as of `now`. */
export function matchesRule(rule: SegmentRule, facts: CustomerFacts, now: Date): boolean {
  return entriesHold(rule.match, rule.conditions, (entry) =>
    isRuleGroup(entry) ? entriesHold(entry.match, entry.conditions, (condition) => conditionHolds(condition, facts, now)) : conditionHolds(entry, facts, now),
  );
}

function entriesHold<Entry>(match: SegmentRule["match"], entries: readonly Entry[], holds: (entry: Entry) => boolean): boolean {
  return match === "all" ? entries.every(holds) : entries.some(holds);
}
