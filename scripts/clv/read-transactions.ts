/**
 * Transaction files for summarize and backtest:
 * - csv: a header with customer_id (or id), date (or datetime, timestamp) and optionally amount (or value,
 *   dollar_value); dates as YYYY-MM-DD, YYYYMMDD or ISO 8601 (no zone means UTC);
 * - cdnow-master: `customer_id date number_of_cds dollar_value`, whitespace-separated, header optional;
 * - cdnow-sample: `master_id sample_id date number_of_cds dollar_value`, no header; the sample id is the customer.
 * (CDNOW: Fader & Hardie's data set, see ../shared/datasets/README.md.)
 */
import type { Purchase } from "@/lib/domain/clv/summarize-transactions";
import { CliError, locatedError } from "./cli-error";
import { type Cell, findColumn, readCsv, readText, requireColumn } from "./read-csv";
import { parseDay } from "./parse-args";

export const TRANSACTION_FORMATS = ["csv", "cdnow-master", "cdnow-sample"] as const;
export type TransactionFormat = (typeof TRANSACTION_FORMATS)[number];

export function readTransactions(file: string, format: TransactionFormat): Purchase[] {
  const purchases = format === "csv" ? readCsvTransactions(file) : readCdnow(file, format);
  if (purchases.length === 0) throw new CliError(`${file}: the file has no transactions`);
  return purchases;
}

function readCsvTransactions(file: string): Purchase[] {
  const table = readCsv(file);
  const id = requireColumn(table, ["customer_id", "id", "customer"], "who bought");
  const date = requireColumn(table, ["date", "datetime", "timestamp", "placed_at"], "when");
  const amount = findColumn(table, ["amount", "value", "dollar_value", "total"]);
  return table.rows.map((row) => ({
    customerId: row[id]!.text,
    at: dateAt(file, row[date]!),
    amount: amount === -1 ? 0 : amountAt(file, row[amount]!),
  }));
}

function readCdnow(file: string, format: "cdnow-master" | "cdnow-sample"): Purchase[] {
  const fields = format === "cdnow-master" ? 4 : 5;
  const idField = format === "cdnow-master" ? 0 : 1;
  const purchases: Purchase[] = [];
  readText(file)
    .split(/\r?\n/)
    .forEach((text, index) => {
      if (text.trim() === "") return;
      const cells: Cell[] = [];
      for (const match of text.matchAll(/\S+/g)) cells.push({ text: match[0], line: index + 1, column: match.index + 1 });
      if (index === 0 && format === "cdnow-master" && !/^\d+$/.test(cells[0]?.text ?? "")) return; // the header
      if (cells.length !== fields) {
        throw locatedError(file, index + 1, 1, `expected ${fields} whitespace-separated fields (${format}), found ${cells.length}`);
      }
      const dateCell = cells[idField + 1]!;
      purchases.push({ customerId: cells[idField]!.text, at: dateAt(file, dateCell), amount: amountAt(file, cells[fields - 1]!) });
    });
  return purchases;
}

function dateAt(file: string, cell: Cell): Date {
  const text = cell.text;
  const day = parseDay(text);
  if (day) return day;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (match && parseDay(match[1]!)) {
    const date = new Date(`${match[1]}T${match[2]}${match[3] ?? "Z"}`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw locatedError(file, cell.line, cell.column, `not a date: '${text}' (expected YYYY-MM-DD, YYYYMMDD or ISO 8601)`);
}

function amountAt(file: string, cell: Cell): number {
  const value = Number(cell.text);
  if (cell.text === "" || !Number.isFinite(value)) throw locatedError(file, cell.line, cell.column, `amount must be a number, got '${cell.text}'`);
  if (value < 0) throw locatedError(file, cell.line, cell.column, `amount must not be negative (refunds are not purchases), got '${cell.text}'`);
  return value;
}
