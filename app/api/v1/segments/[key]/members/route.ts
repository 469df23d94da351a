import { handle } from "@/lib/api/endpoint";
import { listSegmentMembers } from "@/lib/api/endpoints";
import { encodeCursor } from "@/lib/api/resources";
import { getSegmentByKey } from "@/lib/db/segments";
import { listSegmentMembersAfter } from "@/lib/db/segment-members";
import { AppError } from "@/lib/errors";

export const GET = handle(listSegmentMembers, async ({ params, query }) => {
  const segment = await getSegmentByKey(decodeURIComponent(params.key));
  if (!segment || segment.archivedAt) throw new AppError("NOT_FOUND", "There is no segment with this key.");
  const rows = await listSegmentMembersAfter(segment.id, query.cursor, query.limit + 1);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor([last.totalClvMinor, last.id]) : null };
});
