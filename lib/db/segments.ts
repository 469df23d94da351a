/** Segments: the built-in ones (created by the migration) and custom ones with their rules. */
import type { Prisma, SegmentKind } from "./generated/prisma/client";
import { db } from "./client";
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
