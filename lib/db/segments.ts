/** Segments: the built-in ones (created by the migration) and custom ones with their rules. */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { SegmentRule } from "@/lib/domain/segments/segment-rule";
import { changedFields, writeAuditEntry } from "./audit-log";
import type { Prisma, SegmentKind } from "./generated/prisma/client";
import { db, type Transaction } from "./client";
import { pgPool } from "./pg-pool";

export type SegmentForEvaluation = { id: string; key: string; kind: SegmentKind; rule: unknown; ruleVersion: number; state: unknown; archivedAt: Date | null };

export function listSegmentsForEvaluation(options: { includeArchived?: boolean } = {}): Promise<SegmentForEvaluation[]> {
  return db.segment.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    select: { id: true, key: true, kind: true, rule: true, ruleVersion: true, state: true, archivedAt: true },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
  });
}

export async function saveSegmentState(segmentId: string, state: unknown): Promise<void> {
  await db.segment.update({ where: { id: segmentId }, data: { state: state as Prisma.InputJsonValue } });
}

export function getSegmentByKey(key: string) {
  return db.segment.findUnique({ where: { key }, select: { id: true, key: true, kind: true, name: true, description: true, rule: true, ruleVersion: true, state: true, archivedAt: true } });
}

export function getSegment(id: string) {
  return db.segment.findUnique({ where: { id }, select: { id: true, key: true, kind: true, name: true, description: true, rule: true, ruleVersion: true, state: true, archivedAt: true, updatedAt: true } });
}

export type SegmentSummary = {
  id: string;
  key: string;
  kind: SegmentKind;
  name: string;
  description: string | null;
  members: number;
  totalClvMinor: number;
  averageClvMinor: number | null;
};

/** Every live segment with its member count and CLV totals, in one aggregation. */
export async function listSegmentSummaries(): Promise<{ segments: SegmentSummary[]; liveCustomers: number }> {
  const [{ rows }, { rows: totals }] = await Promise.all([
    pgPool().query<{ id: string; key: string; kind: SegmentKind; name: string; description: string | null; members: string; total: string | null }>(
      `SELECT s."id", s."key", s."kind", s."name", s."description",
              count(c."id") AS members, sum(m."totalClvMinor")::text AS total
       FROM "Segment" s
       LEFT JOIN "SegmentMembership" sm ON sm."segmentId" = s."id"
       LEFT JOIN "Customer" c ON c."id" = sm."customerId" AND c."archivedAt" IS NULL
       LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id"
       WHERE s."archivedAt" IS NULL
       GROUP BY s."id"
       ORDER BY s."kind", s."createdAt", s."key"`,
    ),
    pgPool().query<{ live: string }>(`SELECT count(*) AS live FROM "Customer" WHERE "archivedAt" IS NULL`),
  ]);
  return {
    liveCustomers: Number(totals[0]?.live ?? 0),
    segments: rows.map((row) => {
      const members = Number(row.members);
      const total = Number(row.total ?? 0);
      return { id: row.id, key: row.key, kind: row.kind, name: row.name, description: row.description, members, totalClvMinor: total, averageClvMinor: members ? Math.round(total / members) : null };
    }),
  };
}

/** The segments one customer belongs to now. */
export function listCustomerSegments(customerId: string) {
  return db.segmentMembership.findMany({
    where: { customerId, segment: { archivedAt: null } },
    select: { enteredAt: true, segment: { select: { id: true, key: true, kind: true, name: true, rule: true, state: true } } },
    orderBy: { enteredAt: "asc" },
  });
}

// --- Custom segments: created, edited and archived by managers with the rule builder ------------------------

export type CustomSegmentInput = { name: string; description: string | null; rule: SegmentRule };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A live custom segment, for the edit page; null for an unknown, archived, built-in or RFM segment. */
export async function getCustomSegment(id: string) {
  if (!UUID.test(id)) return null;
  return db.segment.findFirst({
    where: { id, kind: "CUSTOM", archivedAt: null },
    select: { id: true, key: true, name: true, description: true, rule: true, ruleVersion: true, updatedAt: true },
  });
}

