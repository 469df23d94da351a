/**
 * The mapping step's preview: the first rows of a file as they will be stored (parsed values, or the reason a
 * row would be rejected), read with the same schemas the import uses. Checks that need the database (unknown
 * customers, duplicates across the file) happen during the import itself.
 */
import { CustomerImportRowSchema, lineFileKeySchema, orderImportRowSchema, orderLineImportSchema, type OrderRowContext } from "@/lib/schemas/import-rows";
import type { Separator } from "./csv-format";
import { firstIssue, rawRowOf } from "./import-context";
import { fieldsFor, hasLineColumns, type ColumnMapping, type MappingTarget } from "./import-fields";
import { detectDecimalSeparator } from "./parse-values";
import { readCsvSample, type CsvSample } from "./read-csv";
import type { RejectReason } from "./reject-reason";

export type PreviewValue = string | number | boolean | string[] | null;
export type PreviewRow = {
  line: number;
  /** Field → the value that will be stored (dates as ISO text, money in minor units). */
  values: Record<string, PreviewValue>;
  /** The first problem, by file column; null when the row would be accepted as far as the file alone can tell. */
  problem: { column: string | null; reason: RejectReason } | null;
  /** A later row of the order above (order lines in the same file). */
  isContinuation?: boolean;
};
export type FilePreview = {
  target: MappingTarget;
  header: string[];
  /** The mapping the preview was read with (field → file column). */
  mapping: ColumnMapping;
  separator: Separator;
  encoding: CsvSample["encoding"];
  rows: PreviewRow[];
  decimalSeparator: "." | "," | undefined;
};

const ORDER_VALUE_FIELDS = ["customerExternalId", "placedAt", "status", "currency", "total", "refunded", "salesChannel"];
const LINE_FIELDS: Record<string, string> = { lineSku: "sku", lineName: "name", lineQuantity: "quantity", lineUnitPrice: "unitPrice" };

function toPreviewValue(value: unknown): PreviewValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as PreviewValue;
}

function columnsFor(header: string[], mapping: ColumnMapping): Map<string, number> {
  const columns = new Map<string, number>();
  for (const [field, column] of Object.entries(mapping)) {
    const index = column ? header.indexOf(column) : -1;
    if (index >= 0) columns.set(field, index);
  }
  return columns;
}

/** Decimal mark: the one chosen, else what the sample's amounts show. */
function decimalFor(sample: CsvSample, mapping: ColumnMapping, chosen: "auto" | "." | ","): "." | "," | undefined {
  if (chosen !== "auto") return chosen;
  const indexes = ["total", "refunded", "lineUnitPrice", "unitPrice"].map((field) => sample.header.indexOf(mapping[field] ?? "\u0000")).filter((index) => index >= 0);
  return detectDecimalSeparator(sample.rows.flatMap((row) => indexes.map((index) => row.fields[index] ?? "")));
}

export async function previewFile(
  path: string,
  target: MappingTarget,
  mapping: ColumnMapping,
  options: { separator?: Separator; decimalSeparator: "auto" | "." | ","; defaultSource: string; currency: string; now: Date; rows?: number },
): Promise<FilePreview> {
  const sample = await readCsvSample(path, { separator: options.separator, rows: options.rows ?? 10 });
  const decimalSeparator = decimalFor(sample, mapping, options.decimalSeparator);
  const preview: FilePreview = { target, header: sample.header, mapping, separator: sample.separator, encoding: sample.encoding, rows: [], decimalSeparator };
  if (!sample.encoding.ok) return preview;
  const context: OrderRowContext = { currency: options.currency, decimalSeparator, defaultSource: options.defaultSource, now: options.now };
  const columns = columnsFor(sample.header, mapping);
  const mappedFields = fieldsFor(target).map((spec) => spec.key).filter((key) => columns.has(key));
  const sameFileLines = target === "ORDERS" && hasLineColumns(mapping);
  let previousKey: string | null = null;

  for (const problem of sample.problems) preview.rows.push({ line: problem.line, values: {}, problem: { column: null, reason: problem.reason } });
  for (const { line, fields } of sample.rows) {
    const raw = rawRowOf(fields, columns);
    const values: Record<string, PreviewValue> = Object.fromEntries(mappedFields.map((field) => [field, raw[field]?.trim() ? raw[field]!.trim() : null]));
    let problem: PreviewRow["problem"] = null;
    let isContinuation = false;
    if (target === "CUSTOMERS") {
      const parsed = CustomerImportRowSchema.safeParse(raw);
      if (parsed.success) for (const field of mappedFields) values[field] = toPreviewValue(parsed.data[field as keyof typeof parsed.data]);
      else problem = firstIssue(parsed.error, mapping);
    } else if (target === "LINES") {
      const key = lineFileKeySchema(context).safeParse(raw);
      const parsed = orderLineImportSchema(context, context.currency).safeParse(raw);
      if (!key.success) problem = firstIssue(key.error, mapping);
      else if (!parsed.success) problem = firstIssue(parsed.error, mapping);
      else {
        Object.assign(values, { orderExternalId: key.data.orderExternalId, ...(columns.has("source") ? { source: key.data.source } : {}), sku: parsed.data.sku, name: parsed.data.name, quantity: parsed.data.quantity, unitPrice: parsed.data.unitPriceMinor });
      }
    } else {
      const key = `${raw.source?.trim() || options.defaultSource}\u0000${raw.externalId?.trim() ?? ""}`;
      isContinuation = sameFileLines && key === previousKey && ORDER_VALUE_FIELDS.every((field) => !raw[field]?.trim());
      previousKey = key;
      const order = isContinuation ? null : orderImportRowSchema(context).safeParse(raw);
      if (order && !order.success) problem = firstIssue(order.error, mapping);
      else if (order?.success) {
        const data = order.data;
        Object.assign(values, { externalId: data.externalId, customerExternalId: data.customerExternalId, placedAt: data.placedAt.toISOString(), status: data.status, currency: data.currency, total: data.totalMinor, refunded: data.refundedMinor, salesChannel: data.salesChannel });
        if (columns.has("source")) values.source = data.source;
        for (const field of ["status", "currency", "refunded", "salesChannel"]) if (!columns.has(field)) delete values[field];
      }
      const lineRaw = Object.fromEntries(Object.entries(LINE_FIELDS).map(([field, lineField]) => [lineField, raw[field]]));
      if (!problem && sameFileLines && Object.values(lineRaw).some((value) => value?.trim())) {
        const parsed = orderLineImportSchema(context, order?.success ? order.data.currency : context.currency).safeParse(lineRaw);
        if (!parsed.success) {
          const issue = firstIssue(parsed.error, {});
          const field = Object.entries(LINE_FIELDS).find(([, lineField]) => lineField === issue.column)?.[0];
          problem = { column: field ? (mapping[field] ?? field) : issue.column, reason: issue.reason };
        } else Object.assign(values, { lineSku: parsed.data.sku, lineName: parsed.data.name, lineQuantity: parsed.data.quantity, lineUnitPrice: parsed.data.unitPriceMinor });
      }
    }
    preview.rows.push({ line, values, problem, ...(isContinuation ? { isContinuation } : {}) });
  }
  preview.rows.sort((a, b) => a.line - b.line);
  return preview;
}
