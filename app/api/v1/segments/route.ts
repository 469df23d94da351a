import { handle } from "@/lib/api/endpoint";
import { listSegments } from "@/lib/api/endpoints";
import { listSegmentSummaries } from "@/lib/db/segments";

export const GET = handle(listSegments, async () => {
  const { segments } = await listSegmentSummaries();
  return { data: segments.map(({ key, kind, name, description, members, totalClvMinor }) => ({ key, kind, name, description, members, totalClvMinor })) };
});
