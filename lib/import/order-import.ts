/**
 * Importing orders (and their lines) at a million rows a minute:
 * 1. Order lines from a separate lines file, if any, are checked and staged first, so an order whose line is
 *    bad can be rejected with it.
 * 2. The orders file streams through zod (lib/import/order-rows.ts); each batch of good orders is COPYed into
 *    a staging table and checked set-based while the next batch is parsed: the same order twice in the file, an
 *    unknown customer (neither an external id nor a merge alias; never guessed), an erased person, and whether
 *    the order is new, changed (values or lines) or already stored as it is.
 * 3. New and changed orders are written in chunks of customers, sorted by customer, so the statement-level
 *    triggers that keep each customer's order figures (docs/decisions/0004) recompute every customer once, not
 *    once per batch. An order and its lines are written in one statement; lines of changed orders are replaced.
 */
import type pg from "pg";
import { SQL_EXTERNAL_ID_HASH } from "@/lib/db/customer-identity";
import { lineFileKeySchema, orderLineImportSchema, type OrderRowContext } from "@/lib/schemas/import-rows";
import { copyRows, type CopyValue } from "./copy-rows";
import { recordText } from "./csv-format";
import { extraFieldsProblem, firstIssue, rawRowOf, resolveColumns, type ImportContext } from "./import-context";
import { hasLineColumns } from "./import-fields";
import { OneDeepPipeline } from "./import-session";
import { OrderRouter } from "./order-router";
import { OrderRowGrouper, type OrderGroup, type RowRejection } from "./order-rows";
import { readCsv } from "./read-csv";
import { rejectOrphanLines, writeOrders } from "./order-write";
import { LINES_FILE_PREFIX, type RejectReason } from "./reject-reason";

const ORDER_STAGE_COLUMNS = ["line", "row_count", "row_lines", "source", "external_id", "customer_ext", "placed_at", "status", "currency", "total", "refunded", "sales_channel"];
const LINE_STAGE_COLUMNS = ["order_line", "line", "sku", "name", "quantity", "unit_price"];
const LINES_FILE_COLUMNS = ["source", "order_ext", "line", "sku", "name", "quantity", "unit_price"];

// Staging keys compare bytewise ("C"): cheap, and the same text is the same key. Comparisons with the real
// tables name the database's collation explicitly so their indexes are used.
const SETUP = `
  CREATE TEMP TABLE imp_obatch (line int, row_count int, row_lines int[], source text COLLATE "C", external_id text COLLATE "C", customer_ext text,
    placed_at timestamptz, status "OrderStatus", currency text, total int, refunded int, sales_channel text);
  CREATE TEMP TABLE imp_lbatch (order_line int, line int, sku text, name text, quantity int, unit_price int);
  CREATE TEMP TABLE imp_orders (line int, row_count int, row_lines int[], source text COLLATE "C", external_id text COLLATE "C", customer_id uuid,
    existing_id uuid, kind smallint, placed_at timestamptz, status "OrderStatus", currency text, total int, refunded int, sales_channel text);
  CREATE INDEX imp_orders_key ON imp_orders (source, external_id);
  CREATE TEMP TABLE imp_lines (source text COLLATE "C", order_ext text COLLATE "C", line int, sku text, name text, quantity int, unit_price int);
  CREATE TEMP TABLE imp_bad_line_orders (source text COLLATE "C", order_ext text COLLATE "C", line int);`;

/** The stored lines of an order, or the staged ones, as one comparable text (null without lines). */
const linesSignature = (table: string, where: string, columns: { sku: string; name: string; quantity: string; price: string }) => `
  (SELECT string_agg(concat_ws(chr(31), ${columns.sku}, ${columns.name}, ${columns.quantity}, ${columns.price}), chr(30)
     ORDER BY ${columns.sku} COLLATE "C", ${columns.name} COLLATE "C", ${columns.quantity}, ${columns.price})
   FROM ${table} WHERE ${where})`;


