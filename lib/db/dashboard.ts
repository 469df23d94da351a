/**
 * The dashboard's figures, aggregated in SQL over the customers and their metrics row: nothing here loads
 * customers into JavaScript, so the dashboard costs the same few queries at 2,000 or 100,000 customers. "Bought"
 * means at least one order (Customer."orderCount" > 0). Money is in minor units.
 *
 * Two populations (docs/decisions/0009): head counts (customers, buyers, VIPs, the histogram) are of live
 * customers (not archived). Value figures (total and predicted CLV, the averages, CLV per channel) also keep the
 * erased customers, whose orders stay as anonymous revenue: erasing a person must not change what the business
 * earned. An erased customer is archived, so "live, or erased" is the value base; archived ones are left out.
 */
import { ACQUISITION_CHANNELS, type AcquisitionChannel } from "@/lib/domain/channels";
import { pgPool } from "./pg-pool";

const IN_VALUE_BASE = `(c."archivedAt" IS NULL OR c."erasedAt" IS NOT NULL)`;

export type DashboardKpis = {
  /** Head counts, of live customers. */
  liveCustomers: number;
  buyers: number;
  vips: number;
  atRiskVips: number;
  /** Value figures, erased customers' anonymous revenue included. Sum of predicted values; null when no customer has one (no model yet, or too little data). */
  totalPredictedMinor: number | null;
  /** The customers (live or erased) that sum is over. */
  customersWithPrediction: number;
  totalClvMinor: number;
  /** Average total CLV of the customers who bought, live or erased; null without any. */
  averageClvOfBuyersMinor: number | null;
};

const toNumber = (value: string | null | undefined) => (value === null || value === undefined ? null : Number(value));

export async function getDashboardKpis(): Promise<DashboardKpis> {
  const { rows } = await pgPool().query<{
    live: string;
    buyers: string;
    total_clv: string;
    average_buyer_clv: string | null;
    predicted: string | null;
    with_prediction: string;
    vips: string;
    at_risk_vips: string;
  }>(
    `WITH base AS (
       SELECT count(*) FILTER (WHERE c."archivedAt" IS NULL) AS live,
              count(*) FILTER (WHERE c."archivedAt" IS NULL AND c."orderCount" > 0) AS buyers,
              coalesce(sum(m."totalClvMinor"), 0)::text AS total_clv,
              round(avg(m."totalClvMinor") FILTER (WHERE c."orderCount" > 0))::text AS average_buyer_clv,
              sum(m."predictedValueMinor")::text AS predicted,
              count(m."predictedValueMinor") AS with_prediction
       FROM "Customer" c
       LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id"
       WHERE ${IN_VALUE_BASE}
     ), vip AS (
       SELECT count(*) FILTER (WHERE s."key" = 'vip') AS vips,
              count(*) FILTER (WHERE s."key" = 'at_risk_vip') AS at_risk_vips
       FROM "Segment" s
       JOIN "SegmentMembership" sm ON sm."segmentId" = s."id"
       JOIN "Customer" c ON c."id" = sm."customerId" AND c."archivedAt" IS NULL
       WHERE s."key" IN ('vip', 'at_risk_vip') AND s."archivedAt" IS NULL
     )
     SELECT * FROM base, vip`,
  );
  const row = rows[0]!;
  const withPrediction = Number(row.with_prediction);
  return {
    liveCustomers: Number(row.live),
    buyers: Number(row.buyers),
    vips: Number(row.vips),
    atRiskVips: Number(row.at_risk_vips),
    totalPredictedMinor: withPrediction > 0 ? Number(row.predicted ?? 0) : null,
    customersWithPrediction: withPrediction,
    totalClvMinor: Number(row.total_clv),
    averageClvOfBuyersMinor: toNumber(row.average_buyer_clv),
  };
}

export type ClvRange = { buyers: number; minPositiveMinor: number | null; maxMinor: number | null };

/** How many live customers bought, and the lowest positive and the highest total CLV among them. */
export async function getBuyerClvRange(): Promise<ClvRange> {
  const { rows } = await pgPool().query<{ buyers: string; min_positive: string | null; max: string | null }>(
    `SELECT count(*) AS buyers,
            min(m."totalClvMinor") FILTER (WHERE m."totalClvMinor" > 0)::text AS min_positive,
            max(m."totalClvMinor")::text AS max
     FROM "Customer" c
     JOIN "CustomerMetrics" m ON m."customerId" = c."id"
     WHERE c."archivedAt" IS NULL AND c."orderCount" > 0`,
  );
  const row = rows[0]!;
  return { buyers: Number(row.buyers), minPositiveMinor: toNumber(row.min_positive), maxMinor: toNumber(row.max) };
}

/**
 * Live customers who bought, counted per total-CLV bin. `edgesMinor` are the ascending inner edges; the result
 * has one more entry than there are edges: below the first edge (negatives included), between each pair, and
 * at or above the last.
 */
export async function countBuyersByClvBin(edgesMinor: readonly number[]): Promise<number[]> {
  const { rows } = await pgPool().query<{ bin: number; customers: string }>(
    `SELECT width_bucket(m."totalClvMinor", $1::bigint[]) AS bin, count(*) AS customers
     FROM "Customer" c
     JOIN "CustomerMetrics" m ON m."customerId" = c."id"
     WHERE c."archivedAt" IS NULL AND c."orderCount" > 0
     GROUP BY 1`,
    [edgesMinor.map((edge) => String(Math.round(edge)))],
  );
  const counts = new Array<number>(edgesMinor.length + 1).fill(0);
  for (const row of rows) counts[row.bin] = Number(row.customers);
  return counts;
}

export type ChannelValue = {
  /** One of ACQUISITION_CHANNELS; null gathers customers with no channel or one outside the list. */
  channel: AcquisitionChannel | null;
  customers: number;
  buyers: number;
  totalClvMinor: number;
  /** Average total CLV over all the channel's customers, bought or not (each was paid for), erased ones included. */
  averageClvMinor: number | null;
};

/**
 * Per acquisition channel, in the order of ACQUISITION_CHANNELS, unknown last: live customers and buyers
 * (head counts), and the total and average CLV of the customers the channel brought, erased ones included.
 */
export async function listClvByAcquisitionChannel(): Promise<ChannelValue[]> {
  const { rows } = await pgPool().query<{ channel: AcquisitionChannel | null; customers: string; buyers: string; total: string; average: string | null }>(
    `SELECT channel, count(*) FILTER (WHERE live) AS customers,
            count(*) FILTER (WHERE live AND bought) AS buyers,
            coalesce(sum(clv), 0)::text AS total,
            round(avg(clv))::text AS average
     FROM (
       SELECT CASE WHEN c."acquisitionChannel" = ANY($1::text[]) THEN c."acquisitionChannel" END AS channel,
              c."archivedAt" IS NULL AS live, c."orderCount" > 0 AS bought, m."totalClvMinor" AS clv
       FROM "Customer" c
       JOIN "CustomerMetrics" m ON m."customerId" = c."id"
       WHERE ${IN_VALUE_BASE}
     ) base
     GROUP BY channel
     ORDER BY array_position($1::text[], channel) NULLS LAST`,
    [[...ACQUISITION_CHANNELS]],
  );
  return rows.map((row) => ({
    channel: row.channel,
    customers: Number(row.customers),
    buyers: Number(row.buyers),
    totalClvMinor: Number(row.total),
    averageClvMinor: toNumber(row.average),
  }));
}
