/**
 * What segment rules read about customers (lib/domain/segments/customer-facts.ts), loaded from the same columns
 * the rules' SQL reads, for explaining one customer's memberships and for checking TypeScript and SQL agree.
 */
import type { CustomerFacts } from "@/lib/domain/segments/customer-facts";
import { isRfmGroup } from "@/lib/domain/rfm";
import { pgPool } from "./pg-pool";

type Row = {
  id: string;
  historical: string | null;
  predicted: string | null;
  total: string | null;
  alive: number | null;
  rfm: string | null;
  orderCount: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  country: string | null;
  channel: string | null;
  tags: string[];
  consent: boolean;
};

/** Facts of the given live customers (all live customers without ids), keyed by customer id. */
export async function loadCustomerFacts(customerIds?: readonly string[]): Promise<Map<string, CustomerFacts>> {
  const { rows } = await pgPool().query<Row>(
    `SELECT c."id", m."historicalValueMinor"::text AS historical, m."predictedValueMinor"::text AS predicted,
            m."totalClvMinor"::text AS total, m."probabilityAlive" AS alive, m."rfmGroup" AS rfm,
            c."orderCount" AS "orderCount", c."firstOrderAt" AS "firstOrderAt", c."lastOrderAt" AS "lastOrderAt",
            m."firstPurchaseAt" AS "firstPurchaseAt", m."lastPurchaseAt" AS "lastPurchaseAt", c."country"::text AS country, c."acquisitionChannel" AS channel, c."tags", c."marketingConsent" AS consent
     FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id"
     WHERE c."archivedAt" IS NULL AND ($1::uuid[] IS NULL OR c."id" = ANY ($1::uuid[]))`,
    [customerIds ? [...customerIds] : null],
  );
  const toNumber = (value: string | null) => (value === null ? null : Number(value));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        historicalValueMinor: toNumber(row.historical),
        predictedValueMinor: toNumber(row.predicted),
        totalClvMinor: toNumber(row.total),
        probabilityAlive: row.alive,
        rfmGroup: row.rfm && isRfmGroup(row.rfm) ? row.rfm : null,
        orderCount: row.orderCount,
        firstOrderAt: row.firstOrderAt,
        lastOrderAt: row.lastOrderAt,
        firstPurchaseAt: row.firstPurchaseAt,
        lastPurchaseAt: row.lastPurchaseAt,
        country: row.country,
        acquisitionChannel: row.channel,
        tags: row.tags,
        marketingConsent: row.consent,
      },
    ]),
  );
}
