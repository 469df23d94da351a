import { z } from "zod";
import { handle } from "@/lib/api/endpoint";
import { listDuplicates } from "@/lib/api/endpoints";
import { decodeCursor, encodeCursor } from "@/lib/api/resources";
import { listDuplicatePairs, type DuplicateCursor } from "@/lib/db/duplicates";

export const GET = handle(listDuplicates, async ({ query }) => {
  const after = decodeCursor(query.cursor, ["number", "string", "string"]) as DuplicateCursor | null;
  if (after && !(z.uuid().safeParse(after[1]).success && z.uuid().safeParse(after[2]).success)) {
    throw new z.ZodError([{ code: "custom", path: ["cursor"], message: "cursorInvalid", input: query.cursor }]);
  }
  const { pairs, next } = await listDuplicatePairs({ after, limit: query.limit });
  return { data: pairs, nextCursor: next ? encodeCursor(next) : null };
});
