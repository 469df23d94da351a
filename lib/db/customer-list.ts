/**
 * The customers list: filters, sorts and pages in SQL. This is the hottest query of the app (agents search
 * it on every call, managers sort 100,000 customers by value), so it is written out rather than generated:
 * each sort walks an index (docs/decisions/0004-indexes-and-order-aggregates.md), value sorts are driven from
 * CustomerMetrics (one row per customer), and `npm run bench:list` holds it to p95 ≤ 50 ms.
 */
import type pg from "pg";
import type { CustomerListQuery, CustomerSortKey } from "@/lib/schemas/customer-list";
import { pgPool } from "./pg-pool";

export type CustomerListRow = {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
  country: string | null;
  city: string | null;
  acquisitionChannel: string | null;
  tags: string[];
  orderCount: number;
  totalSpentMinor: number;
  lastOrderAt: Date | null;
  createdAt: Date;
  historicalValueMinor: number;
  predictedValueMinor: number | null;
  totalClvMinor: number;
  probabilityAlive: number | null;
  rfmGroup: string | null;
};

export type CustomerListFilters = Partial<Pick<CustomerListQuery, "q" | "country" | "channel" | "tag" | "segment">>;

/** Filters with the segment key resolved to its id (a constant the planner can estimate membership counts for). */
type ResolvedFilters = Omit<CustomerListFilters, "segment"> & { segmentId?: string };

/** Null when the filters name a segment that does not exist: nothing matches. */
export async function resolveFilters(filters: CustomerListFilters): Promise<ResolvedFilters | null> {
  const { segment, ...rest } = filters;
  if (!segment) return rest;
  const { rows } = await pgPool().query<{ id: string }>(`SELECT "id" FROM "Segment" WHERE "key" = $1 AND "archivedAt" IS NULL`, [segment]);
  return rows[0] ? { ...rest, segmentId: rows[0].id } : null;
}

/** LIKE takes \, % and _ as special characters: a search for "%" must not match everyone. */
export function escapeLikePattern(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

type Sql = { text: string; params: unknown[] };

/** WHERE conditions over `c` ("Customer"), parameters numbered after `params`. */
export function customerListWhere(filters: ResolvedFilters, params: unknown[]): string {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`c."archivedAt" IS NULL`];
  // searchText is name, email and company, lower-cased by the database (one trigram index serves it).
  if (filters.q) conditions.push(`c."searchText" LIKE ${add(`%${escapeLikePattern(filters.q.toLowerCase())}%`)}`);
  if (filters.country) conditions.push(`c."country" = ${add(filters.country)}`);
  if (filters.channel) conditions.push(`c."acquisitionChannel" = ${add(filters.channel)}`);
  if (filters.tag) conditions.push(`c."tags" @> ARRAY[${add(filters.tag)}::text]`);
  if (filters.segmentId) {
    conditions.push(`c."id" IN (SELECT sm."customerId" FROM "SegmentMembership" sm WHERE sm."segmentId" = ${add(filters.segmentId)}::uuid)`);
  }
  return conditions.join(" AND ");
}

// Each sort ends with the id, so the order is total and paging never repeats or skips a row. Value sorts use
// the metrics row's own id column so that the metrics indexes can deliver the order.
const ORDER_BY: Record<CustomerSortKey, (dir: "ASC" | "DESC") => string> = {
  name: (dir) => `c."name" ${dir}, c."id" ${dir}`,
  createdAt: (dir) => `c."createdAt" ${dir}, c."id" ${dir}`,
  orderCount: (dir) => `c."orderCount" ${dir}, c."id" ${dir}`,
  totalSpent: (dir) => `c."totalSpentMinor" ${dir}, c."id" ${dir}`,
  lastOrderAt: (dir) => `c."lastOrderAt" ${dir} NULLS ${dir === "DESC" ? "LAST" : "FIRST"}, c."id" ${dir}`,
  // Served by CustomerMetrics (historicalValueMinor, customerId), walked backwards for DESC, like total CLV.
  historicalValue: (dir) => `m."historicalValueMinor" ${dir}, m."customerId" ${dir}`,
  totalClv: (dir) => `m."totalClvMinor" ${dir}, m."customerId" ${dir}`,
  predictedValue: (dir) => `m."predictedValueMinor" ${dir} NULLS LAST, m."customerId" ${dir}`,
  probabilityAlive: (dir) => `m."probabilityAlive" ${dir} NULLS LAST, m."customerId" ${dir}`,
};

const SELECT_ROW = `
  c."id", c."name", c."email", c."company", c."country"::text AS "country", c."city",
  c."acquisitionChannel", c."tags", c."orderCount", c."totalSpentMinor"::text AS "totalSpentMinor",
  c."lastOrderAt", c."createdAt", m."historicalValueMinor"::text AS "historicalValueMinor",
  m."predictedValueMinor"::text AS "predictedValueMinor", m."totalClvMinor"::text AS "totalClvMinor",
  m."probabilityAlive", m."rfmGroup"`;

