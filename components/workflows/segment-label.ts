/**
 * A segment's name as staff read it: built-in segments and RFM groups by their translated names (from the
 * segments catalog), custom segments by their own name.
 */
import { isBuiltInSegmentKey, rfmGroupOf } from "@/components/segments/segment-groups";
import { RFM_GROUPS } from "@/lib/domain/rfm";

type Translate = { (key: string): string; has(key: string): boolean };
type Segment = { key: string; kind: "BUILTIN" | "RFM" | "CUSTOM"; name: string };

export function segmentLabel(segment: Segment, t: Translate): string {
  if (segment.kind === "BUILTIN" && isBuiltInSegmentKey(segment.key)) return t(`segments.builtIn.${segment.key}.name`);
  if (segment.kind === "RFM" && (RFM_GROUPS as readonly string[]).includes(rfmGroupOf(segment.key))) return t(`segments.rfm.${rfmGroupOf(segment.key)}.name`);
  return segment.name;
}

export type SegmentChoice = { id: string; label: string; group: "builtIn" | "rfm" | "custom" };

export function segmentChoices(segments: readonly (Segment & { id: string })[], t: Translate): SegmentChoice[] {
  const group = (kind: Segment["kind"]) => (kind === "BUILTIN" ? "builtIn" : kind === "RFM" ? "rfm" : "custom");
  return segments.map((segment) => ({ id: segment.id, label: segmentLabel(segment, t), group: group(segment.kind) }));
}
