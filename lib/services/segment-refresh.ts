/**
 * Which segments exist and how each one is decided, from the admin settings and the custom rules, and the
 * refresh that brings every membership in line: after a recompute (everyone), after a threshold or rule change
 * (everyone), and after one customer's orders change (that customer only).
 *
 * Order matters: VIP is refreshed before at-risk VIP, which is defined over VIP membership.
 *
 * A full refresh always uses the settings in force when it starts, read under a lock that lets one full refresh
 * run at a time (withFullRefreshLock): a recompute that began before an admin moved a line redraws the
 * memberships with the new line, and cannot undo the refresh the admin's save made.
 */
import { compileSegmentRule } from "@/lib/db/segment-rule-sql";
import { listSegmentsForEvaluation, saveSegmentState, type SegmentForEvaluation } from "@/lib/db/segments";
import { analyzeMemberships, loadVipBasisValues, refreshSegment, withFullRefreshLock, type SegmentEvaluation, type SqlCondition } from "@/lib/db/segment-memberships";
import { daysBefore } from "@/lib/domain/segments/customer-facts";
import { lifecycleSegmentRules, type LifecycleSegment, type LifecycleThresholds } from "@/lib/domain/segments/lifecycle-segments";
import { parseSegmentRule } from "@/lib/domain/segments/segment-rule";
import { vipLines, type VipRule } from "@/lib/domain/segments/vip";
import type { CrmSettings } from "@/lib/schemas/crm-settings";
import { getSettings, type SettingsInForce } from "@/lib/db/settings";

export type VipLines = { enterMinor: number; exitMinor: number };

/** What the VIP segment's last full evaluation used; kept on the segment row to rescore one customer alike. */
export type VipState = VipLines & { basis: VipRule["basis"]; mode: VipRule["mode"]; settingsVersion: number; computedAt: string };

const basisColumn = (basis: VipRule["basis"]) => (basis === "predicted" ? `m."predictedValueMinor"` : `m."totalClvMinor"`);

function memberOf(segmentId: string, param: number): string {
  return `EXISTS (SELECT 1 FROM "SegmentMembership" sm WHERE sm."segmentId" = $${param}::uuid AND sm."customerId" = c."id")`;
}

export function vipCondition(segmentId: string, basis: VipRule["basis"], lines: VipLines) {
  return (first: number): SqlCondition => ({
    // Hysteresis: at or above the entry line, or already a VIP and still at or above the exit line. A customer
    // worth nothing is never a VIP, whatever the lines say.
    sql: `(${basisColumn(basis)} > 0 AND (${basisColumn(basis)} >= $${first}::bigint OR (${memberOf(segmentId, first + 2)} AND ${basisColumn(basis)} >= $${first + 1}::bigint)))`,
    params: [lines.enterMinor, lines.exitMinor, segmentId],
  });
}

/**
 * At risk, for a VIP: P(alive) below the at-risk line; without a model (no P(alive)), as many days since the last
 * purchase as make an ordinary customer at risk (the lifecycle rules' fallback, lib/domain/segments/lifecycle-segments.ts).
 */
export function atRiskClause(lifecycle: Pick<LifecycleThresholds, "atRiskBelow" | "atRiskDays">, now: Date) {
  return (first: number): SqlCondition => ({
    sql: `(m."probabilityAlive" < $${first}::float8 OR (m."probabilityAlive" IS NULL AND m."lastPurchaseAt" <= $${first + 1}::timestamptz))`,
    params: [lifecycle.atRiskBelow, daysBefore(now, lifecycle.atRiskDays).toISOString()],
  });
}

/** Both conditions over one numbering of parameters. */
export function bothConditions(left: (first: number) => SqlCondition, right: (first: number) => SqlCondition) {
  return (first: number): SqlCondition => {
    const a = left(first);
    const b = right(first + a.params.length);
    return { sql: `(${a.sql} AND ${b.sql})`, params: [...a.params, ...b.params] };
  };
}

export function atRiskVipCondition(vipSegmentId: string, lifecycle: Pick<LifecycleThresholds, "atRiskBelow" | "atRiskDays">, now: Date) {
  const isVip = (first: number): SqlCondition => ({ sql: memberOf(vipSegmentId, first), params: [vipSegmentId] });
  return bothConditions(isVip, atRiskClause(lifecycle, now));
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
        condition: atRiskVipCondition(vip.id, settings.lifecycle, now),
        reason: { rule: "at_risk_vip", atRiskBelow: settings.lifecycle.atRiskBelow, atRiskDays: settings.lifecycle.atRiskDays },
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

type CommonRefreshOptions = {
  now: Date;
  runId?: string | null;
  suppressWorkflows?: boolean;
  onSegmentDone?: (done: number, total: number) => void;
};

export type RefreshAllOptions = CommonRefreshOptions &
  (
    | {
        /** Only these customers, with the VIP lines of the last full refresh. */
        customerIds: readonly string[];
        settings: CrmSettings;
        settingsVersion: number;
      }
    | { customerIds?: undefined; settings?: never; settingsVersion?: never }
  );

export type RefreshAllResult = { entered: number; exited: number; vip: VipLines | null; settingsVersion: number };

/**
 * Refreshes every segment. A full refresh (no customerIds) reads the settings in force under the full-refresh
 * lock, redraws and stores the VIP lines; a refresh of some customers uses the settings it is given.
 */
export async function refreshAllSegments(options: RefreshAllOptions): Promise<RefreshAllResult> {
  if (options.customerIds) return refreshWith({ version: options.settingsVersion, values: options.settings }, options);
  return withFullRefreshLock(async () => refreshWith(await getSettings(), options));
}

async function refreshWith(settingsInForce: Pick<SettingsInForce, "version" | "values">, options: CommonRefreshOptions & { customerIds?: readonly string[] }): Promise<RefreshAllResult> {
  const { values: settings, version: settingsVersion } = settingsInForce;
  const segments = await listSegmentsForEvaluation();
  const vipSegment = segments.find((segment) => segment.key === "vip");
  const vip = options.customerIds ? storedVipLines(vipSegment, settings) : await drawVipLines(settings);
  if (!options.customerIds && vipSegment && vip) {
    const state: VipState = { ...vip, basis: settings.vip.basis, mode: settings.vip.mode, settingsVersion, computedAt: options.now.toISOString() };
    await saveSegmentState(vipSegment.id, state);
  }
  const evaluations = segmentEvaluations(segments, { settings, settingsVersion, now: options.now, vip });
  let entered = 0;
  let exited = 0;
  let done = 0;
  const refresh = async (evaluation: SegmentEvaluation) => {
    const result = await refreshSegment(evaluation, {
      now: options.now,
      settingsVersion,
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
  return { entered, exited, vip, settingsVersion };
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
