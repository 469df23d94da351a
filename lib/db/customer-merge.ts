/**
 * Merging one customer into another, in one transaction: both rows locked (in id order), checked, the other's
 * orders, notes, tasks, segment history, workflow runs, sent emails and aliases moved to the survivor, its
 * memberships dropped (the
 * survivor's segments are recomputed afterwards), the other deleted — which frees its email under the live
 * email index and its external id — then the survivor given the chosen values and the other's external id as an
 * alias, and an audit entry written. Any error rolls all of it back.
 *
 * Moving orders is an UPDATE of "Order", so the statement triggers recompute both customers' order aggregates.
 * Which value each field takes is decided by the caller's `resolve` (lib/services/customer-merge.ts).
 */
import { AppError } from "@/lib/errors";
import { writeAuditEntry } from "./audit-log";
import { db, type Transaction } from "./client";
import type { Prisma } from "./generated/prisma/client";

const RECORD_SELECT = {
  id: true, externalId: true, name: true, email: true, phone: true, company: true, country: true, city: true,
  acquisitionChannel: true, marketingConsent: true, marketingConsentAt: true, tags: true, customAttributes: true,
  ownerId: true, discountTier: true, createdAt: true, updatedAt: true, archivedAt: true, erasedAt: true, orderCount: true, totalSpentMinor: true,
} as const;

/** A customer as a merge reads it. */
export type MergeRecord = {
  id: string;
  externalId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  country: string | null;
  city: string | null;
  acquisitionChannel: string | null;
  marketingConsent: boolean;
  marketingConsentAt: Date | null;
  tags: string[];
  customAttributes: Record<string, unknown>;
  ownerId: string | null;
  discountTier: string | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
  erasedAt: Date | null;
  orderCount: number;
  totalSpentMinor: number;
};

/** What the survivor is given. */
export type MergedValues = Pick<
  MergeRecord,
  "name" | "email" | "phone" | "company" | "country" | "city" | "acquisitionChannel" | "marketingConsent" | "marketingConsentAt" | "ownerId" | "discountTier" | "tags" | "customAttributes"
>;

export type MergeMoved = { orders: number; notes: number; tasks: number; membershipEvents: number; workflowRuns: number; emails: number; aliases: number };

export type MergeOutcome = { survivorId: string; mergedId: string; values: MergedValues; moved: MergeMoved; aliases: string[] };

type Row = Prisma.CustomerGetPayload<{ select: typeof RECORD_SELECT }>;

function toRecord(row: Row): MergeRecord {
  const attributes = row.customAttributes;
  return {
    ...row,
    customAttributes: attributes && typeof attributes === "object" && !Array.isArray(attributes) ? (attributes as Record<string, unknown>) : {},
    totalSpentMinor: Number(row.totalSpentMinor),
  };
}

/** A side of the compare page: the customer with their value and what a merge would move. */
export type MergeCandidate = MergeRecord & {
  ownerName: string | null;
  totalClvMinor: number;
  /** Every order, cancelled ones included: what a merge moves (orderCount counts only the ones that count). */
  orders: number;
  notes: number;
  tasks: number;
  aliases: string[];
};

/** Both customers for the compare page, in the order asked; null where a customer does not exist. */
export async function getMergeCandidates(ids: readonly string[]): Promise<(MergeCandidate | null)[]> {
  const [rows, metrics, orders, notes, tasks, aliases] = await Promise.all([
    db.customer.findMany({ where: { id: { in: [...ids] } }, select: { ...RECORD_SELECT, owner: { select: { name: true } } } }),
    db.customerMetrics.findMany({ where: { customerId: { in: [...ids] } }, select: { customerId: true, totalClvMinor: true } }),
    db.order.groupBy({ by: ["customerId"], where: { customerId: { in: [...ids] } }, _count: { _all: true } }),
    db.note.groupBy({ by: ["customerId"], where: { customerId: { in: [...ids] } }, _count: { _all: true } }),
    db.task.groupBy({ by: ["customerId"], where: { customerId: { in: [...ids] } }, _count: { _all: true } }),
    db.customerAlias.findMany({ where: { customerId: { in: [...ids] } }, select: { customerId: true, externalId: true }, orderBy: { externalId: "asc" } }),
  ]);
  return ids.map((id) => {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) return null;
    const { owner, ...record } = row;
    return {
      ...toRecord(record),
      ownerName: owner?.name ?? null,
      totalClvMinor: Number(metrics.find((metric) => metric.customerId === id)?.totalClvMinor ?? 0),
      orders: orders.find((group) => group.customerId === id)?._count._all ?? 0,
      notes: notes.find((group) => group.customerId === id)?._count._all ?? 0,
      tasks: tasks.find((group) => group.customerId === id)?._count._all ?? 0,
      aliases: aliases.filter((alias) => alias.customerId === id).map((alias) => alias.externalId),
    };
  });
}

