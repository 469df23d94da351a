/** A segment's members for the REST API: most valuable first, after a keyset cursor (total CLV, id). */
import { pgPool } from "./pg-pool";

export type SegmentMemberRow = { id: string; externalId: string | null; name: string; email: string | null; totalClvMinor: number; probabilityAlive: number | null; enteredAt: string };

export async function listSegmentMembersAfter(segmentId: string, after: [number, string] | null, limit: number): Promise<SegmentMemberRow[]> {
  const params: unknown[] = [segmentId, limit];
  let keyset = "";
  if (after) {
    params.push(after[0], after[1]);
    keyset = `AND (m."totalClvMinor", m."customerId") < ($3::bigint, $4::uuid)`;
  }
  const { rows } = await pgPool().query<Omit<SegmentMemberRow, "totalClvMinor" | "enteredAt"> & { totalClvMinor: string; enteredAt: Date }>(
    `SELECT c."id", c."externalId", c."name", c."email", m."totalClvMinor"::text AS "totalClvMinor", m."probabilityAlive", sm."enteredAt"
     FROM "SegmentMembership" sm
     JOIN "CustomerMetrics" m ON m."customerId" = sm."customerId"
     JOIN "Customer" c ON c."id" = sm."customerId"
     WHERE sm."segmentId" = $1::uuid AND c."archivedAt" IS NULL ${keyset}
     ORDER BY m."totalClvMinor" DESC, m."customerId" DESC
     LIMIT $2`,
    params,
  );
  return rows.map((row) => ({ ...row, totalClvMinor: Number(row.totalClvMinor), enteredAt: row.enteredAt.toISOString() }));
}
