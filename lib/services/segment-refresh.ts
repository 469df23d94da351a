/**
 * Which segments exist and how each one is decided, from the admin settings and the custom rules, and the
 * refresh that brings every membership in line: after a recompute (everyone), after a threshold or rule change
 * (everyone), and after one customer's orders change (that customer only).
 *
 * Order matters: VIP is refreshed before at-risk VIP, which is defined over VIP membership.
 */
import { compileSegmentRule } from "@/lib/db/segment-rule-sql";
import { listSegmentsForEvaluation, saveSegmentState, type SegmentForEvaluation } from "@/lib/db/segments";
import { analyzeMemberships, loadVipBasisValues, refreshSegment, type SegmentEvaluation, type SqlCondition } from "@/lib/db/segment-memberships";
import { lifecycleSegmentRules, type LifecycleSegment } from "@/lib/domain/segments/lifecycle-segments";
import { parseSegmentRule } from "@/lib/domain/segments/segment-rule";
import { vipLines, type VipRule } from "@/lib/domain/segments/vip";
import type { CrmSettings } from "@/lib/schemas/crm-settings";
import { getSettings } from "@/lib/db/settings";

export type VipLines = { enterMinor: number; exitMinor: number };

/** What the VIP segment's last full evaluation used; kept on the segment row to rescore one customer alike. */
export type VipState = VipLines & { basis: VipRule["basis"]; mode: VipRule["mode"]; settingsVersion: number; computedAt: string };

const basisColumn = (basis: VipRule["basis"]) => (basis === "predicted" ? `m."predictedValueMinor"` : `m."totalClvMinor"`);

function memberOf(segmentId: string, param: number): string {
  return `EXISTS (SELECT 1 FROM "SegmentMembership" sm WHERE sm."segmentId" = $${param}::uuid AND sm."customerId" = c."id")`;
}

export function vipCondition(segmentId: string, basis: VipRule["basis"], lines: VipLines) {
  return (first: number): SqlCondition => ({
    // Hysteresis: at or above the entry line, or already a VIP and still at or above the exit line.
    sql: `(${basisColumn(basis)} >= $${first}::bigint OR (${memberOf(segmentId, first + 2)} AND ${basisColumn(basis)} >= $${first + 1}::bigint))`,
    params: [lines.enterMinor, lines.exitMinor, segmentId],
  });
}

export function atRiskVipCondition(vipSegmentId: string, atRiskBelow: number) {
  return (first: number): SqlCondition => ({
    sql: `(${memberOf(vipSegmentId, first)} AND m."probabilityAlive" < $${first + 1}::float8)`,
    params: [vipSegmentId, atRiskBelow],
  });
}

/** `vip` null: the lines are unknown (no full refresh under these settings yet), so VIP memberships are left as they are. */
export type EvaluationContext = { settings: CrmSettings; settingsVersion: number; now: Date; vip: VipLines | null };

/** The evaluation of every live segment, in refresh order. */
export function segmentEvaluations(segments: readonly SegmentForEvaluation[], context: EvaluationContext): SegmentEvaluation[] {
  const { settings, settingsVersion, now } = context;
  const byKey = new Map(segments.map((segment) => [segment.key, segment]));
  const vip = byKey.get("vip");
  const lifecycleRules = lifecycleSegmentRules(settings.lifecycle);
  const evaluations: SegmentEvaluation[] = [];
  if (vip && context.vip) {
    evaluations.push({
      segmentId: vip.id,
      condition: vipCondition(vip.id, settings.vip.basis, context.vip),
      reason: { rule: "vip", basis: settings.vip.basis, mode: settings.vip.mode, ...context.vip, enterTopPercent: settings.vip.enterTopPercent, exitTopPercent: settings.vip.exitTopPercent, horizonMonths: settings.clv.horizonMonths },
      ruleVersion: settingsVersion,
    });
    const atRiskVip = byKey.get("at_risk_vip");
    if (atRiskVip) {
      evaluations.push({
        segmentId: atRiskVip.id,
        condition: atRiskVipCondition(vip.id, settings.lifecycle.atRiskBelow),
        reason: { rule: "at_risk_vip", atRiskBelow: settings.lifecycle.atRiskBelow },
        ruleVersion: settingsVersion,
      });
    }
  }
  for (const segment of segments) {
    if (segment.kind === "BUILTIN" && segment.key in lifecycleRules) {
      const rule = lifecycleRules[segment.key as LifecycleSegment];
      evaluations.push({
        segmentId: segment.id,
        condition: (first) => compileSegmentRule(rule, { now, firstParam: first }),
        reason: { rule: segment.key, thresholds: settings.lifecycle },
        ruleVersion: settingsVersion,
      });
    } else if (segment.kind === "RFM") {
      const group = segment.key.slice("rfm:".length);
      evaluations.push({
        segmentId: segment.id,
        condition: (first) => ({ sql: `m."rfmGroup" = $${first}::text`, params: [group] }),
        reason: { rule: "rfm", group, edges: settings.rfmEdges },
        ruleVersion: settingsVersion,
      });
    } else if (segment.kind === "CUSTOM" && segment.rule) {
      const parsed = parseSegmentRule(segment.rule);
      // A stored rule that no longer validates matches nobody rather than everybody.
      const rule = parsed.success ? parsed.data : null;
      evaluations.push({
        segmentId: segment.id,
        condition: (first) => (rule ? compileSegmentRule(rule, { now, firstParam: first }) : { sql: "FALSE", params: [] }),
        reason: { rule: "custom", segmentKey: segment.key, ruleVersion: segment.ruleVersion },
        ruleVersion: segment.ruleVersion,
      });
    }
  }
  return evaluations;
}

