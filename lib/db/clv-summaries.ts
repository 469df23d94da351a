/**
 * Per-customer purchase summaries for the CLV models, aggregated in SQL (a million orders never travel to
 * JavaScript), with the Fader–Hardie definitions of lib/domain/clv/summarize-transactions.ts in whole weeks
 * (Monday to Sunday, UTC): several orders in one week are one purchase, amounts added. Whole periods make
 * customers share (x, t_x, T) tuples, which is what keeps the fits fast (docs/decisions/0006).
 *
 * What counts as a purchase: paid and partially refunded orders, at their net amount. Cancelled and fully
 * refunded orders are not purchases (the customer did not keep anything); they still appear in the history, and
 * they count in Customer.orderCount and lastOrderAt, which is why RFM and lifecycle read the purchase columns here.
 */
import { pgPool } from "./pg-pool";

const DAY_MS = 86_400_000;

export function dayIndex(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/** Index of the Monday-started UTC week (1970-01-01 was a Thursday, hence the + 3). */
export function weekIndex(at: Date): number {
  return Math.floor((dayIndex(at) + 3) / 7);
}

/** The Monday 00:00 UTC that starts a week. */
export function weekStart(week: number): Date {
  return new Date((week * 7 - 3) * DAY_MS);
}

/** Columns in one order; model times in weeks. */
export type ClvSummaryColumns = {
  customerIds: string[];
  /** Repeat purchase weeks (distinct purchase weeks − 1). */
  frequency: Float64Array;
  /** Weeks from the first to the last purchase week. */
  recency: Float64Array;
  /** Weeks from the first purchase week to the observation week. */
  T: Float64Array;
  /** Mean net amount of the repeat purchase weeks, minor units; 0 without repeats. */
  monetaryValue: Float64Array;
  /** Everything the customer paid, net of refunds (Customer.totalSpentMinor). */
  totalSpentMinor: Float64Array;
  /** Purchases (orders, not weeks). */
  orderCount: Float64Array;
  /** Days since the last purchase, at the observation day. */
  recencyDays: Float64Array;
  /** Days since the first purchase, at the observation day. */
  tenureDays: Float64Array;
  firstPurchaseWeek: Float64Array;
  /** When the first and the last purchase were placed, in epoch milliseconds. */
  firstPurchaseAtMs: Float64Array;
  lastPurchaseAtMs: Float64Array;
};

export type HoldoutColumns = {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  frequencyHoldout: Float64Array;
  /** The same for everyone: weeks from the calibration end to the observation end. */
  durationHoldout: number;
};

// The UTC day number of an order, in integer arithmetic (extract(epoch) is numeric and several times slower).
const ORDER_DAY = `(((o."placedAt" AT TIME ZONE 'UTC')::date - DATE '1970-01-01'))`;

// The week, and the first day within it, of every purchase.
const PURCHASE_WEEKS = `
  SELECT o."customerId" AS customer_id,
         (${ORDER_DAY} + 3) / 7 AS week,
         min(${ORDER_DAY}) AS first_day,
         max(${ORDER_DAY}) AS last_day,
         sum(o."totalMinor" - o."refundedMinor")::bigint AS amount,
         count(*) AS purchases,
         min(o."placedAt") AS first_at,
         max(o."placedAt") AS last_at
  FROM "Order" o
  WHERE o."status" IN ('PAID', 'PARTIALLY_REFUNDED') AND o."placedAt" < $1::timestamptz`;

type Row = [string, number, number, number, string, string, string, number, number, number, string, string];

/**
 * Summaries of every customer with at least one purchase up to `observationEnd` (exclusive), or of one customer.
 */
export async function loadClvSummaries(options: { observationEnd: Date; customerId?: string }): Promise<ClvSummaryColumns> {
  const params: unknown[] = [options.observationEnd.toISOString(), weekIndex(options.observationEnd), dayIndex(options.observationEnd)];
  const onlyCustomer = options.customerId ? `AND o."customerId" = $4::uuid` : "";
  if (options.customerId) params.push(options.customerId);
  // min(ARRAY[week, amount]) is the first purchase week with its amount, in one pass without sorting.
  const sql = `
    WITH purchase_weeks AS (${PURCHASE_WEEKS} ${onlyCustomer} GROUP BY 1, 2),
    per_customer AS (
      SELECT customer_id,
             count(*) - 1 AS frequency,
             min(week) AS first_week,
             max(week) AS last_week,
             min(first_day) AS first_day,
             max(last_day) AS last_day,
             sum(amount) AS total_amount,
             sum(purchases) AS purchases,
             min(first_at) AS first_at,
             max(last_at) AS last_at,
             min(ARRAY[week::bigint, amount]) AS first_purchase
      FROM purchase_weeks
      GROUP BY customer_id
    )
    SELECT p.customer_id,
           p.frequency::int,
           (p.last_week - p.first_week)::int AS recency,
           ($2::int - p.first_week)::int AS age,
           CASE WHEN p.frequency > 0 THEN ((p.total_amount - p.first_purchase[2])::float8 / p.frequency)::text ELSE '0' END AS monetary,
           c."totalSpentMinor"::text,
           p.purchases::text,
           ($3::int - p.last_day)::int AS recency_days,
           ($3::int - p.first_day)::int AS tenure_days,
           p.first_week,
           (extract(epoch FROM p.first_at) * 1000)::text,
           (extract(epoch FROM p.last_at) * 1000)::text
    FROM per_customer p
    JOIN "Customer" c ON c."id" = p.customer_id
    ORDER BY p.customer_id`;
  const { rows } = await pgPool().query<Row>({ text: sql, values: params, rowMode: "array" });
  const n = rows.length;
  const columns: ClvSummaryColumns = {
    customerIds: new Array<string>(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetaryValue: new Float64Array(n),
    totalSpentMinor: new Float64Array(n),
    orderCount: new Float64Array(n),
    recencyDays: new Float64Array(n),
    tenureDays: new Float64Array(n),
    firstPurchaseWeek: new Float64Array(n),
    firstPurchaseAtMs: new Float64Array(n),
    lastPurchaseAtMs: new Float64Array(n),
  };
  rows.forEach((row, i) => {
    columns.customerIds[i] = row[0];
    columns.frequency[i] = row[1];
    columns.recency[i] = row[2];
    columns.T[i] = row[3];
    columns.monetaryValue[i] = Number(row[4]);
    columns.totalSpentMinor[i] = Number(row[5]);
    columns.orderCount[i] = Number(row[6]);
    columns.recencyDays[i] = Math.max(0, row[7]);
    columns.tenureDays[i] = row[8];
    columns.firstPurchaseWeek[i] = row[9];
    columns.firstPurchaseAtMs[i] = Number(row[10]);
    columns.lastPurchaseAtMs[i] = Number(row[11]);
  });
  return columns;
}

/**
 * Calibration summaries before the week `calibrationEndWeek` with the purchases of the holdout weeks after it
 * (up to, not including, `observationEndWeek`), for the backtest that picks the purchase model. Customers who
 * first bought in the holdout are left out. Times in weeks.
 */
export async function loadHoldoutSummaries(options: { calibrationEndWeek: number; observationEndWeek: number }): Promise<HoldoutColumns> {
  const sql = `
    WITH purchase_weeks AS (${PURCHASE_WEEKS} GROUP BY 1, 2)
    SELECT count(*) FILTER (WHERE week < $2) - 1 AS frequency,
           max(week) FILTER (WHERE week < $2) - min(week) AS recency,
           $2::int - min(week) AS age,
           count(*) FILTER (WHERE week >= $2) AS frequency_holdout
    FROM purchase_weeks
    GROUP BY customer_id
    HAVING min(week) < $2`;
  const { rows } = await pgPool().query<[string, number, number, string]>({
    text: sql,
    values: [weekStart(options.observationEndWeek).toISOString(), options.calibrationEndWeek],
    rowMode: "array",
  });
  const n = rows.length;
  const columns: HoldoutColumns = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    frequencyHoldout: new Float64Array(n),
    durationHoldout: options.observationEndWeek - options.calibrationEndWeek,
  };
  rows.forEach((row, i) => {
    columns.frequency[i] = Number(row[0]);
    columns.recency[i] = row[1];
    columns.T[i] = row[2];
    columns.frequencyHoldout[i] = Number(row[3]);
  });
  return columns;
}

/** When the first order of all was placed (for the backtest window), without aggregating the orders. */
export async function loadFirstOrderAt(): Promise<Date | null> {
  const { rows } = await pgPool().query<{ first: Date | null }>(`SELECT min("firstOrderAt") AS first FROM "Customer"`);
  return rows[0]?.first ?? null;
}

export async function countCustomersWithOrders(): Promise<number> {
  const { rows } = await pgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "Customer" WHERE "orderCount" > 0`);
  return Number(rows[0]!.n);
}
