"use client";

/**
 * How a chart writes its values, as plain data a server component can pass: money in the reporting currency,
 * or a plain number. Written in the reader's locale (next-intl) with the app's one money formatter.
 */
import { useFormatter, useLocale } from "next-intl";
import { formatMoney } from "@/lib/domain/money";

export type ValueFormat = { kind: "money"; currency: string } | { kind: "number"; maximumFractionDigits?: number };

/** Full figures for labels and tooltips, and short ones ("€12K") for axis ticks. */
export function useValueFormatter(valueFormat: ValueFormat): { full: (value: number) => string; short: (value: number) => string } {
  const format = useFormatter();
  const locale = useLocale();
  if (valueFormat.kind === "money") {
    return {
      full: (value) => formatMoney(value, valueFormat.currency, locale),
      short: (value) => formatMoney(value, valueFormat.currency, locale, { compact: true }),
    };
  }
  const digits = valueFormat.maximumFractionDigits ?? 0;
  return {
    full: (value) => format.number(value, { maximumFractionDigits: digits }),
    short: (value) => format.number(value, { notation: "compact", maximumFractionDigits: Math.min(digits, 1) }),
  };
}

/** A chart label's value as a number (recharts hands labels over as text or number). */
export function labelNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}
