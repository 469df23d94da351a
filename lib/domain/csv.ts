/**
 * Writing CSV for people who open it in a spreadsheet: RFC 4180 quoting, and cells that a spreadsheet would run
 * as a formula (=, +, -, @, tab, carriage return at the start) are prefixed with an apostrophe (OWASP's advice
 * against CSV injection). Numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined | Date): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined | Date)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
