/**
 * Reading the values people put in CSV files: dates in ISO form or as DD.MM.YYYY, yes/no in three languages,
 * whole numbers, amounts in minor units, and which decimal mark a file's amounts use. Pure functions.
 */
import { currencyDigits, parseAmountWithDigits as parseAnyAmount } from "@/lib/domain/money";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// 2026-03-01T10:15, 2026-03-01 10:15:00.123, with an optional Z or ±hh:mm / ±hhmm offset.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// 01.03.2026, 1.3.2026, optionally followed by 10:15 or 10:15:00.
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): Date | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(time);
  // 31.02. rolls over to March in Date.UTC; a real calendar date keeps its day.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return date;
}

/**
 * A date or date-time from a file: `2026-03-01`, `2026-03-01T10:15:00Z` (any ISO offset) or `01.03.2026`
 * (optionally with a time). Times without a zone are read as UTC, and dates alone as midnight UTC, so a file
 * means the same thing on every server. Returns null for anything else, including days that do not exist.
 */
export function parseImportDate(text: string): Date | null {
  const value = text.trim();
  let match = ISO_DATE.exec(value);
  if (match) return utc(Number(match[1]), Number(match[2]), Number(match[3]));
  match = ISO_DATE_TIME.exec(value);
  if (match) {
    const [, year, month, day, hour, minute, second = "0", fraction = "", zone] = match;
    const local = utc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, "0").slice(0, 3)));
    if (!local) return null;
    if (!zone || zone.toUpperCase() === "Z") return local;
    const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!offset || Number(offset[2]) > 14 || Number(offset[3]) > 59) return null;
    const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === "-" ? -1 : 1);
    return new Date(local.getTime() - minutes * 60_000);
  }
  match = DOTTED_DATE.exec(value);
  if (match) {
    const [, day, month, year, hour = "0", minute = "0", second = "0"] = match;
    return utc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second));
  }
  return null;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "x", "ja", "j", "tak", "t", "on", "wahr"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "nein", "nie", "off", "falsch", ""]);

/** Yes/no as spreadsheets write it, in English, German and Polish. An empty cell is "no"; null when unclear. */
export function parseImportBoolean(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (TRUE_WORDS.has(value)) return true;
  if (FALSE_WORDS.has(value)) return false;
  return null;
}

/** A whole number written plainly ("3", "+3", "3.0" is refused: a quantity is counted, not measured). */
export function parseImportInteger(text: string): number | null {
  const value = text.trim();
  if (!/^[+-]?\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * Which decimal mark a file's amounts use, judged from a sample: "12,50" votes for a comma, "12.50" for a point
 * (exactly one or two digits after the mark, so "1.234" counts for neither). Undefined when the sample does not
 * say; each amount is then read on its own and ambiguous ones are rejected rather than guessed.
 */
export function detectDecimalSeparator(values: Iterable<string>): "." | "," | undefined {
  let commas = 0;
  let points = 0;
  for (const raw of values) {
    const value = raw.trim();
    if (/\d,\d{1,2}$/.test(value) || /\d\.\d{3},\d*$/.test(value)) commas++;
    else if (/\d\.\d{1,2}$/.test(value) || /\d,\d{3}\.\d*$/.test(value)) points++;
  }
  if (commas === 0 && points === 0) return undefined;
  return commas >= points ? "," : ".";
}

const digitsByCurrency = new Map<string, number>();

/** currencyDigits, remembered: it builds an Intl.NumberFormat, which costs more than parsing the amount. */
export function cachedCurrencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = currencyDigits(currency);
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/**
 * parseAmountToMinor (lib/domain/money.ts) for the import's hot loop (a million amounts): plain amounts are read
 * here without the general parser's allocations, everything else goes to it. Held to the same answers by
 * parse-values.test.ts.
 */
export function parseAmountWithDigits(text: string, digits: number, decimalSeparator?: "." | ","): number | null {
  // The common case ("1234", "12,50", "12.5") without the general parser's allocations; anything else falls through.
  const simple = SIMPLE_AMOUNT.exec(text);
  if (simple) {
    const [, integer = "", mark, fraction = ""] = simple;
    if (!mark) return safeMinor(Number(integer) * 10 ** digits);
    const isDecimal = decimalSeparator ? mark === decimalSeparator : fraction.length !== 3;
    if (isDecimal && fraction.length <= digits) return safeMinor(Number(integer) * 10 ** digits + Number(fraction.padEnd(digits, "0")));
  }
  return parseAnyAmount(text, digits, decimalSeparator);
}

const SIMPLE_AMOUNT = /^(\d{1,15})(?:([.,])(\d{1,3}))?$/;

function safeMinor(minor: number): number | null {
  return Number.isSafeInteger(minor) ? minor : null;
}