export type RefreshAllOptions = {
  settings: CrmSettings;
  settingsVersion: number;
  now: Date;
  runId?: string | null;
  suppressWorkflows?: boolean;
  /** Only these customers, with the VIP lines of the last full refresh. */
  customerIds?: readonly string[];
  onSegmentDone?: (done: number, total: number) => void;
};

/** Refreshes every segment; a full refresh (no customerIds) also redraws and stores the VIP lines. */
export async function refreshAllSegments(options: RefreshAllOptions): Promise<{ entered: number; exited: number; vip: VipLines | null }> {
  const segments = await listSegmentsForEvaluation();
  const vipSegment = segments.find((segment) => segment.key === "vip");
  const vip = options.customerIds ? storedVipLines(vipSegment, options.settings) : await drawVipLines(options.settings);
  if (!options.customerIds && vipSegment && vip) {
    const state: VipState = { ...vip, basis: options.settings.vip.basis, mode: options.settings.vip.mode, settingsVersion: options.settingsVersion, computedAt: options.now.toISOString() };
    await saveSegmentState(vipSegment.id, state);
  }
  const evaluations = segmentEvaluations(segments, { settings: options.settings, settingsVersion: options.settingsVersion, now: options.now, vip });
  let entered = 0;
  let exited = 0;
  let done = 0;
  const refresh = async (evaluation: SegmentEvaluation) => {
    const result = await refreshSegment(evaluation, {
      now: options.now,
      settingsVersion: options.settingsVersion,
      runId: options.runId,
      suppressWorkflows: options.suppressWorkflows,
      customerIds: options.customerIds,
    });
    entered += result.entered;
    exited += result.exited;
    options.onSegmentDone?.(++done, evaluations.length);
  };
  // VIP and at-risk VIP in order (the second reads the first's members); the others are independent, so a
  // full refresh runs them two at a time on two connections (measured: the database then uses both cores).
  const ordered = evaluations.filter((evaluation) => evaluation.segmentId === byKeyId(segments, "vip") || evaluation.segmentId === byKeyId(segments, "at_risk_vip"));
  const independent = evaluations.filter((evaluation) => !ordered.includes(evaluation));
  for (const evaluation of ordered) await refresh(evaluation);
  await runConcurrently(independent, options.customerIds ? 1 : 2, refresh);
  // Fresh statistics after many changes, so list queries filtered by segment are planned on the new sizes.
  if (!options.customerIds && entered + exited > 1000) await analyzeMemberships();
  return { entered, exited, vip };
}

export async function drawVipLines(settings: CrmSettings): Promise<VipLines> {
  const values = settings.vip.mode === "topPercent" ? await loadVipBasisValues(settings.vip.basis) : new Float64Array(0);
  return vipLines(settings.vip, values);
}

function storedVipLines(segment: SegmentForEvaluation | undefined, settings: CrmSettings): VipLines | null {
  const state = segment?.state as Partial<VipState> | null | undefined;
  if (state && typeof state.enterMinor === "number" && typeof state.exitMinor === "number" && state.basis === settings.vip.basis && state.mode === settings.vip.mode) {
    return { enterMinor: state.enterMinor, exitMinor: state.exitMinor };
  }
  // No full refresh under these settings yet: amount lines are known; top-N % lines are not.
  return settings.vip.mode === "amount" ? { enterMinor: settings.vip.enterAmountMinor, exitMinor: settings.vip.exitAmountMinor } : null;
}

function byKeyId(segments: readonly SegmentForEvaluation[], key: string): string | undefined {
  return segments.find((segment) => segment.key === key)?.id;
}

/** Runs `work` over `items` with at most `concurrency` at a time; rejects with the first failure. */
export async function runConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * Brings one segment's members in line now (a custom segment was created or its rule changed). An archived
 * segment matches nobody, so archiving it lets every member exit, each with an event.
 */
export async function refreshOneSegment(segmentId: string, options: { now?: Date; suppressWorkflows?: boolean } = {}): Promise<{ entered: number; exited: number }> {
  const now = options.now ?? new Date();
  const [segments, settings] = await Promise.all([listSegmentsForEvaluation({ includeArchived: true }), getSettings()]);
  const segment = segments.find((candidate) => candidate.id === segmentId);
  if (!segment) return { entered: 0, exited: 0 };
  if (segment.archivedAt) {
    return refreshSegment(
      { segmentId, condition: () => ({ sql: "FALSE", params: [] }), reason: { rule: "archived", segmentKey: segment.key }, ruleVersion: segment.ruleVersion },
      { now, settingsVersion: settings.version, suppressWorkflows: options.suppressWorkflows },
    );
  }
  const vipSegment = segments.find((candidate) => candidate.key === "vip");
  const evaluation = segmentEvaluations([segment, ...(vipSegment && segment.key === "at_risk_vip" ? [vipSegment] : [])], {
    settings: settings.values,
    settingsVersion: settings.version,
    now,
    vip: storedVipLines(vipSegment, settings.values),
  }).find((candidate) => candidate.segmentId === segmentId);
  if (!evaluation) return { entered: 0, exited: 0 };
  return refreshSegment(evaluation, { now, settingsVersion: settings.version, suppressWorkflows: options.suppressWorkflows });
}
