/**
 * Customers as the REST API shows them: the list's filters with keyset pages that stay stable while customers are
 * added, and one customer (archived and erased ones included, flagged).
 */
import { customerListWhere, resolveFilters, type CustomerListFilters } from "./customer-list";
import { pgPool } from "./pg-pool";

const API_ROW = `
  c."id", c."externalId", c."name", c."email", c."phone", c."company", c."country"::text AS "country", c."city",
  c."acquisitionChannel", c."marketingConsent", c."tags", c."customAttributes", c."ownerId", c."archivedAt",
  c."erasedAt", c."orderCount", c."totalSpentMinor"::text AS "totalSpentMinor", c."firstOrderAt", c."lastOrderAt",
  c."createdAt", c."updatedAt"`;

export type ApiCustomerRow = {
  id: string; externalId: string | null; name: string; email: string | null; phone: string | null; company: string | null;
  country: string | null; city: string | null; acquisitionChannel: string | null; marketingConsent: boolean; tags: string[];
  customAttributes: unknown; ownerId: string | null; archivedAt: Date | null; erasedAt: Date | null; orderCount: number;
  totalSpentMinor: string; firstOrderAt: Date | null; lastOrderAt: Date | null; createdAt: Date; updatedAt: Date;
};

/**
 * Live customers matching the list's filters, oldest first, after a keyset cursor (createdAt, id): the REST API's
 * pagination, stable while customers are added. `externalId` finds one customer by a system's own id.
 */
export async function listCustomersAfter(query: CustomerListFilters & { externalId?: string }, after: [string, string] | null, limit: number): Promise<ApiCustomerRow[]> {
  const filters = await resolveFilters(query);
  if (!filters) return [];
  const params: unknown[] = [];
  let where = customerListWhere(filters, params);
  if (query.externalId) {
    params.push(query.externalId);
    where += ` AND (c."externalId" = $${params.length} OR c."id" IN (SELECT a."customerId" FROM "CustomerAlias" a WHERE a."externalId" = $${params.length}))`;
  }
  if (after) {
    params.push(after[0], after[1]);
    where += ` AND (c."createdAt", c."id") > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(limit);
  const { rows } = await pgPool().query<ApiCustomerRow>(`SELECT ${API_ROW} FROM "Customer" c WHERE ${where} ORDER BY c."createdAt", c."id" LIMIT $${params.length}`, params);
  return rows;
}

/** One customer as the API shows them (archived and erased ones included, flagged). */
export async function getApiCustomer(id: string): Promise<ApiCustomerRow | null> {
  const { rows } = await pgPool().query<ApiCustomerRow>(`SELECT ${API_ROW} FROM "Customer" c WHERE c."id" = $1`, [id]);
  return rows[0] ?? null;
}
