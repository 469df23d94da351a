/**
 * Per-customer CLV figures (CustomerMetrics): written in bulk by the recompute (multi-row upserts through pg,
 * measured in npm run bench:recompute) and one at a time when a customer's orders change. Every customer has a
 * row (a database trigger adds it, with zeros, when the customer is created).
 *
 * Every write stamps "writtenAt" with the database's clock. A full recompute reads its data first and writes
 * minutes later at scale; a customer whose order changed meanwhile was rescored from newer data, so the run's
 * write (and its reset of non-buyers) skips every row written after the run's snapshot (`writtenBefore`).
 */
import type pg from "pg";
import type { CustomerValue } from "@/lib/domain/customer-value";
import { db } from "./client";
import { pgPool } from "./pg-pool";

export type MetricsMeta = { modelFitId: string | null; settingsVersion: number; computedAt: Date };

const COLUMNS = [
  ["customerId", "uuid"],
  ["historicalValueMinor", "bigint"],
  ["predictedValueMinor", "bigint"],
  ["totalClvMinor", "bigint"],
  ["simpleClvMinor", "bigint"],
  ["probabilityAlive", "float8"],
  ["expectedPurchases", "float8"],
  ["expectedOrderValueMinor", "int"],
  ["expectedNextOrderAt", "timestamptz"],
  ["recencyScore", "smallint"],
  ["frequencyScore", "smallint"],
  ["monetaryScore", "smallint"],
  ["rfmGroup", "text"],
  ["firstPurchaseAt", "timestamptz"],
  ["lastPurchaseAt", "timestamptz"],
] as const;

/** `isGuarded`: leave alone rows written at or after the parameter after the columns (a run's snapshot). */
function upsertSql(isGuarded: boolean): string {
  const names = COLUMNS.map(([name]) => `"${name}"`);
  const unnest = COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(", ");
  const meta = COLUMNS.length;
  const updates = [
    ...COLUMNS.slice(1).map(([name]) => `"${name}" = EXCLUDED."${name}"`),
    `"modelFitId" = EXCLUDED."modelFitId"`,
    `"settingsVersion" = EXCLUDED."settingsVersion"`,
    `"computedAt" = EXCLUDED."computedAt"`,
    `"writtenAt" = EXCLUDED."writtenAt"`,
  ];
  return `
    INSERT INTO "CustomerMetrics" (${names.join(", ")}, "modelFitId", "settingsVersion", "computedAt", "writtenAt")
    SELECT u.*, $${meta + 1}::uuid, $${meta + 2}::int, $${meta + 3}::timestamptz, clock_timestamp()
    FROM unnest(${unnest}) AS u
    ON CONFLICT ("customerId") DO UPDATE SET ${updates.join(", ")}
    ${isGuarded ? `WHERE "CustomerMetrics"."writtenAt" < $${meta + 4}::timestamptz` : ""}`;
}

const UPSERT_SQL = upsertSql(false);
const GUARDED_UPSERT_SQL = upsertSql(true);

/**
 * The database's clock, to the millisecond, rounded down: taken before a run reads its data. Rows are written
 * with clock_timestamp() and stored to the millisecond, so a row written after this instant never compares below it.
 */
export async function databaseSnapshotTime(): Promise<Date> {
  const { rows } = await pgPool().query<{ at: Date }>(`SELECT date_trunc('milliseconds', clock_timestamp()) AS at`);
  return rows[0]!.at;
}

/**
 * Upserts the figures of many customers, in batches, in the caller's transaction when a client is given. With
 * `writtenBefore`, rows written at or after that instant are left as they are; their ids are returned.
 */
export async function writeCustomerMetrics(
  customerIds: readonly string[],
  values: readonly CustomerValue[],
  meta: MetricsMeta,
  options: { client?: pg.PoolClient; batchSize?: number; onProgress?: (done: number) => void; writtenBefore?: Date } = {},
): Promise<{ skippedIds: string[] }> {
  const skippedIds: string[] = [];
  // Measured on 100,000 rows: 5,000 per statement beats 20,000 (less array parsing per statement), and two
  // statements at a time on two connections let the database use both cores (one when a client is given).
  const batchSize = options.batchSize ?? 5_000;
  const starts: number[] = [];
  for (let start = 0; start < customerIds.length; start += batchSize) starts.push(start);
  let written = 0;
  let next = 0;
  const lane = async () => {
    while (next < starts.length) {
      const start = starts[next++]!;
      const ids = customerIds.slice(start, start + batchSize);
      const client = options.client ?? pgPool();
      const params = upsertParams(ids, values.slice(start, start + batchSize), meta);
      if (options.writtenBefore) {
        const result = await client.query(GUARDED_UPSERT_SQL, [...params, options.writtenBefore.toISOString()]);
        if ((result.rowCount ?? 0) < ids.length) skippedIds.push(...(await rowsWrittenSince(client, ids, options.writtenBefore)));
      } else {
        await client.query(UPSERT_SQL, params);
      }
      written += ids.length;
      options.onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: options.client ? 1 : 2 }, lane));
  return { skippedIds };
}

