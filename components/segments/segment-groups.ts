/**
 * How the segments page orders and links segments: built-in ones in a fixed reading order (VIP first), then the
 * RFM groups in the order of docs/rfm-groups.md, then custom segments as created. Each links to its members in
 * the customers list, most valuable first.
 */
import { RFM_GROUPS } from "@/lib/domain/rfm";

export const BUILT_IN_SEGMENT_KEYS = ["vip", "at_risk_vip", "new", "active", "at_risk", "lost"] as const;
export type BuiltInSegmentKey = (typeof BUILT_IN_SEGMENT_KEYS)[number];

type Grouped = { key: string; kind: "BUILTIN" | "RFM" | "CUSTOM" };

export type SegmentGroups<Segment> = { builtIn: Segment[]; rfm: Segment[]; custom: Segment[] };

export function isBuiltInSegmentKey(key: string): key is BuiltInSegmentKey {
  return (BUILT_IN_SEGMENT_KEYS as readonly string[]).includes(key);
}

/** Segments by group; built-in and RFM segments the page has no words for (an unknown key) are left out. */
export function groupSegments<Segment extends Grouped>(segments: readonly Segment[]): SegmentGroups<Segment> {
  const rank = (order: readonly string[], key: string) => order.indexOf(key);
  return {
    builtIn: segments
      .filter((segment) => segment.kind === "BUILTIN" && isBuiltInSegmentKey(segment.key))
      .sort((a, b) => rank(BUILT_IN_SEGMENT_KEYS, a.key) - rank(BUILT_IN_SEGMENT_KEYS, b.key)),
    rfm: segments
      .filter((segment) => segment.kind === "RFM" && (RFM_GROUPS as readonly string[]).includes(rfmGroupOf(segment.key)))
      .sort((a, b) => rank(RFM_GROUPS, rfmGroupOf(a.key)) - rank(RFM_GROUPS, rfmGroupOf(b.key))),
    custom: segments.filter((segment) => segment.kind === "CUSTOM"),
  };
}

/** "rfm:champions" → "champions". */
export function rfmGroupOf(key: string): string {
  return key.startsWith("rfm:") ? key.slice("rfm:".length) : "";
}

/** The segment's members in the customers list, largest total CLV first. Keys are letters, digits, "_", "-" and ":". */
export function segmentMembersHref(key: string): `/customers?${string}` {
  return `/customers?segment=${encodeURIComponent(key).replaceAll("%3A", ":")}&sort=totalClv`;
}

/** A segment's share of the live customers, 0–1; 0 when there are none. */
export function shareOfCustomers(members: number, liveCustomers: number): number {
  return liveCustomers > 0 ? members / liveCustomers : 0;
}
