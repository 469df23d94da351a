/**
 * Per-customer purchase summaries for the CLV models, aggregated in SQL (a million orders never travel to
 * JavaScript): purchases are grouped into UTC days (several orders on one day are one purchase, amounts added),
 * with the Fader–Hardie definitions of lib/domain/clv/summarize-transactions.ts, in days.
 *
 * What counts as a purchase: paid and partially refunded orders, at their net amount. Cancelled and fully
 * refunded orders are not purchases (the customer did not keep anything); they still appear in the history.
 */
import { pgPool } from "./pg-pool";

const DAY_MS = 86_400_000;

export function dayIndex(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/** Columns in one order; times in days. */
export type ClvSummaryColumns = {
  customerIds: string[];
  /** Repeat purchase days (distinct purchase days − 1). */
  frequency: Float64Array;
  /** Days from the first to the last purchase day. */
  recency: Float64Array;
  /** Days from the first purchase day to the observation day. */
  T: Float64Array;
  /** Mean net amount of the repeat purchase days, minor units; 0 without repeats. */
  monetaryValue: Float64Array;
  /** Everything the customer paid, net of refunds (Customer.totalSpentMinor). */
  totalSpentMinor: Float64Array;
  orderCount: Float64Array;
  /** Days since the last order, at the observation day. */
  recencyDays: Float64Array;
  firstPurchaseDay: Float64Array;
};

export type HoldoutColumns = {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  frequencyHoldout: Float64Array;
  /** The same for everyone: days from the calibration end to the observation day. */
  durationHoldout: number;
};

const PURCHASE_DAYS = `
  SELECT o."customerId" AS customer_id,
         floor(extract(epoch FROM o."placedAt") / 86400)::int AS day,
         sum(o."totalMinor" - o."refundedMinor")::bigint AS amount
  FROM "Order" o
  WHERE o."status" IN ('PAID', 'PARTIALLY_REFUNDED') AND o."placedAt" < $1::timestamptz`;

type Row = [string, number, number, number, string, string, string, number, number];

/**
 * Summaries of every customer with at least one purchase up to `observationEnd` (exclusive), or of one customer.
 */
export async function loadClvSummaries(options: { observationEnd: Date; customerId?: string }): Promise<ClvSummaryColumns> {
  const observationDay = dayIndex(options.observationEnd);
  const params: unknown[] = [options.observationEnd.toISOString(), observationDay];
  const onlyCustomer = options.customerId ? `AND o."customerId" = $3::uuid` : "";
  if (options.customerId) params.push(options.customerId);
  // min(ARRAY[day, amount]) is the first purchase day with its amount, in one pass without sorting.
  const sql = `
    WITH purchase_days AS (${PURCHASE_DAYS} ${onlyCustomer} GROUP BY 1, 2),
    per_customer AS (
      SELECT customer_id,
             count(*) - 1 AS frequency,
             min(day) AS first_day,
             max(day) AS last_day,
             sum(amount) AS total_amount,
             min(ARRAY[day::bigint, amount]) AS first_purchase
      FROM purchase_days
      GROUP BY customer_id
    )
    SELECT p.customer_id,
           p.frequency::int,
           (p.last_day - p.first_day)::int AS recency,
           ($2::int - p.first_day)::int AS age,
           CASE WHEN p.frequency > 0 THEN ((p.total_amount - p.first_purchase[2])::float8 / p.frequency)::text ELSE '0' END AS monetary,
           c."totalSpentMinor"::text,
           c."orderCount"::text,
           coalesce($2::int - floor(extract(epoch FROM c."lastOrderAt") / 86400)::int, 0) AS recency_days,
           p.first_day
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
    firstPurchaseDay: new Float64Array(n),
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
    columns.firstPurchaseDay[i] = row[8];
  });
  return columns;
}

/**
 * Calibration summaries up to `calibrationEnd` (exclusive) with purchases counted in the holdout after it, for
 * the backtest that picks the purchase model. Customers who first bought in the holdout are left out.
 */
export async function loadHoldoutSummaries(options: { calibrationEnd: Date; observationEnd: Date }): Promise<HoldoutColumns> {
  const calibrationDay = dayIndex(options.calibrationEnd);
  const observationDay = dayIndex(options.observationEnd);
  const sql = `
    WITH purchase_days AS (${PURCHASE_DAYS} GROUP BY 1, 2)
    SELECT count(*) FILTER (WHERE day < $2) - 1 AS frequency,
           max(day) FILTER (WHERE day < $2) - min(day) AS recency,
           $2::int - min(day) AS age,
           count(*) FILTER (WHERE day >= $2) AS frequency_holdout
    FROM purchase_days
    GROUP BY customer_id
    HAVING min(day) < $2`;
  const { rows } = await pgPool().query<[string, number, number, string]>({
    text: sql,
    values: [options.observationEnd.toISOString(), calibrationDay],
    rowMode: "array",
  });
  const n = rows.length;
  const columns: HoldoutColumns = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    frequencyHoldout: new Float64Array(n),
    durationHoldout: observationDay - calibrationDay,
  };
  rows.forEach((row, i) => {
    columns.frequency[i] = Number(row[0]);
    columns.recency[i] = row[1];
    columns.T[i] = row[2];
    columns.frequencyHoldout[i] = Number(row[3]);
  });
  return columns;
}
