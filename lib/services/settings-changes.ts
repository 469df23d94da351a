/**
 * Changing the admin settings: a preview of who would enter and leave the built-in segments, then the save
 * (a new version with an audit entry) and its effect: threshold changes redraw memberships at once; changes to
 * how CLV is computed queue a recompute (which redraws them when it is done).
 *
 * Every save is of values the admin has seen previewed: the preview comes with a token for exactly those values
 * and the version they were previewed against, and the save action refuses values without a matching token.
 */
import { createHash } from "node:crypto";
import { previewSegment } from "@/lib/db/segment-memberships";
import { compileSegmentRule } from "@/lib/db/segment-rule-sql";
import { listSegmentOptions } from "@/lib/db/segment-options";
import { getSettings, saveSettings } from "@/lib/db/settings";
import { lifecycleSegmentRules, LIFECYCLE_SEGMENTS } from "@/lib/domain/segments/lifecycle-segments";
import type { CrmSettings } from "@/lib/schemas/crm-settings";
import { changesClvFigures } from "@/lib/schemas/settings-form";
import { requestRecompute } from "./recompute-runs";
import { atRiskClause, bothConditions, drawVipLines, refreshAllSegments, vipCondition, type VipLines } from "./segment-refresh";

export type SegmentPreview = { key: string; membersAfter: number; entering: number; leaving: number };

export type SettingsPreview = {
  segments: SegmentPreview[];
  vipLines: VipLines;
  /** The change moves CLV figures: counts use today's figures, and a recompute follows the save. */
  recomputeNeeded: boolean;
  /** Proof for the save that these values, against this version, were previewed (see previewMatches). */
  token: string;
};

/**
 * A digest of the values and the settings version they were previewed against. Not a secret: the admin may save
 * anything they could preview; it makes sure the save is of what the preview showed, not of fields edited since.
 */
export function previewToken(values: CrmSettings, version: number): string {
  return createHash("sha256").update(`${version}:${canonicalJson(values)}`).digest("base64url");
}

export function previewMatches(values: CrmSettings, version: number, token: string | undefined): boolean {
  return typeof token === "string" && token === previewToken(values, version);
}

/** JSON with object keys sorted, so the same values always give the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Who would enter and leave each built-in segment under `values`, without changing anything. */
export async function previewSettings(values: CrmSettings, now: Date = new Date()): Promise<SettingsPreview> {
  const [current, segments] = await Promise.all([getSettings(), listSegmentOptions()]);
  const ids = new Map(segments.map((segment) => [segment.key, segment.id]));
  const vipLines = await drawVipLines(values);
  const previews: SegmentPreview[] = [];
  const vipId = ids.get("vip");
  if (vipId) {
    const vip = vipCondition(vipId, values.vip.basis, vipLines);
    previews.push({ key: "vip", ...toPreview(await previewSegment(vipId, vip)) });
    const atRiskVipId = ids.get("at_risk_vip");
    if (atRiskVipId) {
      // At-risk VIPs are drawn from the VIPs under the new lines.
      previews.push({ key: "at_risk_vip", ...toPreview(await previewSegment(atRiskVipId, bothConditions(vip, atRiskClause(values.lifecycle, now)))) });
    }
  }
  const rules = lifecycleSegmentRules(values.lifecycle);
  for (const key of LIFECYCLE_SEGMENTS) {
    const id = ids.get(key);
    if (!id) continue;
    previews.push({ key, ...toPreview(await previewSegment(id, (first) => compileSegmentRule(rules[key], { now, firstParam: first }))) });
  }
  return { segments: previews, vipLines, recomputeNeeded: changesClvFigures(current.values, values), token: previewToken(values, current.version) };
}

function toPreview(preview: { members: number; entering: number; leaving: number }) {
  return { membersAfter: preview.members, entering: preview.entering, leaving: preview.leaving };
}

export type SettingsApplied = { version: number; membershipChanges: number | null; recomputeRunId: string | null };

export async function applySettings(values: CrmSettings, options: { actorId: string; expectedVersion: number; suppressWorkflows: boolean; now?: Date }): Promise<SettingsApplied> {
  const before = await getSettings();
  const saved = await saveSettings(values, { actorId: options.actorId, expectedVersion: options.expectedVersion });
  if (changesClvFigures(before.values, saved.values)) {
    const { run } = await requestRecompute({ trigger: "SETTINGS_CHANGE", requestedById: options.actorId, suppressWorkflows: options.suppressWorkflows });
    return { version: saved.version, membershipChanges: null, recomputeRunId: run.id };
  }
  // Under the full-refresh lock with the settings in force then: this version, or a newer one saved meanwhile.
  const changes = await refreshAllSegments({ now: options.now ?? new Date(), suppressWorkflows: options.suppressWorkflows });
  return { version: saved.version, membershipChanges: changes.entered + changes.exited, recomputeRunId: null };
}
