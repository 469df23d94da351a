/** The live segments as filter options: key, kind and (for custom segments) their own name. */
import { db } from "./client";

export function listSegmentOptions() {
  return db.segment.findMany({
    where: { archivedAt: null },
    select: { id: true, key: true, kind: true, name: true },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
  });
}