export async function createCustomSegment(input: CustomSegmentInput, actorId: string): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  const key = `custom:${id}`;
  return db.$transaction(async (tx) => {
    const segment = await tx.segment.create({
      data: { id, key, kind: "CUSTOM", name: input.name, description: input.description, rule: input.rule as Prisma.InputJsonValue, ruleVersion: 1, createdById: actorId },
      select: { id: true, key: true },
    });
    await writeAuditEntry(tx, {
      actorId,
      action: "segment.create",
      entityType: "Segment",
      entityId: id,
      after: { key, name: input.name, description: input.description, rule: input.rule, ruleVersion: 1 } as Prisma.InputJsonValue,
    });
    return segment;
  });
}

/**
 * Saves a custom segment's name, description and rule. A changed rule is a new rule version (memberships and
 * their events name the version that decided them); a name or description edit keeps the version. Nothing
 * changed: nothing is written, not even an audit entry.
 */
export async function updateCustomSegment(id: string, input: CustomSegmentInput, actorId: string): Promise<{ ruleVersion: number; isRuleChanged: boolean }> {
  return db.$transaction(async (tx) => {
    const current = await lockCustomSegment(tx, id);
    const isRuleChanged = !sameJson(current.rule, input.rule);
    const details = changedFields({ name: current.name, description: current.description }, { name: input.name, description: input.description });
    const ruleVersion = isRuleChanged ? current.ruleVersion + 1 : current.ruleVersion;
    if (!isRuleChanged && Object.keys(details.after).length === 0) return { ruleVersion, isRuleChanged };
    await tx.segment.update({
      where: { id },
      data: { name: input.name, description: input.description, ...(isRuleChanged ? { rule: input.rule as Prisma.InputJsonValue, ruleVersion } : {}) },
    });
    const before = { ...details.before, ...(isRuleChanged ? { rule: current.rule, ruleVersion: current.ruleVersion } : {}) };
    const after = { ...details.after, ...(isRuleChanged ? { rule: input.rule, ruleVersion } : {}) };
    await writeAuditEntry(tx, { actorId, action: "segment.update", entityType: "Segment", entityId: id, before: before as Prisma.InputJsonValue, after: after as Prisma.InputJsonValue });
    return { ruleVersion, isRuleChanged };
  });
}

/** Archives a custom segment: it leaves every list; refreshOneSegment then lets its members exit, each with an event. */
export async function archiveCustomSegment(id: string, actorId: string, now: Date = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await lockCustomSegment(tx, id);
    await tx.segment.update({ where: { id }, data: { archivedAt: now } });
    await writeAuditEntry(tx, { actorId, action: "segment.archive", entityType: "Segment", entityId: id, before: { name: current.name, archivedAt: null }, after: { archivedAt: now.toISOString() } });
  });
}

/**
 * Reads a segment for a change, holding its row until the transaction ends, so two edits of one segment cannot
 * both bump the rule version from the same number. Unknown or archived → NOT_FOUND; built-in and RFM segments
 * are drawn by the admin settings and are refused here.
 */
async function lockCustomSegment(tx: Transaction, id: string) {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "This segment does not exist.");
  await tx.$queryRaw`SELECT 1 FROM "Segment" WHERE "id" = ${id}::uuid FOR UPDATE`;
  const segment = await tx.segment.findUnique({ where: { id }, select: { kind: true, name: true, description: true, rule: true, ruleVersion: true, archivedAt: true } });
  if (!segment || segment.archivedAt) throw new AppError("NOT_FOUND", "This segment does not exist.");
  if (segment.kind !== "CUSTOM") throw new AppError("FORBIDDEN", "Built-in and RFM segments are drawn by the admin settings.", { form: ["segmentNotCustom"] });
  return segment;
}

/** Equal as JSON regardless of key order (a stored jsonb comes back with its keys sorted). */
function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, entry]) => entry !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
