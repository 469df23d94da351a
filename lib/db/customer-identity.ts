/**
 * Finding a customer by the id another system knows them by: their own external id, or one left to them by a
 * merge (CustomerAlias). Erased customers' external ids are kept only as SHA-256 hashes (ErasedExternalId), so
 * an import or API call that brings one back can be told so instead of silently recreating the person. The same
 * hash is computed in SQL as encode(sha256(convert_to(id, 'UTF8')), 'hex') for bulk paths.
 */
import { createHash } from "node:crypto";
import { db } from "./client";

export function hashExternalId(externalId: string): string {
  return createHash("sha256").update(externalId, "utf8").digest("hex");
}

/** SQL for the same hash, for set-based checks in imports. */
export const SQL_EXTERNAL_ID_HASH = (column: string) => `encode(sha256(convert_to(${column}, 'UTF8')), 'hex')`;

export async function findCustomerIdByExternalId(externalId: string): Promise<string | null> {
  const own = await db.customer.findUnique({ where: { externalId }, select: { id: true } });
  if (own) return own.id;
  const alias = await db.customerAlias.findUnique({ where: { externalId }, select: { customerId: true } });
  return alias?.customerId ?? null;
}

/** Whether the customer with this id exists and when they were erased (null if never); null if there is no such customer. */
export function findCustomerErasure(customerId: string): Promise<{ erasedAt: Date | null } | null> {
  return db.customer.findUnique({ where: { id: customerId }, select: { erasedAt: true } });
}

/** When the person with this external id was erased, or null if never. */
export async function erasedAt(externalId: string): Promise<Date | null> {
  const tombstone = await db.erasedExternalId.findUnique({ where: { externalIdHash: hashExternalId(externalId) }, select: { erasedAt: true } });
  return tombstone?.erasedAt ?? null;
}
