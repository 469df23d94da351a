/**
 * The rule builder's form state and its conversions: what a person types (amounts in major units of the
 * reporting currency, P(alive) as a percentage, whole days) to a segment rule in the stored units (integer minor
 * units, 0–1, days) and back, and the server-side check of a submitted segment (name, description, rule JSON).
 *
 * The draft keeps every value as typed. Turning it into a rule never guesses: text that is not a number in the
 * field's unit travels as text, so SegmentRuleSchema refuses it with its own message next to that condition.
 */
import { z } from "zod";
import { currencyDigits, parseAmountToMinor } from "../money";
import {
  isRuleGroup,
  parseSegmentRule,
  RULE_FIELD_KINDS,
  RULE_FIELD_OPS,
  type RuleCondition,
  type RuleField,
  type RuleOp,
  type SegmentRule,
} from "./segment-rule";

export const SEGMENT_NAME_MAX = 80;
export const SEGMENT_DESCRIPTION_MAX = 300;

export type RuleMatch = SegmentRule["match"];
export type FieldKind = (typeof RULE_FIELD_KINDS)[RuleField];

/** One condition as typed. `value`/`value2` hold text (consent: "true"/"false"); `values` holds list choices. */
export type ConditionDraft = { kind: "condition"; id: string; field: RuleField; op: RuleOp; value: string; value2: string; values: string[] };
export type GroupDraft = { kind: "group"; id: string; match: RuleMatch; conditions: ConditionDraft[] };
export type RuleDraft = { match: RuleMatch; conditions: (ConditionDraft | GroupDraft)[] };

/** The reader's locale (decimal mark) and the reporting currency (minor-unit digits). */
export type UnitContext = { locale: string; currency: string };

const DEFAULT_OPS: Record<FieldKind, RuleOp> = {
  money: "gte",
  count: "gte",
  days: "gte",
  probability: "lt",
  rfmGroup: "in",
  country: "in",
  channel: "in",
  tag: "has",
  boolean: "is",
};

export function fieldKind(field: RuleField): FieldKind {
  return RULE_FIELD_KINDS[field];
}

export function isListKind(kind: FieldKind): kind is "rfmGroup" | "country" | "channel" {
  return kind === "rfmGroup" || kind === "country" || kind === "channel";
}

/** Whether the operator takes no value (isKnown, isUnknown), one, or two (between). */
export function valueCount(op: RuleOp): 0 | 1 | 2 {
  if (op === "isKnown" || op === "isUnknown") return 0;
  return op === "between" ? 2 : 1;
}

export function newCondition(id: string, field: RuleField = "totalClv"): ConditionDraft {
  const kind = fieldKind(field);
  return { kind: "condition", id, field, op: DEFAULT_OPS[kind], value: kind === "boolean" ? "true" : "", value2: "", values: [] };
}

export function newGroup(id: string, firstConditionId: string): GroupDraft {
  return { kind: "group", id, match: "all", conditions: [newCondition(firstConditionId)] };
}

export function emptyDraft(): RuleDraft {
  return { match: "all", conditions: [newCondition("e1")] };
}

/**
 * A field change keeps what was typed when the new field takes the same kind of value, and the operator when the
 * new field has it; otherwise the values start empty (an amount in euros means nothing as a number of days).
 */
export function withField(condition: ConditionDraft, field: RuleField): ConditionDraft {
  if (fieldKind(field) === fieldKind(condition.field)) return { ...condition, field };
  const fresh = newCondition(condition.id, field);
  return RULE_FIELD_OPS[field].includes(condition.op) ? { ...fresh, op: condition.op } : fresh;
}

export function withOp(condition: ConditionDraft, op: RuleOp): ConditionDraft {
  return RULE_FIELD_OPS[condition.field].includes(op) ? { ...condition, op } : condition;
}

/** A fresh id for a new entry: one past the highest in use ("e7" → "e8"), so the same draft gives the same ids on server and client. */
export function nextDraftId(draft: RuleDraft): string {
  let highest = 0;
  const see = (id: string) => {
    const n = Number(id.slice(1));
    if (Number.isInteger(n) && n > highest) highest = n;
  };
  for (const entry of draft.conditions) {
    see(entry.id);
    if (entry.kind === "group") entry.conditions.forEach((condition) => see(condition.id));
  }
  return `e${highest + 1}`;
}

