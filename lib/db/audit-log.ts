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

export async function writeAuditEntry(tx: Transaction, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: entry });
}

/** The same, on a plain pg client in its transaction (the workflow engine's writes). */
export async function writeAuditRow(client: Pick<pg.PoolClient, "query">, entry: AuditEntry): Promise<void> {
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
