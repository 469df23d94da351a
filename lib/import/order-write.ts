/**
 * The last two steps of an orders import, once every row is staged and checked (order-import.ts): rows of a
 * separate lines file whose order was not imported are rejected, then new and changed orders are written with
 * their lines in chunks of customers, a row the database refuses rejected with its own reason.
 */
import type pg from "pg";
import type { ImportContext } from "./import-context";
import { databaseRefusal, writeChunk } from "./import-session";
import { LINES_FILE_PREFIX } from "./reject-reason";

/**
 * Order and order-line columns → the import field they come from, for naming the column of a row the database
 * refused. (Lines from a separate file are named by their own file's columns; those are not guessed.)
 */
const ORDER_FIELD_OF_COLUMN: Record<string, string> = {
  externalId: "externalId",
  source: "source",
  customerId: "customerExternalId",
  placedAt: "placedAt",
  status: "status",
  currency: "currency",
  totalMinor: "total",
  refundedMinor: "refunded",
  salesChannel: "salesChannel",
  sku: "lineSku",
  name: "lineName",
  quantity: "lineQuantity",
  unitPriceMinor: "lineUnitPrice",
};

/** Rows of the lines file whose order is not imported (not in the orders file, or rejected there). */
export async function rejectOrphanLines(context: ImportContext, client: pg.Client): Promise<void> {
  const { tally } = context;
  const cursor = `imp_orphans`;
  await client.query("BEGIN");
  try {
    await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR
      SELECT l.line, l.order_ext FROM imp_lines l
      WHERE NOT EXISTS (SELECT 1 FROM imp_orders o WHERE o.source = l.source AND o.external_id = l.order_ext) ORDER BY l.line`);
    while (true) {
      const { rows } = await client.query<{ line: number; order_ext: string }>(`FETCH 5000 FROM ${cursor}`);
      if (rows.length === 0) break;
      for (const row of rows) tally.rejectWithoutText("lines", row.line, `${LINES_FILE_PREFIX}${context.linesMapping.orderExternalId ?? ""}`, { key: "imports.reasons.orderNotImported", values: { id: row.order_ext } });
      await tally.flush();
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Writes new and changed orders (with their lines) in chunks of customers, each chunk in one transaction. */
export async function writeOrders(context: ImportContext, client: pg.Client, layout: { hasLines: boolean; hasLinesFile: boolean }): Promise<void> {
  const { hasLines, hasLinesFile } = layout;
  const { tally } = context;
  await client.query(`CREATE INDEX imp_orders_customer ON imp_orders (customer_id) WHERE kind < 2; ANALYZE imp_orders; ANALYZE imp_lines`);
  const { rows } = await client.query<{ rows: number }>(`SELECT coalesce(sum(row_count), 0)::int AS rows FROM imp_orders WHERE kind < 2`);
  const pending = rows[0]!.rows;
  if (pending === 0) return;
  // Customers are spread evenly over the uuid space, so equal ranges of ids make chunks of about equal size.
  const chunks = Math.min(4096, Math.max(1, Math.ceil(pending / context.chunkSize)));
  const bound = (index: number) => (index >= chunks ? null : `${Math.floor((index * 65536) / chunks).toString(16).padStart(4, "0")}0000-0000-0000-0000-000000000000`);
  const inChunk = `kind < 2 AND customer_id >= $1::uuid AND ($2::uuid IS NULL OR customer_id < $2::uuid) AND ($3::int[] IS NULL OR line = ANY ($3::int[]))`;
  const linesSql = hasLines
    ? `,
    removed AS (DELETE FROM "OrderLine" WHERE "orderId" IN (SELECT id FROM updated)),
    added AS (
      INSERT INTO "OrderLine" ("orderId", sku, name, quantity, "unitPriceMinor")
      SELECT w.id, l.sku, l.name, l.quantity, l.unit_price
      FROM written w JOIN imp_lines l ON l.source = w.source COLLATE "C" AND l.order_ext = w."externalId" COLLATE "C"
      ORDER BY w.id, l.line
    )`
    : "";
  const sql = `
    WITH chunk AS (SELECT * FROM imp_orders WHERE ${inChunk}),
    inserted AS (
      INSERT INTO "Order" ("externalId", source, "customerId", "placedAt", status, currency, "totalMinor", "refundedMinor", "salesChannel", "updatedAt")
      SELECT external_id, source, customer_id, placed_at, status, currency, total, refunded, sales_channel, now()
      FROM chunk WHERE kind = 0 ORDER BY customer_id, placed_at
      RETURNING id, source, "externalId"
    ),
    updated AS (
      UPDATE "Order" o SET "customerId" = s.customer_id, "placedAt" = s.placed_at, status = s.status, currency = s.currency, "totalMinor" = s.total,
        "refundedMinor" = s.refunded, "salesChannel" = s.sales_channel, "updatedAt" = now()
      FROM chunk s WHERE s.kind = 1 AND o.id = s.existing_id
      RETURNING o.id, o.source, o."externalId"
    ),
    written AS (SELECT * FROM inserted UNION ALL SELECT * FROM updated)${linesSql}
    SELECT (SELECT coalesce(sum(row_count), 0) FROM chunk)::int AS staged,
      -- Every new order is inserted (or the statement fails); a changed one counts when it was still there to update.
      ((SELECT coalesce(sum(row_count), 0) FROM chunk WHERE kind = 0) + (SELECT coalesce(sum(c.row_count), 0) FROM updated u JOIN chunk c ON c.existing_id = u.id))::int AS written`;

  for (let index = 0; index < chunks; index++) {
    const params = [bound(index) ?? "00000000-0000-0000-0000-000000000000", bound(index + 1)];
    const result = await writeChunk(
      client,
      async (lines) => {
        const { rows: counts } = await client.query<{ staged: number; written: number }>(sql, [...params, lines]);
        const { staged, written } = counts[0]!;
        return { written, unchanged: staged - written };
      },
      async () => (await client.query<{ line: number }>(`SELECT line FROM imp_orders WHERE ${inChunk} ORDER BY line`, [...params, null])).rows.map((row) => row.line),
      async (line, error) => {
        const { reason, field } = databaseRefusal(error, ORDER_FIELD_OF_COLUMN);
        const { rows } = await client.query<{ row_count: number; row_lines: number[] | null; source: string; external_id: string }>(
          `SELECT row_count, row_lines, source, external_id FROM imp_orders WHERE line = $1`,
          [line],
        );
        const order = rows[0];
        // The order's first row carries the reason; every other file row of the order (its lines) says why it went too.
        tally.rejectWithoutText("main", line, field && !(hasLinesFile && field.startsWith("line")) ? (context.mapping[field] ?? null) : null, reason);
        const withIt = { key: "imports.reasons.orderRejected", values: { line } };
        if (order && hasLinesFile) {
          const { rows: lineRows } = await client.query<{ line: number }>(`SELECT line FROM imp_lines WHERE source = $1 AND order_ext = $2 ORDER BY line`, [order.source, order.external_id]);
          for (const lineRow of lineRows) tally.rejectWithoutText("lines", lineRow.line, `${LINES_FILE_PREFIX}${context.linesMapping.orderExternalId ?? ""}`, withIt);
        } else {
          for (const other of order?.row_lines ?? []) if (other !== line) tally.rejectWithoutText("main", other, null, withIt);
        }
        return order?.row_count ?? 1;
      },
    );
    tally.accepted(result.written);
    tally.unchanged(result.unchanged);
    await tally.flush();
  }
}