/** "2" for the second entry, "3.1" for the first condition of the group in third place; null when absent. */
export function entryPosition(draft: RuleDraft, id: string): string | null {
  for (const [index, entry] of draft.conditions.entries()) {
    if (entry.id === id) return String(index + 1);
    if (entry.kind === "group") {
      const inner = entry.conditions.findIndex((condition) => condition.id === id);
      if (inner >= 0) return `${index + 1}.${inner + 1}`;
    }
  }
  return null;
}

// --- Units --------------------------------------------------------------------------------------------------

function decimalMark(locale: string): "." | "," {
  const mark = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value;
  return mark === "," ? "," : ".";
}

/** "1.234,50" (de) or "1,234.50" (en) → minor units; the locale's decimal mark first, then an unambiguous guess. */
export function parseMajorToMinor(text: string, { locale, currency }: UnitContext): number | null {
  return parseAmountToMinor(text, currency, decimalMark(locale)) ?? parseAmountToMinor(text, currency);
}

/** Minor units → the amount as a person would type it back: "1234,5" (de), no grouping, no currency sign. */
export function formatMinorAsMajor(minor: number, { locale, currency }: UnitContext): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}

/** "12,5" or "12.5 %" → 0.125. Out-of-range percentages are returned as they are, for the schema to refuse. */
export function parsePercentToProbability(text: string): number | null {
  const compact = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (!/^-?\d+(?:\.\d+)?$/.test(compact)) return null;
  // Rounded to 1e-9 so 33.3 % is 0.333 and not 0.33299999999999996.
  return Math.round(Number(compact) * 1e7) / 1e9;
}

export function formatProbabilityAsPercent(probability: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(probability * 100);
}

export function parseWholeNumber(text: string): number | null {
  const compact = text.trim();
  return /^\d+$/.test(compact) ? Number(compact) : null;
}

function numberFromText(text: string, kind: FieldKind, units: UnitContext): number | string | undefined {
  if (text.trim() === "") return undefined;
  const parsed = kind === "money" ? parseMajorToMinor(text, units) : kind === "probability" ? parsePercentToProbability(text) : parseWholeNumber(text);
  return parsed ?? text;
}

function numberToText(value: number, kind: FieldKind, units: UnitContext): string {
  if (kind === "money") return formatMinorAsMajor(value, units);
  if (kind === "probability") return formatProbabilityAsPercent(value, units.locale);
  return String(value);
}

// --- Draft ↔ rule -------------------------------------------------------------------------------------------

function conditionToJson(condition: ConditionDraft, units: UnitContext): Record<string, unknown> {
  const { field, op } = condition;
  const kind = fieldKind(field);
  if (isListKind(kind)) return { field, op, values: [...condition.values] };
  if (kind === "tag") return { field, op, value: condition.value };
  if (kind === "boolean") return { field, op, value: condition.value === "true" };
  const count = valueCount(op);
  const json: Record<string, unknown> = { field, op };
  if (count >= 1) json.value = numberFromText(condition.value, kind, units);
  if (count === 2) json.value2 = numberFromText(condition.value2, kind, units);
  return json;
}

/** The rule the draft describes, as JSON for SegmentRuleSchema (not yet validated). */
export function draftToRuleJson(draft: RuleDraft, units: UnitContext): { match: RuleMatch; conditions: Record<string, unknown>[] } {
  return {
    match: draft.match,
    conditions: draft.conditions.map((entry) =>
      entry.kind === "group" ? { match: entry.match, conditions: entry.conditions.map((condition) => conditionToJson(condition, units)) } : conditionToJson(entry, units),
    ),
  };
}

function conditionToDraft(condition: RuleCondition, id: string, units: UnitContext): ConditionDraft {
  const kind = fieldKind(condition.field);
  const draft: ConditionDraft = { kind: "condition", id, field: condition.field, op: condition.op, value: "", value2: "", values: [] };
  if ("values" in condition) return { ...draft, values: [...condition.values] };
  if (!("value" in condition)) return draft;
  if (typeof condition.value === "boolean" || typeof condition.value === "string") return { ...draft, value: String(condition.value) };
  return {
    ...draft,
    value: numberToText(condition.value, kind, units),
    value2: "value2" in condition ? numberToText(condition.value2, kind, units) : "",
  };
}

