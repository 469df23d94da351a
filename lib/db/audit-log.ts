/**
 * The audit log: who changed what and when. Writes made for another system through the REST API have no staff
 * actor; every entry written while an API request runs (`withAuditSource`, set by lib/api/endpoint.ts) names the
 * API key in `after.apiKey` ({ id, name }), whichever data function writes it — orders, refunds, customers,
 * merges, erasures — so no write path can forget it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import type { Prisma } from "./generated/prisma/client";
import type { Transaction } from "./client";
import { db } from "./client";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/** The API key an entry was written for; kept in `after` (the log has no column for it). */
export type AuditApiKey = { id: string; name: string };
export type AuditSource = { apiKey: AuditApiKey };

const auditSource = new AsyncLocalStorage<AuditSource>();

/** Runs `work` so that every audit entry written meanwhile (in any awaited call) names this source. */
export function withAuditSource<T>(source: AuditSource, work: () => Promise<T>): Promise<T> {
  return auditSource.run(source, work);
}

function withSource(entry: AuditEntry): AuditEntry {
  const source = auditSource.getStore();
  if (!source) return entry;
  const after = entry.after;
  const details = after && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, Prisma.InputJsonValue>) : after === undefined || after === null ? {} : { value: after };
  return { ...entry, after: { ...details, apiKey: source.apiKey } };
}

/** The API key named in an entry's `after`, if it was written for one. */
export function auditApiKey(after: unknown): AuditApiKey | null {
  const apiKey = after && typeof after === "object" ? (after as { apiKey?: unknown }).apiKey : undefined;
  if (!apiKey || typeof apiKey !== "object") return null;
  const { id, name } = apiKey as Record<string, unknown>;
  return typeof id === "string" && typeof name === "string" ? { id, name } : null;
}

export async function writeAuditEntry(tx: Transaction, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: withSource(entry) });
}

/** The same, on a plain pg client in its transaction (the workflow engine's writes). */
export async function writeAuditRow(client: Pick<pg.PoolClient, "query">, auditEntry: AuditEntry): Promise<void> {
  const entry = withSource(auditEntry);
  await client.query(`INSERT INTO "AuditLog" ("actorId", "action", "entityType", "entityId", "before", "after") VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6::jsonb)`, [
    entry.actorId,
    entry.action,
    entry.entityType,
    entry.entityId ?? null,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  ]);
}

/** Newest first; `beforeId` pages back from an entry (keyset paging, stable while new entries arrive). */
export function listAuditEntries(options: { take: number; entityType?: string; entityId?: string; beforeId?: bigint }) {
  return db.auditLog.findMany({
    where: { entityType: options.entityType, entityId: options.entityId, ...(options.beforeId ? { id: { lt: options.beforeId } } : {}) },
    orderBy: { id: "desc" },
    take: options.take,
    select: { id: true, action: true, entityType: true, entityId: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } },
  });
}

/** The fields whose values differ, as {before, after}, for an audit entry that says only what changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changed: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
  for (const key of Object.keys(after)) {
    const [a, b] = [before[key], after[key]];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b);
    if (!same) {
      changed.before[key] = a ?? null;
      changed.after[key] = b ?? null;
    }
  }
  return changed;
}

type AuditReader = Pick<Transaction, "$queryRaw">;

/**
 * The ids a customer's history is filed under: their own, and those of every customer merged into them (a merge
 * deletes the other customer, but their earlier entries stay under their old id; the merge entry names it).
 */
export async function listCustomerHistoryIds(client: AuditReader, customerId: string): Promise<string[]> {
  const rows = await client.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE merged(id) AS (
      SELECT ${customerId}::text
      UNION
      SELECT a."after"->>'mergedId' FROM "AuditLog" a JOIN merged m ON a."entityId" = m.id
      WHERE a."entityType" = 'Customer' AND a."action" = 'customer.merge' AND a."after"->>'mergedId' IS NOT NULL
    )
    SELECT id FROM merged`;
  return rows.map((row) => row.id);
}

/** Every email address the customer entries under these ids recorded (creates, changes, both sides of merges). */
export async function listAuditedEmails(client: AuditReader, entityIds: readonly string[]): Promise<string[]> {
  const rows = await client.$queryRaw<{ email: string }[]>`
    SELECT DISTINCT lower(email) AS email FROM "AuditLog" a,
      LATERAL (VALUES (a."before"->>'email'), (a."after"->>'email'), (a."before"->'merged'->>'email'), (a."before"->'survivor'->>'email'), (a."after"->'values'->>'email')) AS v(email)
    WHERE a."entityType" = 'Customer' AND a."entityId" = ANY (${[...entityIds]}::text[]) AND email IS NOT NULL AND email <> ''`;
  return rows.map((row) => row.email);
}

/**
 * Erasure: the entries under these customer ids keep that a change happened (action, time, actor, the API key
 * that made it), not what it was.
 */
export async function scrubCustomerAuditEntries(tx: Pick<Transaction, "$executeRaw">, entityIds: readonly string[]): Promise<number> {
  return tx.$executeRaw`
    UPDATE "AuditLog" SET
      "before" = '{"erased": true}'::jsonb,
      "after" = '{"erased": true}'::jsonb || CASE WHEN jsonb_typeof("after") = 'object' AND "after" ? 'apiKey' THEN jsonb_build_object('apiKey', "after"->'apiKey') ELSE '{}'::jsonb END
    WHERE "entityType" = 'Customer' AND "entityId" = ANY (${[...entityIds]}::text[])`;
}

/** The change log of one customer's history (their own id and the ids merged into them), oldest first. */
function listCustomerAuditEntries(entityIds: readonly string[]) {
  return db.auditLog.findMany({
    where: { entityType: "Customer", entityId: { in: [...entityIds] } },
    orderBy: { id: "asc" },
    select: { entityId: true, action: true, createdAt: true, before: true, after: true, actor: { select: { name: true } } },
  });
}

/** The change log of a customer and of every customer merged into them, oldest first. */
export async function listCustomerHistoryAuditEntries(customerId: string) {
  return listCustomerAuditEntries(await listCustomerHistoryIds(db, customerId));
}