function listSql(query: CustomerListQuery, filters: ResolvedFilters, page?: { limit: number; offset: number }): Sql {
  const params: unknown[] = [];
  const where = customerListWhere(filters, params);
  let text = `SELECT ${SELECT_ROW}
    FROM "Customer" c JOIN "CustomerMetrics" m ON m."customerId" = c."id"
    WHERE ${where}
    ORDER BY ${ORDER_BY[query.sort](query.dir === "asc" ? "ASC" : "DESC")}`;
  if (page) {
    params.push(page.limit, page.offset);
    text += ` LIMIT $${params.length - 1} OFFSET $${params.length}`;
  }
  return { text, params };
}

type RawRow = Omit<CustomerListRow, "totalSpentMinor" | "historicalValueMinor" | "predictedValueMinor" | "totalClvMinor"> & {
  totalSpentMinor: string;
  historicalValueMinor: string;
  predictedValueMinor: string | null;
  totalClvMinor: string;
};

function toRow(row: RawRow): CustomerListRow {
  return {
    ...row,
    totalSpentMinor: Number(row.totalSpentMinor),
    historicalValueMinor: Number(row.historicalValueMinor),
    predictedValueMinor: row.predictedValueMinor === null ? null : Number(row.predictedValueMinor),
    totalClvMinor: Number(row.totalClvMinor),
  };
}

export async function listCustomers(query: CustomerListQuery, options: { segmentWindow?: number } = {}): Promise<{ rows: CustomerListRow[]; total: number }> {
  const filters = await resolveFilters(query);
  if (!filters) return { rows: [], total: 0 };
  const page = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
  const isSegmentOnly = Boolean(filters.segmentId) && !filters.q && !filters.country && !filters.channel && !filters.tag;
  if (isSegmentOnly && METRIC_SORTS.has(query.sort)) {
    // Memberships hold live customers only (archiving refreshes the customer's segments), so a segment on its own
    // is counted from its index alone.
    const total = await countSegmentMembers(filters.segmentId!);
    const rows = await listSegmentByMetric(query, filters.segmentId!, total, page, options.segmentWindow ?? SEGMENT_WINDOW);
    return { rows: rows.map(toRow), total };
  }
  const sql = listSql(query, filters, page);
  const countParams: unknown[] = [];
  const countSql = isSegmentOnly
    ? `SELECT count(*) AS n FROM "SegmentMembership" WHERE "segmentId" = ${(countParams.push(filters.segmentId), "$1")}::uuid`
    : `SELECT count(*) AS n FROM "Customer" c WHERE ${customerListWhere(filters, countParams)}`;
  const [rows, count] = await Promise.all([pgPool().query<RawRow>(sql.text, sql.params), pgPool().query<{ n: string }>(countSql, countParams)]);
  return { rows: rows.rows.map(toRow), total: Number(count.rows[0]!.n) };
}

/** The sorts served by CustomerMetrics' own indexes. */
const METRIC_SORTS: ReadonlySet<CustomerSortKey> = new Set(["historicalValue", "totalClv", "predictedValue", "probabilityAlive"]);
const METRIC_SORT_COLUMNS = `m."customerId", m."historicalValueMinor", m."totalClvMinor", m."predictedValueMinor", m."probabilityAlive"`;

/**
 * How far down a value index a segment's page is looked for before reading the segment whole. Walking the index
 * and keeping members is fastest when they are dense in that order (VIPs by CLV: a page within the first few
 * dozen rows), and hopeless when they are sparse (RFM "lost" by CLV: most of them at the very bottom). No
 * planner estimate tells the two apart, so the walk is bounded (a few milliseconds) and, when it does not fill
 * the page, the members are read and sorted instead (tens of milliseconds on 100,000 customers, at any depth).
 */
export const SEGMENT_WINDOW = 1500;

