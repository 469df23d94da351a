/**
 * One rule condition as a short sentence in the reader's language: "Predicted value €1,240 ≥ €1,000",
 * "P(alive) 32 % < 50 %", "Country is one of Germany, Austria". Used for the "why" of a segment membership.
 */
import type { ConditionExplanation } from "@/lib/domain/segments/explain-rule";
import { RULE_FIELD_KINDS } from "@/lib/domain/segments/segment-rule";
import { formatMoney } from "@/lib/domain/money";

type Translate = (key: string, values?: Record<string, string | number>) => string;

export type ConditionFormatting = {
  /** Translator for the `value` namespace. */
  t: Translate;
  /** Translator for the `channels` namespace. */
  tChannel: (channel: string) => string;
  locale: string;
  currency: string;
};

const SYMBOLS: Record<string, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<", eq: "=" };

export function describeCondition(condition: ConditionExplanation, formatting: ConditionFormatting): string {
  const { t } = formatting;
  const kind = RULE_FIELD_KINDS[condition.field];
  const value = (raw: unknown): string => formatValue(kind, raw, formatting);
  const field = t(`fields.${condition.field}`);
  const actual = condition.actual === null ? t("unknown") : value(condition.actual);
  const threshold = condition.threshold;
  switch (condition.op) {
    case "gte":
    case "gt":
    case "lte":
    case "lt":
    case "eq":
      return `${field} ${actual} ${SYMBOLS[condition.op]} ${value(threshold)}`;
    case "between": {
      const [from, to] = threshold as readonly [number, number];
      return `${field} ${actual} ${t("ops.between", { from: value(from), to: value(to) })}`;
    }
    case "isUnknown":
    case "isKnown":
      return `${field} ${t(`ops.${condition.op}`)}`;
    case "in":
    case "notIn":
      return `${field} ${actual}: ${t(`ops.${condition.op}`, { values: (threshold as readonly string[]).map(value).join(", ") })}`;
    case "has":
    case "notHas":
      return t(`ops.${condition.op}`, { value: String(threshold) });
    case "is":
      return `${field}: ${t(threshold ? "yes" : "no")}`;
    default:
      return field;
  }
}

function formatValue(kind: (typeof RULE_FIELD_KINDS)[keyof typeof RULE_FIELD_KINDS], raw: unknown, formatting: ConditionFormatting): string {
  const { locale, currency, t } = formatting;
  switch (kind) {
    case "money":
      return formatMoney(Number(raw), currency, locale);
    case "probability":
      return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(Number(raw));
    case "count":
    case "days":
      return new Intl.NumberFormat(locale).format(Number(raw));
    case "rfmGroup":
      return t(`rfmGroups.${String(raw)}`);
    case "country":
      return new Intl.DisplayNames([locale], { type: "region" }).of(String(raw)) ?? String(raw);
    case "channel":
      return formatting.tChannel(String(raw));
    case "boolean":
      return t(raw ? "yes" : "no");
    default:
      return Array.isArray(raw) ? raw.join(", ") : String(raw);
  }
}
