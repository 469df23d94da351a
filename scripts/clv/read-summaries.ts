/**
 * Summary CSVs for fit, predict and spend. Purchase models read frequency,recency,T (or x,t_x,T); the spend
 * model reads frequency,monetary_value (or x,zbar). Every row is checked with the engine's own validation, and
 * a bad value is reported at its line and column.
 */
import { ClvInputError, type CustomerSummary, validateSummary } from "@/lib/domain/clv/customer-summary";
import { locatedError } from "./cli-error";
import { type Cell, numberAt, readCsv, requireColumn } from "./read-csv";

type Located = { rows: CustomerSummary[] };

function withLocations(file: string, cellsOf: (row: number) => Partial<Record<string, Cell>>, rows: CustomerSummary[], spendOnly: boolean): Located {
  rows.forEach((row, index) => {
    try {
      if (spendOnly) {
        if (!Number.isInteger(row.frequency) || row.frequency < 0) {
          throw new ClvInputError(index, "frequency", `frequency must be a whole number ≥ 0, got ${row.frequency}`);
        }
        if (!(row.monetaryValue! >= 0)) throw new ClvInputError(index, "monetaryValue", `monetary value must be a number ≥ 0, got ${row.monetaryValue}`);
      } else {
        validateSummary(row, index);
      }
    } catch (error) {
      if (!(error instanceof ClvInputError)) throw error;
      const cell = cellsOf(error.index)[error.field] ?? cellsOf(error.index).frequency!;
      throw locatedError(file, cell.line, cell.column, error.message);
    }
  });
  return { rows };
}

export function readPurchaseSummaries(file: string): CustomerSummary[] {
  const table = readCsv(file);
  const x = requireColumn(table, ["frequency", "x"], "repeat purchases");
  const tx = requireColumn(table, ["recency", "t_x"], "time from first to last purchase");
  const T = requireColumn(table, ["T"], "time since the first purchase");
  const rows = table.rows.map((row) => ({
    frequency: numberAt(file, row[x]!, "frequency"),
    recency: numberAt(file, row[tx]!, "recency"),
    T: numberAt(file, row[T]!, "T"),
  }));
  return withLocations(file, (i) => ({ frequency: table.rows[i]![x], recency: table.rows[i]![tx], T: table.rows[i]![T] }), rows, false).rows;
}

export function readSpendSummaries(file: string): CustomerSummary[] {
  const table = readCsv(file);
  const x = requireColumn(table, ["frequency", "x"], "repeat purchases");
  const m = requireColumn(table, ["monetary_value", "zbar"], "mean repeat purchase value");
  const rows = table.rows.map((row) => ({
    frequency: numberAt(file, row[x]!, "frequency"),
    recency: 0,
    T: 0,
    monetaryValue: numberAt(file, row[m]!, "monetary_value"),
  }));
  return withLocations(file, (i) => ({ frequency: table.rows[i]![x], monetaryValue: table.rows[i]![m] }), rows, true).rows;
}

/** A message for an input file whose header row has no data under it. */
export function assertHasRows(file: string, rows: readonly unknown[]) {
  if (rows.length === 0) throw locatedError(file, 2, 1, "the file has a header but no rows");
}
