import { handle } from "@/lib/api/endpoint";
import { listDuplicates } from "@/lib/api/endpoints";
import { encodeCursor } from "@/lib/api/resources";
import { listDuplicatePairs } from "@/lib/db/duplicates";

export const GET = handle(listDuplicates, async ({ query }) => {
  const { pairs, next } = await listDuplicatePairs({ after: query.cursor, limit: query.limit });
  return { data: pairs, nextCursor: next ? encodeCursor(next) : null };
});
