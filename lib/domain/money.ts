/**
 * Money is an integer number of minor units (cents) everywhere; this is the one place that rounds and the one
 * place that turns minor units into text.
 */

// Building an Intl.NumberFormat costs far more than using one; lists, exports and emails format thousands.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${compact}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, ...(compact ? { notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 } : {}) });
    formatters.set(key, format);
  }
  return format;
}

/** Minor-unit digits of a currency as Intl knows them (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return formatter("en", currency, false).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Rounds half away from zero to a whole number of minor units. */
export function roundMinor(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot round a non-finite amount: ${value}`);
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** The average of a total over a count, in whole minor units; null when there is nothing to average. */
export function averageMinor(totalMinor: number, count: number): number | null {
  return count > 0 ? roundMinor(totalMinor / count) : null;
}

export function formatMoney(minor: number, currency: string, locale: string, options: { compact?: boolean } = {}): string {
  const digits = currencyDigits(currency);
  return formatter(locale, currency, options.compact ?? false).format(minor / 10 ** digits);
}

/**
 * Parses an amount typed by a person or found in a file into minor units: "1234.5", "1.234,50", "1 234,50",
 * "-12". With a known decimal separator (a file's setting), the other mark groups thousands. Without one, a
 * lone "." or "," followed by exactly three digits ("1.234") could mean either, so it is refused rather than
 * guessed. Returns null for anything that is not an amount with at most the currency's digits.
 */
export function parseAmountToMinor(text: string, currency: string, decimalSeparator?: "." | ","): number | null {
  return parseAmountWithDigits(text, currencyDigits(currency), decimalSeparator);
}

/** parseAmountToMinor for a currency whose number of minor digits is already known (a file's rows share it). */
export function parseAmountWithDigits(text: string, digits: number, decimalSeparator?: "." | ","): number | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  const match = /^([+-]?)([\d.,]+)$/.exec(compact);
  if (!match) return null;
  const [, sign, body = ""] = match;
  const separator = decimalSeparator ?? guessDecimalSeparator(body);
  if (separator === undefined) return null;
  const group = separator === "." ? "," : ".";
  const [integerWithGroups = "", fraction = "", ...rest] = body.split(separator ?? "\u0000");
  if (rest.length > 0) return null;
  if (integerWithGroups.includes(group) && !/^\d{1,3}(?:[.,]\d{3})+$/.test(integerWithGroups)) return null;
  const integerPart = integerWithGroups.replaceAll(group, "");
  if (!/^\d+$/.test(integerPart) || !/^\d*$/.test(fraction) || fraction.length > digits) return null;
  if (body.endsWith(separator ?? "\u0000") && fraction === "") return null;
  const minor = Number(integerPart) * 10 ** digits + Number(fraction.padEnd(digits, "0") || 0);
  if (!Number.isSafeInteger(minor)) return null;
  return sign === "-" ? -minor : minor;
}

/** "." or "," when the text says which is decimal, null when it has neither, undefined when it is ambiguous. */
function guessDecimalSeparator(body: string): "." | "," | null | undefined {
  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  if (lastDot === -1 && lastComma === -1) return null;
  if (lastDot !== -1 && lastComma !== -1) return lastDot > lastComma ? "." : ",";
  const mark = lastDot !== -1 ? "." : ",";
  const occurrences = body.split(mark).length - 1;
  if (occurrences > 1) return mark === "." ? "," : ".";
  const after = body.length - body.indexOf(mark) - 1;
  return after === 3 ? undefined : mark;
}