async function rowsWrittenSince(client: pg.PoolClient | pg.Pool, ids: readonly string[], since: Date): Promise<string[]> {
  const { rows } = await client.query<{ customerId: string }>(`SELECT "customerId" FROM "CustomerMetrics" WHERE "customerId" = ANY ($1::uuid[]) AND "writtenAt" >= $2::timestamptz`, [ids, since.toISOString()]);
  return rows.map((row) => row.customerId);
}

function upsertParams(ids: readonly string[], batch: readonly CustomerValue[], meta: MetricsMeta): unknown[] {
  const column = <T>(pick: (value: CustomerValue) => T) => batch.map(pick);
  return [
    ids,
    column((v) => v.historicalValueMinor),
    column((v) => v.predictedValueMinor),
    column((v) => v.totalClvMinor),
    column((v) => v.simpleClvMinor),
    column((v) => v.probabilityAlive),
    column((v) => v.expectedPurchases),
    column((v) => v.expectedOrderValueMinor),
    column((v) => v.expectedNextOrderAt?.toISOString() ?? null),
    column((v) => v.recencyScore),
    column((v) => v.frequencyScore),
    column((v) => v.monetaryScore),
    column((v) => v.rfmGroup),
    column((v) => v.firstPurchaseAt.toISOString()),
    column((v) => v.lastPurchaseAt.toISOString()),
    meta.modelFitId,
    meta.settingsVersion,
    meta.computedAt.toISOString(),
  ];
}

const RESET_SQL = `
  UPDATE "CustomerMetrics"
  SET "historicalValueMinor" = 0, "predictedValueMinor" = NULL, "totalClvMinor" = 0, "simpleClvMinor" = NULL,
      "probabilityAlive" = NULL, "expectedPurchases" = NULL, "expectedOrderValueMinor" = NULL,
      "expectedNextOrderAt" = NULL, "recencyScore" = NULL, "frequencyScore" = NULL, "monetaryScore" = NULL,
      "rfmGroup" = NULL, "firstPurchaseAt" = NULL, "lastPurchaseAt" = NULL, "modelFitId" = $2::uuid,
      "settingsVersion" = $3::int, "computedAt" = $1::timestamptz, "writtenAt" = clock_timestamp()`;

/**
 * Customers with no purchase (never bought, or every order cancelled or refunded) are worth nothing yet: their
 * row goes back to zeros. After a full run, that is every row the run did not write, except rows written after
 * its snapshot (a customer who has just bought for the first time was scored from newer data).
 */
export async function resetMetricsNotComputedSince(meta: MetricsMeta, options: { writtenBefore: Date; client?: pg.PoolClient | pg.Pool }): Promise<number> {
  const result = await (options.client ?? pgPool()).query(`${RESET_SQL} WHERE "computedAt" < $1::timestamptz AND "writtenAt" < $4::timestamptz`, [
    meta.computedAt.toISOString(),
    meta.modelFitId,
    meta.settingsVersion,
    options.writtenBefore.toISOString(),
  ]);
  return result.rowCount ?? 0;
}

export async function resetCustomerMetrics(customerId: string, meta: MetricsMeta): Promise<void> {
  await pgPool().query(`${RESET_SQL} WHERE "customerId" = $4::uuid`, [meta.computedAt.toISOString(), meta.modelFitId, meta.settingsVersion, customerId]);
}

export type CustomerMetricsView = NonNullable<Awaited<ReturnType<typeof getCustomerMetrics>>>;

export async function getCustomerMetrics(customerId: string) {
  const row = await db.customerMetrics.findUnique({
    where: { customerId },
    select: {
      historicalValueMinor: true,
      predictedValueMinor: true,
      totalClvMinor: true,
      simpleClvMinor: true,
      probabilityAlive: true,
      expectedPurchases: true,
      expectedOrderValueMinor: true,
      expectedNextOrderAt: true,
      recencyScore: true,
      frequencyScore: true,
      monetaryScore: true,
      rfmGroup: true,
      firstPurchaseAt: true,
      lastPurchaseAt: true,
      settingsVersion: true,
      computedAt: true,
      modelFit: { select: { id: true, purchaseModel: true, createdAt: true } },
    },
  });
  if (!row) return null;
  const toNumber = (value: bigint | null) => (value === null ? null : Number(value));
  return {
    ...row,
    historicalValueMinor: Number(row.historicalValueMinor),
    predictedValueMinor: toNumber(row.predictedValueMinor),
    totalClvMinor: Number(row.totalClvMinor),
    simpleClvMinor: toNumber(row.simpleClvMinor),
  };
}

/**
 * After a full write every metrics row has a new version: without a vacuum the old ones stay until autovacuum
 * comes round (after several runs in a day, a table five times its size), and every scan of the table — the
 * segment refresh that follows, a segment's members sorted by value — reads them all. Takes well under a second
 * on 100,000 customers. Without ownership of the table PostgreSQL skips it with a warning, which is harmless.
 */
export async function vacuumCustomerMetrics(): Promise<void> {
  await pgPool().query(`VACUUM (ANALYZE) "CustomerMetrics"`);
}