async function lockPair(tx: Transaction, survivorId: string, otherId: string): Promise<{ survivor: MergeRecord; other: MergeRecord }> {
  // Row locks in id order, like the order-aggregate trigger, so concurrent merges and order writes cannot deadlock.
  await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" IN (${survivorId}::uuid, ${otherId}::uuid) ORDER BY "id" FOR UPDATE`;
  const rows = await tx.customer.findMany({ where: { id: { in: [survivorId, otherId] } }, select: RECORD_SELECT });
  const survivor = rows.find((row) => row.id === survivorId);
  const other = rows.find((row) => row.id === otherId);
  if (!survivor || !other) throw new AppError("NOT_FOUND", "There is no customer with this id.");
  for (const row of [survivor, other]) {
    if (row.erasedAt) throw new AppError("CONFLICT", "An erased customer cannot be merged.", { form: ["customerErased"] });
    if (row.archivedAt) throw new AppError("CONFLICT", "An archived customer cannot be merged; restore them first.", { form: ["customerArchived"] });
  }
  return { survivor: toRecord(survivor), other: toRecord(other) };
}

function isLiveEmailConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === "P2002" || /Customer_live_email_key/.test(String(e?.message ?? ""));
}

export async function mergeCustomerRecords(input: {
  survivorId: string;
  otherId: string;
  expectedUpdatedAt?: { survivor: Date; other: Date };
  /** Decides the survivor's values from both records (may throw an AppError), with what the audit entry should add. */
  resolve: (survivor: MergeRecord, other: MergeRecord) => { values: MergedValues; auditDetail?: Record<string, unknown> };
  actorId: string | null;
}): Promise<MergeOutcome> {
  const { survivorId, otherId } = input;
  if (survivorId === otherId) throw new AppError("INVALID", "A customer cannot be merged with itself.", { otherId: ["mergeSelf"] });
  try {
    return await db.$transaction(async (tx) => {
      const { survivor, other } = await lockPair(tx, survivorId, otherId);
      const expected = input.expectedUpdatedAt;
      if (expected && (expected.survivor.getTime() !== survivor.updatedAt.getTime() || expected.other.getTime() !== other.updatedAt.getTime())) {
        throw new AppError("CONFLICT", "One of the customers was changed meanwhile.", { form: ["staleMerge"] });
      }
      const { values, auditDetail } = input.resolve(survivor, other);

      const moveTo = { where: { customerId: otherId }, data: { customerId: survivorId } };
      const orders = await tx.order.updateMany(moveTo);
      const notes = await tx.note.updateMany(moveTo);
      const tasks = await tx.task.updateMany(moveTo);
      const membershipEvents = await tx.segmentMembershipEvent.updateMany(moveTo);
      // A run started by hand for both customers by the same request cannot exist twice for one customer: the
      // survivor's stays, the other's goes with the other customer.
      const workflowRuns = await tx.$executeRaw`
        UPDATE "WorkflowRun" r SET "customerId" = ${survivorId}::uuid
        WHERE r."customerId" = ${otherId}::uuid
          AND NOT EXISTS (
            SELECT 1 FROM "WorkflowRun" s
            WHERE s."customerId" = ${survivorId}::uuid AND s."workflowId" = r."workflowId" AND s."manualRequestId" = r."manualRequestId")`;
      const emails = await tx.outboxEmail.updateMany(moveTo);
      const aliases = await tx.customerAlias.updateMany(moveTo);
      await tx.segmentMembership.deleteMany({ where: { customerId: otherId } });
      // Deleting the other frees its email (live email index) and its external id before the survivor takes them.
      await tx.customer.delete({ where: { id: otherId } });
      if (other.externalId) await tx.customerAlias.create({ data: { externalId: other.externalId, customerId: survivorId } });
      await tx.customer.update({
        where: { id: survivorId },
        data: { ...values, customAttributes: values.customAttributes as Prisma.InputJsonValue },
      });

      const moved = { orders: orders.count, notes: notes.count, tasks: tasks.count, membershipEvents: membershipEvents.count, workflowRuns, emails: emails.count, aliases: aliases.count };
      const allAliases = (await tx.customerAlias.findMany({ where: { customerId: survivorId }, select: { externalId: true }, orderBy: { externalId: "asc" } })).map((alias) => alias.externalId);
      await writeAuditEntry(tx, {
        actorId: input.actorId,
        action: "customer.merge",
        entityType: "Customer",
        entityId: survivorId,
        before: json({ survivor: auditView(survivor), merged: auditView(other) }),
        after: json({ survivorId, mergedId: otherId, values, moved, aliases: allAliases, ...auditDetail }),
      });
      return { survivorId, mergedId: otherId, values, moved, aliases: allAliases };
    });
  } catch (error) {
    if (isLiveEmailConflict(error)) throw new AppError("CONFLICT", "Another customer already uses this email.", { email: ["emailTaken"] });
    throw error;
  }
}

function auditView(record: MergeRecord) {
  const { createdAt: _created, updatedAt: _updated, archivedAt: _archived, erasedAt: _erased, ...rest } = record;
  return rest;
}

/** Dates as ISO strings, for a JSON column. */
function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