/** A stored rule as the builder shows it, with ids e1, e2, … in reading order. */
export function ruleToDraft(rule: SegmentRule, units: UnitContext): RuleDraft {
  let counter = 0;
  const id = () => `e${++counter}`;
  return {
    match: rule.match,
    conditions: rule.conditions.map((entry) => {
      if (!isRuleGroup(entry)) return conditionToDraft(entry, id(), units);
      const groupId = id();
      return { kind: "group", id: groupId, match: entry.match, conditions: entry.conditions.map((condition) => conditionToDraft(condition, id(), units)) };
    }),
  };
}

// --- Errors -------------------------------------------------------------------------------------------------

export type EntryErrors = { messages: string[]; parts: string[] };
export type DraftErrors = { rule: string[]; entries: Record<string, EntryErrors> };

/**
 * Field errors from the server ("rule.conditions.2.conditions.0.value" → ["ruleValueInvalid"]) placed on the
 * draft entries they belong to, with the part that failed (value, value2, values, op, field). Errors about the
 * rule as a whole (no conditions, too many) stay on the rule.
 */
export function errorsByEntry(draft: RuleDraft, fieldErrors: Record<string, string[]>): DraftErrors {
  const result: DraftErrors = { rule: [], entries: {} };
  const add = (id: string, messages: string[], part: string | undefined) => {
    const entry = (result.entries[id] ??= { messages: [], parts: [] });
    for (const message of messages) if (!entry.messages.includes(message)) entry.messages.push(message);
    if (part && !entry.parts.includes(part)) entry.parts.push(part);
  };
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const path = key.split(".");
    if (path[0] !== "rule") continue;
    const entry = path[1] === "conditions" && path[2] !== undefined ? draft.conditions[Number(path[2])] : undefined;
    if (!entry) {
      for (const message of messages) if (!result.rule.includes(message)) result.rule.push(message);
      continue;
    }
    if (entry.kind === "group" && path[3] === "conditions" && path[4] !== undefined && entry.conditions[Number(path[4])]) {
      add(entry.conditions[Number(path[4])]!.id, messages, path[5]);
    } else {
      add(entry.id, messages, entry.kind === "group" ? undefined : path[3]);
    }
  }
  return result;
}

type Issue = { path: PropertyKey[]; message: string };

/** Zod issues as field errors keyed by their dotted path under a prefix ("rule.conditions.0.value"). */
export function issuesToFieldErrors(issues: readonly Issue[], prefix: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = [prefix, ...issue.path.map(String)].join(".");
    const list = (errors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return errors;
}

// --- The submitted segment ----------------------------------------------------------------------------------

/** Messages are i18n keys under `segments.validation.`. */
export const SegmentDetailsSchema = z.object({
  name: z.string({ error: "nameRequired" }).trim().min(1, { error: "nameRequired" }).max(SEGMENT_NAME_MAX, { error: "nameTooLong" }),
  description: z
    .string({ error: "descriptionTooLong" })
    .trim()
    .max(SEGMENT_DESCRIPTION_MAX, { error: "descriptionTooLong" })
    .optional()
    .transform((value) => value || null),
});

export type SegmentSubmission = { name: string; description: string | null; rule: SegmentRule };

/** Checks a submitted segment: name and description by SegmentDetailsSchema, the rule (JSON text) by SegmentRuleSchema. */
export function parseSegmentSubmission(input: { name?: unknown; description?: unknown; rule?: unknown }):
  | { success: true; data: SegmentSubmission }
  | { success: false; fieldErrors: Record<string, string[]> } {
  const details = SegmentDetailsSchema.safeParse({ name: input.name, description: input.description ?? undefined });
  const rule = parseRuleText(input.rule);
  if (details.success && rule.success) return { success: true, data: { ...details.data, rule: rule.data } };
  const fieldErrors: Record<string, string[]> = rule.success ? {} : { ...rule.fieldErrors };
  if (!details.success) {
    for (const issue of details.error.issues) {
      const list = (fieldErrors[String(issue.path[0] ?? "form")] ??= []);
      if (!list.includes(issue.message)) list.push(issue.message);
    }
  }
  return { success: false, fieldErrors };
}

/** The rule as submitted (JSON text), validated; errors keyed "rule…". */
export function parseRuleText(text: unknown): { success: true; data: SegmentRule } | { success: false; fieldErrors: Record<string, string[]> } {
  let json: unknown;
  try {
    json = typeof text === "string" ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = parseSegmentRule(json);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, fieldErrors: issuesToFieldErrors(parsed.error.issues, "rule") };
}
