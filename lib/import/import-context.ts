/**
 * What every stage of an import needs: its connection, counters, files, mapping and options, resolved once;
 * and the small steps shared by the customers and orders imports (columns by header, a row's raw values, the
 * first problem zod found in a row).
 */
import type pg from "pg";
import type { z } from "zod";
import type { RawRow } from "@/lib/schemas/import-rows";
import type { Separator } from "./csv-format";
import type { ColumnMapping } from "./import-fields";
import type { ImportTally } from "./import-tally";
import { ImportFailure, messageKey, type RejectReason } from "./reject-reason";

export type ImportContext = {
  /** The import's own connections; orders are staged and written on several at once (by customer). */
  sessions: pg.Client[];
  tally: ImportTally;
  filePath: string;
  separator: Separator;
  linesFilePath: string | null;
  linesSeparator: Separator;
  mapping: ColumnMapping;
  linesMapping: ColumnMapping;
  /** The file's decimal mark, or undefined to read each amount on its own. */
  decimalSeparator: "." | "," | undefined;
  defaultSource: string;
  /** The reporting currency. */
  currency: string;
  now: Date;
  isDryRun: boolean;
  /** Rows per staging batch (COPY and checks). */
  batchSize: number;
  /** File rows per write transaction. */
  chunkSize: number;
  /** About how many rows the files have. */
  estimatedRows: number;
};

/** Field → column index in this file; a mapped column the file does not have stops the import. */
export function resolveColumns(header: readonly string[], mapping: ColumnMapping): Map<string, number> {
  const columns = new Map<string, number>();
  for (const [field, column] of Object.entries(mapping)) {
    if (!column) continue;
    const index = header.indexOf(column);
    if (index === -1) throw new ImportFailure({ key: "imports.errors.columnMissing", values: { column } });
    columns.set(field, index);
  }
  return columns;
}

export function rawRowOf(fields: readonly string[], columns: Map<string, number>): RawRow {
  const raw: RawRow = {};
  for (const [field, index] of columns) raw[field] = fields[index];
  return raw;
}

/** Extra non-empty fields beyond the header usually mean a separator inside an unquoted value. */
export function extraFieldsProblem(fields: readonly string[], headerLength: number): RejectReason | null {
  if (fields.length <= headerLength) return null;
  for (let index = headerLength; index < fields.length; index++) {
    if (fields[index]!.trim() !== "") return { key: "imports.reasons.tooManyFields", values: { found: fields.length, expected: headerLength } };
  }
  return null;
}

/** The first problem in a row, as the file's column name (through `mapping`) and a reason. */
export function firstIssue(error: z.ZodError, mapping: ColumnMapping): { column: string | null; reason: RejectReason } {
  const issue = error.issues[0];
  const field = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  const column = field === undefined ? null : (mapping[field] ?? field);
  return { column, reason: { key: messageKey(issue?.message ?? "invalid") } };
}