/** A batch of orders for one connection, in file order; `lineByKey` finds the same order twice within the batch. */
type Batch = { groups: OrderGroup[]; lineByKey: Map<string, number> };
const emptyBatch = (): Batch => ({ groups: [], lineByKey: new Map() });

/** The group that starts on `line` (groups are in file order). */
function groupAt(groups: readonly OrderGroup[], line: number): OrderGroup | undefined {
  let low = 0;
  let high = groups.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const candidate = groups[middle]!;
    if (candidate.line === line) return candidate;
    if (candidate.line < line) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
type Partition = { client: pg.Client; pipeline: OneDeepPipeline; batch: Batch };

export async function importOrders(context: ImportContext): Promise<void> {
  const { tally } = context;
  const rowContext: OrderRowContext = { currency: context.currency, decimalSeparator: context.decimalSeparator, defaultSource: context.defaultSource, now: context.now };
  const hasLinesFile = context.linesFilePath !== null;
  // Lines from a second file are staged before the orders, in one place: they cannot be routed by customer.
  const partitions: Partition[] = (hasLinesFile ? context.sessions.slice(0, 1) : context.sessions).map((client) => ({ client, pipeline: new OneDeepPipeline(), batch: emptyBatch() }));
  for (const partition of partitions) await partition.client.query(SETUP);
  if (hasLinesFile) await stageLinesFile(context, partitions[0]!.client, rowContext);
  const hasSameFileLines = !hasLinesFile && hasLineColumns(context.mapping);
  const hasLines = hasLinesFile || hasSameFileLines;
  for (const partition of partitions) await partition.client.query(`CREATE INDEX imp_lines_key ON imp_lines (source, order_ext)`);

  const mapping = hasLinesFile ? Object.fromEntries(Object.entries(context.mapping).filter(([field]) => !field.startsWith("line"))) : context.mapping;
  const batchSize = Math.ceil(context.batchSize / partitions.length);
  const router = new OrderRouter(partitions.length, context.estimatedRows);
  let grouper: OrderRowGrouper | null = null;
  let headerLength = 0;
  const output: { groups: OrderGroup[]; rejections: RowRejection[] } = { groups: [], rejections: [] };
  const flushBatch = async (partition: Partition) => {
    const staged = partition.batch;
    partition.batch = emptyBatch();
    if (staged.groups.length === 0) return;
    await partition.pipeline.push(() => stageOrders(context, partition.client, staged, { hasLinesFile, hasSameFileLines }));
  };
  const drainOutput = async () => {
    for (const rejection of output.rejections) tally.reject(rejection.line, rejection.column, rejection.reason, recordText(rejection.row.fields, context.separator));
    const groups = output.groups;
    output.groups = [];
    output.rejections = [];
    for (const group of groups) {
      const key = `${group.order.source}\u0000${group.order.externalId}`;
      const partition = partitions[router.route(key, group.order.customerExternalId)]!;
      // The same order twice in one batch (earlier batches are checked in the database).
      const earlier = partition.batch.lineByKey.get(key);
      if (earlier !== undefined) {
        for (const row of group.rows) {
          const reason = row.line === group.line ? { key: "imports.reasons.duplicateInFile", values: { line: earlier } } : { key: "imports.reasons.orderRejected", values: { line: group.line } };
          tally.reject(row.line, row.line === group.line ? (context.mapping.externalId ?? null) : null, reason, recordText(row.fields, context.separator));
        }
        continue;
      }
      partition.batch.lineByKey.set(key, group.line);
      partition.batch.groups.push(group);
      if (partition.batch.groups.length >= batchSize) await flushBatch(partition);
    }
  };

  for await (const items of readCsv(context.filePath, context.separator)) {
    for (const item of items) {
      if (item.kind === "header") {
        grouper = new OrderRowGrouper(rowContext, resolveColumns(item.fields, mapping), mapping, hasSameFileLines);
        headerLength = item.fields.length;
        continue;
      }
      tally.read();
      if (item.kind === "problem") {
        tally.reject(item.line, null, item.reason, null);
        continue;
      }
      const extra = extraFieldsProblem(item.fields, headerLength);
      if (extra) output.rejections.push({ line: item.line, column: null, reason: extra, row: item });
      else grouper!.add(item, output);
      if (output.groups.length > 0 || output.rejections.length > 0) await drainOutput();
    }
    await tally.flush();
  }
  grouper?.finish(output);
  await drainOutput();
  for (const partition of partitions) await flushBatch(partition);
  await Promise.all(partitions.map((partition) => partition.pipeline.drain()));
  if (hasLinesFile) await rejectOrphanLines(context, partitions[0]!.client);
  await tally.flush(true);
  // Before anything is written: a dry run reports these too.
  if (hasLinesFile) await tally.fillRejectTexts("lines", context.linesFilePath!, context.linesSeparator);

  tally.phase("stage");
  if (context.isDryRun) {
    for (const { client } of partitions) {
      const { rows } = await client.query<{ rows: number }>(`SELECT coalesce(sum(row_count), 0)::int AS rows FROM imp_orders WHERE kind < 2`);
      tally.accepted(rows[0]!.rows);
    }
  } else {
    // Each connection writes its own customers' orders; customers never meet across connections.
    await Promise.all(partitions.map((partition) => writeOrders(context, partition.client, { hasLines, hasLinesFile })));
    await tally.fillRejectTexts("main", context.filePath, context.separator);
    if (hasLinesFile) await tally.fillRejectTexts("lines", context.linesFilePath!, context.linesSeparator);
  }
  tally.phase("write");
  await tally.flush(true);
}

/** The separate lines file, checked row by row and staged whole; its bad rows mark their order as rejected. */
async function stageLinesFile(context: ImportContext, client: pg.Client, rowContext: OrderRowContext): Promise<void> {
  const { tally } = context;
  const keySchema = lineFileKeySchema(rowContext);
  const lineSchema = orderLineImportSchema(rowContext, rowContext.currency);
  let columns = new Map<string, number>();
  let headerLength = 0;
  let good: CopyValue[][] = [];
  let bad: CopyValue[][] = [];
  const column = (header: string | null) => `${LINES_FILE_PREFIX}${header ?? ""}`;
  const flush = async () => {
    await copyRows(client, "imp_lines", LINES_FILE_COLUMNS, good);
    await copyRows(client, "imp_bad_line_orders", ["source", "order_ext", "line"], bad);
    good = [];
    bad = [];
    await tally.flush();
  };
  for await (const items of readCsv(context.linesFilePath!, context.linesSeparator)) {
    for (const item of items) {
      if (item.kind === "header") {
        columns = resolveColumns(item.fields, context.linesMapping);
        headerLength = item.fields.length;
        continue;
      }
      tally.read();
      if (item.kind === "problem") {
        tally.reject(item.line, column(null), item.reason, null);
        continue;
      }
      const raw = rawRowOf(item.fields, columns);
      const key = keySchema.safeParse(raw);
      const extra = extraFieldsProblem(item.fields, headerLength);
      const line = extra || !key.success ? null : lineSchema.safeParse(raw);
      if (key.success && line?.success) {
        good.push([key.data.source, key.data.orderExternalId, item.line, line.data.sku, line.data.name, line.data.quantity, line.data.unitPriceMinor]);
      } else {
        const issue = extra ? { column: null, reason: extra } : !key.success ? firstIssue(key.error, context.linesMapping) : firstIssue(line!.error!, context.linesMapping);
        tally.reject(item.line, column(issue.column), issue.reason, recordText(item.fields, context.linesSeparator));
        if (key.success) bad.push([key.data.source, key.data.orderExternalId, item.line]);
      }
      if (good.length >= context.batchSize) await flush();
    }
  }
  await flush();
}

/** COPY a batch of orders into staging, check it set-based, keep the good ones with what writing them means. */
async function stageOrders(context: ImportContext, client: pg.Client, batch: Batch, layout: { hasLinesFile: boolean; hasSameFileLines: boolean }): Promise<void> {
  const { tally } = context;
  const orderRows: CopyValue[][] = [];
  const lineRows: CopyValue[][] = [];
  for (const group of batch.groups) {
    const order = group.order;
    // The file lines of an order spread over several rows, to report each of them if the database refuses it.
    const rowLines = group.rows.length > 1 ? group.rows.map((row) => String(row.line)) : null;
    orderRows.push([group.line, group.rows.length, rowLines, order.source, order.externalId, order.customerExternalId, order.placedAt, order.status, order.currency, order.totalMinor, order.refundedMinor, order.salesChannel]);
    for (const line of group.lines) lineRows.push([group.line, line.line, line.value.sku, line.value.name, line.value.quantity, line.value.unitPriceMinor]);
  }
  await copyRows(client, "imp_obatch", ORDER_STAGE_COLUMNS, orderRows);
  await copyRows(client, "imp_lbatch", LINE_STAGE_COLUMNS, lineRows);

  const hasLines = layout.hasLinesFile || layout.hasSameFileLines;
  const stagedLines = layout.hasLinesFile
    ? linesSignature("imp_lines l", "l.source = b.source AND l.order_ext = b.external_id", { sku: "l.sku", name: "l.name", quantity: "l.quantity", price: "l.unit_price" })
    : linesSignature("imp_lbatch l", "l.order_line = b.line", { sku: "l.sku", name: "l.name", quantity: "l.quantity", price: "l.unit_price" });
  const storedLines = linesSignature(`"OrderLine" ol`, `ol."orderId" = o.id`, { sku: "ol.sku", name: "ol.name", quantity: "ol.quantity", price: `ol."unitPriceMinor"` });
  // One round trip for the checks and emptying the batch tables (a multi-statement query answers with a list).
  const results = (await client.query(`
    WITH b AS MATERIALIZED (
      SELECT b.line, b.row_lines, b.source, b.external_id, b.customer_ext, b.placed_at, b.status, b.currency, b.total, b.refunded, b.sales_channel,
        ${layout.hasLinesFile ? `1 + (SELECT count(*) FROM imp_lines l WHERE l.source = b.source AND l.order_ext = b.external_id)::int` : "b.row_count"} AS row_count,
        coalesce(c.id, al.id) AS customer_id,
        coalesce(c."erasedAt", al."erasedAt") AS customer_erased_at,
        CASE WHEN c.id IS NULL AND al.id IS NULL
          THEN (SELECT e."erasedAt" FROM "ErasedExternalId" e WHERE e."externalIdHash" = ${SQL_EXTERNAL_ID_HASH("b.customer_ext")}) END AS tombstone_at,
        (SELECT s.line FROM imp_orders s WHERE s.source = b.source AND s.external_id = b.external_id LIMIT 1) AS earlier_line,
        ${layout.hasLinesFile ? `(SELECT min(x.line) FROM imp_bad_line_orders x WHERE x.source = b.source AND x.order_ext = b.external_id)` : "NULL::int"} AS bad_line,
        o.id AS existing_id,
        (o.id IS NOT NULL AND (o."customerId", o."placedAt", o.status, o.currency::text, o."totalMinor", o."refundedMinor", o."salesChannel")
          IS DISTINCT FROM (coalesce(c.id, al.id), b.placed_at, b.status, b.currency, b.total, b.refunded, b.sales_channel)) AS differs,
        ${hasLines ? `(o.id IS NOT NULL AND ${storedLines} IS DISTINCT FROM ${stagedLines})` : "false"} AS lines_differ
      FROM imp_obatch b
      -- Lookups by index, one per row (LIMIT keeps the planner from hashing whole tables for every batch).
      LEFT JOIN LATERAL (SELECT c.id, c."erasedAt" FROM "Customer" c WHERE c."externalId" = b.customer_ext LIMIT 1) c ON true
      LEFT JOIN LATERAL (SELECT ac.id, ac."erasedAt" FROM "CustomerAlias" a JOIN "Customer" ac ON ac.id = a."customerId"
        WHERE c.id IS NULL AND a."externalId" = b.customer_ext LIMIT 1) al ON true
      LEFT JOIN LATERAL (SELECT o.* FROM "Order" o WHERE o.source = b.source COLLATE "default" AND o."externalId" = b.external_id COLLATE "default" LIMIT 1) o ON true
    ),
    v AS (
      SELECT *, CASE
        WHEN earlier_line IS NOT NULL THEN 'duplicate'
        WHEN bad_line IS NOT NULL THEN 'badLine'
        WHEN customer_erased_at IS NOT NULL OR tombstone_at IS NOT NULL THEN 'customerErased'
        WHEN customer_id IS NULL THEN 'customerUnknown'
      END AS problem
      FROM b
    ),
    staged AS (
      INSERT INTO imp_orders (line, row_count, row_lines, source, external_id, customer_id, existing_id, kind, placed_at, status, currency, total, refunded, sales_channel)
      SELECT line, row_count, row_lines, source, external_id, customer_id, existing_id,
        CASE WHEN existing_id IS NULL THEN 0 WHEN differs OR lines_differ THEN 1 ELSE 2 END,
        placed_at, status, currency, total, refunded, sales_channel
      FROM v WHERE problem IS NULL
      RETURNING line, kind, row_count, source, external_id
    )${
      layout.hasSameFileLines
        ? `,
    staged_lines AS (
      INSERT INTO imp_lines (source, order_ext, line, sku, name, quantity, unit_price)
      SELECT s.source, s.external_id, l.line, l.sku, l.name, l.quantity, l.unit_price
      FROM staged s JOIN imp_lbatch l ON l.order_line = s.line WHERE s.kind < 2
    )`
        : ""
    }
    SELECT line, problem, coalesce(earlier_line, bad_line) AS other_line,
      coalesce(customer_erased_at, tombstone_at) AS erased_at, NULL::int AS n
    FROM v WHERE problem IS NOT NULL
    UNION ALL
    SELECT NULL, 'kind' || kind, NULL, NULL, sum(row_count)::int FROM staged GROUP BY kind;
    TRUNCATE imp_obatch, imp_lbatch`)) as unknown as { rows: { line: number | null; problem: string; other_line: number | null; erased_at: Date | null; n: number | null }[] }[];
  const rows = results[0]!.rows;

  for (const row of rows) {
    if (row.line === null) {
      if (row.problem === "kind2") tally.unchanged(row.n ?? 0);
      continue;
    }
    const group = groupAt(batch.groups, row.line);
    const fileRows = group?.rows ?? [];
    const reason = orderProblemReason(row.problem, row, group?.order.customerExternalId ?? "");
    const column = row.problem === "duplicate" ? context.mapping.externalId! : row.problem === "badLine" ? null : context.mapping.customerExternalId!;
    for (const fileRow of fileRows) {
      if (fileRow.line === row.line) tally.reject(fileRow.line, column, reason, recordText(fileRow.fields, context.separator));
      else tally.reject(fileRow.line, null, { key: "imports.reasons.orderRejected", values: { line: row.line } }, recordText(fileRow.fields, context.separator));
    }
  }
  await tally.flush();
}

function orderProblemReason(problem: string, row: { other_line: number | null; erased_at: Date | null }, customerId: string): RejectReason {
  switch (problem) {
    case "duplicate":
      return { key: "imports.reasons.duplicateInFile", values: { line: row.other_line ?? 0 } };
    case "badLine":
      return { key: "imports.reasons.lineRejected", values: { line: row.other_line ?? 0 } };
    case "customerErased":
      return { key: "imports.reasons.customerErased", values: { id: customerId, date: (row.erased_at ?? new Date(0)).toISOString().slice(0, 10) } };
    default:
      return { key: "imports.reasons.customerUnknown", values: { id: customerId } };
  }
}