/** One page of a segment's members sorted by a metrics column: a bounded index walk, else members first. */
async function listSegmentByMetric(query: CustomerListQuery, segmentId: string, members: number, page: { limit: number; offset: number }, window: number): Promise<RawRow[]> {
  const order = ORDER_BY[query.sort](query.dir === "asc" ? "ASC" : "DESC");
  // The page's ids first, over narrow rows; the wide customer rows are read for those alone.
  const pageRows = (pageSql: string) => `WITH page AS MATERIALIZED (${pageSql})
    SELECT ${SELECT_ROW}
    FROM page p JOIN "CustomerMetrics" m ON m."customerId" = p."customerId" JOIN "Customer" c ON c."id" = p."customerId"
    WHERE c."archivedAt" IS NULL
    ORDER BY ${order}`;
  const expected = Math.min(page.limit, Math.max(0, members - page.offset));
  if (page.offset + page.limit <= window) {
    const { rows } = await pgPool().query<RawRow>(
      pageRows(`
        WITH top AS MATERIALIZED (SELECT ${METRIC_SORT_COLUMNS} FROM "CustomerMetrics" m ORDER BY ${order} LIMIT $2)
        SELECT m.* FROM top m
        WHERE EXISTS (SELECT 1 FROM "SegmentMembership" sm WHERE sm."segmentId" = $1::uuid AND sm."customerId" = m."customerId")
        ORDER BY ${order} LIMIT $3 OFFSET $4`),
      [segmentId, window, page.limit, page.offset],
    );
    if (rows.length >= expected) return rows;
  }
  const { rows } = await pgPool().query<RawRow>(
    pageRows(`
      WITH members AS MATERIALIZED (SELECT "customerId" FROM "SegmentMembership" WHERE "segmentId" = $1::uuid)
      SELECT ${METRIC_SORT_COLUMNS} FROM members sm JOIN "CustomerMetrics" m ON m."customerId" = sm."customerId"
      ORDER BY ${order} LIMIT $2 OFFSET $3`),
    [segmentId, page.limit, page.offset],
  );
  return rows;
}

async function countSegmentMembers(segmentId: string): Promise<number> {
  const { rows } = await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "SegmentMembership" WHERE "segmentId" = $1::uuid`, [segmentId]);
  return Number(rows[0]!.n);
}

export type CustomerValueTotals = { customers: number; totalSpentMinor: number; historicalValueMinor: number; predictedValueMinor: number; totalClvMinor: number };

/** Totals over every matching customer (the list's totals row); separate, so the page does not wait for it. */
export async function sumCustomerValues(query: CustomerListFilters): Promise<CustomerValueTotals> {
  const filters = await resolveFilters(query);
  if (!filters) return { customers: 0, totalSpentMinor: 0, historicalValueMinor: 0, predictedValueMinor: 0, totalClvMinor: 0 };
  const params: unknown[] = [];
  const { rows } = await pgPool().query<{ n: string; spent: string | null; total: string | null; predicted: string | null; historical: string | null }>(
    `SELECT count(*) AS n, sum(c."totalSpentMinor")::text AS spent, sum(m."totalClvMinor")::text AS total,
            sum(m."predictedValueMinor")::text AS predicted, sum(m."historicalValueMinor")::text AS historical
     FROM "Customer" c JOIN "CustomerMetrics" m ON m."customerId" = c."id"
     WHERE ${customerListWhere(filters, params)}`,
    params,
  );
  const row = rows[0]!;
  return {
    customers: Number(row.n),
    totalSpentMinor: Number(row.spent ?? 0),
    historicalValueMinor: Number(row.historical ?? 0),
    predictedValueMinor: Number(row.predicted ?? 0),
    totalClvMinor: Number(row.total ?? 0),
  };
}

/**
 * All matching rows in list order, in batches, for streaming exports of any size: one query read through a
 * server-side cursor, so memory stays flat and the rows are one consistent snapshot.
 */
export async function* iterateCustomers(query: CustomerListQuery, batchSize = 1000): AsyncGenerator<CustomerListRow[]> {
  const filters = await resolveFilters(query);
  if (!filters) return;
  const client: pg.PoolClient = await pgPool().connect();
  const sql = listSql(query, filters);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`DECLARE customer_export NO SCROLL CURSOR FOR ${sql.text}`, sql.params);
    for (;;) {
      const { rows } = await client.query<RawRow>(`FETCH ${Math.max(1, Math.floor(batchSize))} FROM customer_export`);
      if (rows.length === 0) break;
      yield rows.map(toRow);
      if (rows.length < batchSize) break;
    }
  } finally {
    // A read-only transaction: ending it with ROLLBACK also covers errors and a consumer that stops early
    // (a cancelled download).
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}

/** Ids of every customer matching the filters (for bulk actions on "all matching"), capped. */
export async function listMatchingCustomerIds(query: CustomerListFilters, limit: number): Promise<string[]> {
  const filters = await resolveFilters(query);
  if (!filters) return [];
  const params: unknown[] = [];
  const where = customerListWhere(filters, params);
  params.push(limit);
  const { rows } = await pgPool().query<{ id: string }>(`SELECT c."id" FROM "Customer" c WHERE ${where} ORDER BY c."id" LIMIT $${params.length}`, params);
  return rows.map((row) => row.id);
}

/** The tags in use, for the list's tag filter. */
export async function listCustomerTags(limit = 200): Promise<string[]> {
  const { rows } = await pgPool().query<{ tag: string }>(
    `SELECT DISTINCT unnest("tags") AS tag FROM "Customer" WHERE "archivedAt" IS NULL ORDER BY tag LIMIT $1`,
    [limit],
  );
  return rows.map((row) => row.tag);
}
