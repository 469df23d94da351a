/**
 * Turning the rows of an orders file into orders. Without line columns each row is one order. With line
 * columns each row is one order line, and the rows of one order follow each other, repeating the order's
 * columns (or leaving them empty after the first row, as many shops export). An order is accepted whole or
 * rejected whole: one bad row rejects every row of its order, so no order is stored with some of its lines.
 */
import type { z } from "zod";
import { orderImportRowSchema, orderLineImportSchema, type OrderImportRow, type OrderLineImportRow, type OrderRowContext, type RawRow } from "@/lib/schemas/import-rows";
import { firstIssue, rawRowOf } from "./import-context";
import type { ColumnMapping } from "./import-fields";
import type { RejectReason } from "./reject-reason";

export type FileRow = { line: number; fields: string[] };

export type OrderGroup = {
  /** The line of the order's first row: the order's identity within this import. */
  line: number;
  order: OrderImportRow;
  lines: { line: number; value: OrderLineImportRow }[];
  rows: FileRow[];
};

export type RowRejection = { line: number; column: string | null; reason: RejectReason; row: FileRow };

const ORDER_VALUE_FIELDS = ["customerExternalId", "placedAt", "status", "currency", "total", "refunded", "salesChannel"] as const;
const LINE_FIELDS = { lineSku: "sku", lineName: "name", lineQuantity: "quantity", lineUnitPrice: "unitPrice" } as const;

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === "";
}

function sameOrder(a: OrderImportRow, b: OrderImportRow): boolean {
  return (
    a.customerExternalId === b.customerExternalId &&
    a.placedAt.getTime() === b.placedAt.getTime() &&
    a.status === b.status &&
    a.currency === b.currency &&
    a.totalMinor === b.totalMinor &&
    a.refundedMinor === b.refundedMinor &&
    a.salesChannel === b.salesChannel
  );
}

type OpenGroup = { key: string; line: number; order: OrderImportRow | null; lines: OrderGroup["lines"]; rows: FileRow[]; problem: { line: number; column: string | null; reason: RejectReason } | null };

/**
 * Collects rows into orders. `add` a row at a time, in file order; completed orders come out of `add` (and of
 * `finish` for the last one) as either an accepted group or the rejections of all its rows.
 */
export class OrderRowGrouper {
  private readonly orderSchema: ReturnType<typeof orderImportRowSchema>;
  private readonly lineSchemas = new Map<string, ReturnType<typeof orderLineImportSchema>>();
  private open: OpenGroup | null = null;

  constructor(
    private readonly context: OrderRowContext,
    private readonly columns: Map<string, number>,
    private readonly mapping: ColumnMapping,
    private readonly hasLines: boolean,
  ) {
    this.orderSchema = orderImportRowSchema(context);
  }

  add(row: FileRow, output: { groups: OrderGroup[]; rejections: RowRejection[] }): void {
    const raw = rawRowOf(row.fields, this.columns);
    if (!this.hasLines) {
      const parsed = this.orderSchema.safeParse(raw);
      if (parsed.success) output.groups.push({ line: row.line, order: parsed.data, lines: [], rows: [row] });
      else output.rejections.push({ line: row.line, ...firstIssue(parsed.error, this.mapping), row });
      return;
    }
    const source = isBlank(raw.source) ? this.context.defaultSource : raw.source!.trim();
    const key = isBlank(raw.externalId) ? null : `${source}\u0000${raw.externalId!.trim()}`;
    if (key === null || key !== this.open?.key) this.close(output);
    if (key === null) {
      output.rejections.push({ line: row.line, column: this.mapping.externalId ?? null, reason: { key: "imports.reasons.orderIdRequired" }, row });
      return;
    }
    if (!this.open) {
      const parsed = this.orderSchema.safeParse(raw);
      this.open = { key, line: row.line, order: parsed.success ? parsed.data : null, lines: [], rows: [], problem: parsed.success ? null : { line: row.line, ...firstIssue(parsed.error, this.mapping) } };
    } else if (!ORDER_VALUE_FIELDS.every((field) => isBlank(raw[field]))) {
      // A later row of the same order that repeats the order's columns must repeat them exactly.
      const parsed = this.orderSchema.safeParse(raw);
      if (!parsed.success) this.open.problem ??= { line: row.line, ...firstIssue(parsed.error, this.mapping) };
      else if (this.open.order && !sameOrder(this.open.order, parsed.data)) {
        this.open.problem ??= { line: row.line, column: null, reason: { key: "imports.reasons.orderColumnsDiffer", values: { line: this.open.line } } };
      }
    }
    this.open.rows.push(row);
    this.addLine(raw, row);
  }

  finish(output: { groups: OrderGroup[]; rejections: RowRejection[] }): void {
    this.close(output);
  }

  private addLine(raw: RawRow, row: FileRow): void {
    const open = this.open!;
    const lineRaw: RawRow = {};
    let isEmpty = true;
    for (const [field, lineField] of Object.entries(LINE_FIELDS)) {
      lineRaw[lineField] = raw[field];
      if (!isBlank(raw[field])) isEmpty = false;
    }
    // A row with the order's columns but no line: an order without lines (or a header row per order).
    if (isEmpty) return;
    const currency = open.order?.currency ?? this.context.currency;
    let schema = this.lineSchemas.get(currency);
    if (!schema) {
      schema = orderLineImportSchema(this.context, currency);
      this.lineSchemas.set(currency, schema);
    }
    const parsed = schema.safeParse(lineRaw);
    if (parsed.success) open.lines.push({ line: row.line, value: parsed.data });
    else open.problem ??= { line: row.line, ...lineIssue(parsed.error, this.mapping) };
  }

  private close(output: { groups: OrderGroup[]; rejections: RowRejection[] }): void {
    const open = this.open;
    this.open = null;
    if (!open) return;
    if (!open.problem && open.order) {
      output.groups.push({ line: open.line, order: open.order, lines: open.lines, rows: open.rows });
      return;
    }
    const problem = open.problem!;
    for (const row of open.rows) {
      if (row.line === problem.line) output.rejections.push({ line: row.line, column: problem.column, reason: problem.reason, row });
      else output.rejections.push({ line: row.line, column: null, reason: { key: "imports.reasons.orderRejected", values: { line: problem.line } }, row });
    }
  }
}

/** A line field's problem named by the orders file's column ("lineSku" → its header). */
function lineIssue(error: z.ZodError, mapping: ColumnMapping) {
  const issue = firstIssue(error, {});
  const field = Object.entries(LINE_FIELDS).find(([, lineField]) => lineField === issue.column)?.[0];
  return { column: field ? (mapping[field] ?? field) : issue.column, reason: issue.reason };
}
