/**
 * Inserts many rows at once: one multi-row INSERT … SELECT FROM unnest(arrays) per batch, which PostgreSQL
 * plans once and runs about 50× faster than row-by-row Prisma calls (../shared/STACK.md). Used by the seed,
 * the benchmarks and the tests; the CSV import adds its own upsert path.
 */
import type pg from "pg";
import { pgPool } from "./pg-pool";

type Column<Row> = { name: string; type: string; value: (row: Row) => unknown };

export async function bulkInsert<Row>(
  table: string,
  columns: Column<Row>[],
  rows: readonly Row[],
  options: { batchSize?: number; client?: pg.PoolClient | pg.Pool } = {},
): Promise<number> {
  const client = options.client ?? pgPool();
  const batchSize = options.batchSize ?? 20_000;
  const names = columns.map((column) => `"${column.name}"`).join(", ");
  // unnest() flattens multi-dimensional arrays, so an array-typed column travels as one array literal per row
  // in a text[] parameter and is cast back in the select list.
  const isArray = (column: Column<Row>) => column.type.endsWith("[]");
  const unnest = columns.map((column, index) => `$${index + 1}::${isArray(column) ? "text" : column.type}[]`).join(", ");
  const aliases = columns.map((_, index) => `c${index}`);
  const selected = columns.map((column, index) => (isArray(column) ? `c${index}::${column.type}` : `c${index}`)).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${selected} FROM unnest(${unnest}) AS u(${aliases.join(", ")})`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const values = columns.map((column) => batch.map((row) => serialise(column.value(row))));
    const result = await client.query(sql, values);
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

function serialise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  // Array-valued columns (text[]) travel as PostgreSQL array literals inside the outer array parameter.
  if (Array.isArray(value)) return `{${value.map((item) => `"${String(item).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}
