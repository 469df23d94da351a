/**
 * The CLV recompute: orders aggregated per customer in SQL → the purchase model chosen by backtest (or fixed by
 * an admin) and fitted with Gamma-Gamma → every customer scored → figures written in bulk → every segment
 * membership refreshed. Runs in the worker (nightly, on an admin's request, after a settings change) and after
 * the seed. `onProgress` reports the phase and a 0–1 fraction for the admin's progress bar.
 *
 * Too little data for the models is a result, not an error: customers then keep their historical and simple
 * figures, and the fit record says why there is no prediction.
 */
import { backtestPurchaseModels, type BacktestResult } from "@/lib/domain/clv/backtest";
import { monthlyRateFromAnnual } from "@/lib/domain/clv/discounted-clv";
import { fitClvModels } from "@/lib/domain/clv/fit-clv-models";
import type { NotEnoughData } from "@/lib/domain/clv/fit-result";
import type { PurchaseModelName } from "@/lib/domain/clv/purchase-model";
import { scoreCustomers, type CustomerScores } from "@/lib/domain/clv/score-customers";
import { simpleClv } from "@/lib/domain/clv/simple-clv";
import { customerValueAt, rfmCutoffs, type CustomerValue, type ScoringContext } from "@/lib/domain/customer-value";
import { createModelFit, type NewModelFit } from "@/lib/db/clv-model-fits";
import { dayIndex, loadClvSummaries, loadHoldoutSummaries, type ClvSummaryColumns } from "@/lib/db/clv-summaries";
import { resetMetricsNotComputedSince, writeCustomerMetrics } from "@/lib/db/customer-metrics";
import { getSettings } from "@/lib/db/settings";
import type { CrmSettings } from "@/lib/schemas/crm-settings";
import { refreshAllSegments } from "./segment-refresh";

const DAY_MS = 86_400_000;
const DAYS_PER_WEEK = 7;

export type RecomputeProgress = (phase: RecomputePhase, fraction: number) => void | Promise<void>;
export type RecomputePhase = "aggregating" | "fitting" | "scoring" | "writing" | "segments";

export type RecomputeResult = {
  customersScored: number;
  fitId: string;
  modelStatus: "OK" | "NOT_ENOUGH_DATA";
  purchaseModel: PurchaseModelName | null;
  membershipChanges: number;
  timings: Record<string, number>;
};

export async function recomputeCustomerValue(options: { now: Date; runId?: string | null; suppressWorkflows?: boolean; onProgress?: RecomputeProgress }): Promise<RecomputeResult> {
  const { now } = options;
  const progress = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[name] = Math.round(performance.now() - started) / 1000;
    return result;
  };

  const settings = await getSettings();
  await progress("aggregating", 0.02);
  const summaries = await timed("aggregate", () => loadClvSummaries({ observationEnd: now }));
  await progress("fitting", 0.2);
  const fitted = await timed("fit", () => fitModels(summaries, settings.values, now));
  await progress("scoring", 0.45);

  const values = await timed("score", () => {
    const context = scoringContext(summaries, settings.values);
    const scores = fitted.models ? scoreWeeks(fitted.models, summaries, settings.values) : null;
    const valueOptions = { now, horizonMonths: settings.values.clv.horizonMonths, grossMargin: settings.values.clv.grossMarginPercent / 100, context };
    const values: CustomerValue[] = new Array(summaries.customerIds.length);
    for (let i = 0; i < values.length; i++) values[i] = customerValueAt(summaries, i, scores, valueOptions);
    return { values, context };
  });

  const fitId = await createModelFit({ ...fitted.record, runId: options.runId ?? null, scoringContext: values.context, settingsVersion: settings.version });
  await progress("writing", 0.55);
  await timed("write", async () => {
    const total = summaries.customerIds.length;
    const meta = { modelFitId: fitId, settingsVersion: settings.version, computedAt: now };
    await writeCustomerMetrics(summaries.customerIds, values.values, meta, {
      onProgress: (done) => void progress("writing", 0.55 + 0.25 * (done / Math.max(total, 1))),
    });
    await resetMetricsNotComputedSince(meta);
  });

  await progress("segments", 0.8);
  const memberships = await timed("segments", () =>
    refreshAllSegments({
      settings: settings.values,
      settingsVersion: settings.version,
      now,
      runId: options.runId,
      suppressWorkflows: options.suppressWorkflows,
      onSegmentDone: (done, total) => void progress("segments", 0.8 + 0.2 * (done / total)),
    }),
  );
  return {
    customersScored: summaries.customerIds.length,
    fitId,
    modelStatus: fitted.record.status,
    purchaseModel: fitted.record.purchaseModel,
    membershipChanges: memberships.entered + memberships.exited,
    timings,
  };
}

type FittedModels = NonNullable<Parameters<typeof scoreCustomers>[0]>;

/** Summaries in weeks (days ÷ 7, as the CDNOW literature does): the unit the fits are reported in. */
function inWeeks(summaries: ClvSummaryColumns) {
  return {
    frequency: summaries.frequency,
    recency: summaries.recency.map((days) => days / DAYS_PER_WEEK),
    T: summaries.T.map((days) => days / DAYS_PER_WEEK),
    monetaryValue: summaries.monetaryValue,
  };
}

export function scoreWeeks(models: FittedModels, summaries: ClvSummaryColumns, settings: CrmSettings): CustomerScores {
  return scoreCustomers(models, inWeeks(summaries), {
    unit: "week",
    horizonMonths: settings.clv.horizonMonths,
    monthlyDiscountRate: monthlyRateFromAnnual(settings.clv.annualDiscountRatePercent / 100),
    grossMargin: settings.clv.grossMarginPercent / 100,
  });
}

/**
 * The holdout for the backtest that picks the model: the last third of the observed time, between 4 and 26
 * weeks. With less than 8 weeks of history there is nothing to hold out, and BG/NBD is used.
 */
export function backtestWindow(firstDay: number, observationDay: number): { calibrationEndDay: number } | null {
  const span = observationDay - firstDay;
  if (span < 56) return null;
  const holdout = Math.min(182, Math.max(28, Math.round(span / 3)));
  return { calibrationEndDay: observationDay - holdout };
}

async function fitModels(summaries: ClvSummaryColumns, settings: CrmSettings, now: Date) {
  const observationDay = dayIndex(now);
  let firstDay = observationDay;
  for (const day of summaries.firstPurchaseDay) if (day < firstDay) firstDay = day;
  const repeatCustomers = summaries.frequency.reduce((count, x) => count + (x > 0 ? 1 : 0), 0);
  const base = {
    timeUnit: "week" as const,
    dataStart: summaries.customerIds.length ? new Date(firstDay * DAY_MS) : null,
    observationEnd: now,
    customers: summaries.customerIds.length,
    repeatCustomers,
  };

  let purchaseModel: PurchaseModelName = settings.clv.model === "auto" ? "bgnbd" : settings.clv.model;
  let backtest: BacktestResult | null = null;
  let calibrationEnd: Date | null = null;
  const window = settings.clv.model === "auto" ? backtestWindow(firstDay, observationDay) : null;
  if (window) {
    calibrationEnd = new Date(window.calibrationEndDay * DAY_MS);
    const holdout = await loadHoldoutSummaries({ calibrationEnd, observationEnd: now });
    const rows = Array.from(holdout.frequency, (frequency, i) => ({
      frequency,
      recency: holdout.recency[i]! / DAYS_PER_WEEK,
      T: holdout.T[i]! / DAYS_PER_WEEK,
      frequencyHoldout: holdout.frequencyHoldout[i]!,
      durationHoldout: holdout.durationHoldout / DAYS_PER_WEEK,
    }));
    backtest = backtestPurchaseModels(rows);
    if (backtest.ok) purchaseModel = backtest.chosen;
  }

  const fit = fitClvModels(inWeeks(summaries), { purchaseModel });
  const unavailable = (reason: NotEnoughData) => ({ cause: reason.cause, message: reason.message });
  const record: Omit<NewModelFit, "runId" | "scoringContext" | "settingsVersion"> = fit.ok
    ? {
        ...base,
        status: "OK",
        purchaseModel: fit.purchase.model,
        selection: settings.clv.model === "auto" ? "auto" : "fixed",
        purchaseParams: fit.purchase.params as unknown as Record<string, number>,
        purchaseLogLikelihood: fit.purchase.logLikelihood,
        purchaseConverged: fit.purchase.converged,
        spendParams: fit.spend.ok ? (fit.spend.params as unknown as Record<string, number>) : null,
        spendConverged: fit.spend.ok ? fit.spend.converged : null,
        unavailable: fit.spend.ok ? null : { spend: unavailable(fit.spend) },
        backtest,
        calibrationEnd,
      }
    : {
        ...base,
        status: "NOT_ENOUGH_DATA",
        purchaseModel: null,
        selection: settings.clv.model === "auto" ? "auto" : "fixed",
        purchaseParams: null,
        purchaseLogLikelihood: null,
        purchaseConverged: null,
        spendParams: null,
        spendConverged: null,
        unavailable: { purchase: unavailable(fit) },
        backtest,
        calibrationEnd,
      };
  return { models: fit.ok ? fit : null, record };
}

/** RFM cut values and the rule-of-thumb lifespan of this population, stored with the fit. */
function scoringContext(summaries: ClvSummaryColumns, settings: CrmSettings): ScoringContext {
  const simple = simpleClv(
    Array.from(summaries.frequency, (frequency, i) => ({ frequency, recency: summaries.recency[i]!, T: summaries.T[i]!, totalSpent: summaries.totalSpentMinor[i]! })),
    // A customer has lapsed once they have not bought for as long as the "lost" line says.
    { lapseAfter: settings.lifecycle.lostDays },
  );
  return {
    rfmCutoffs: {
      recencyDays: rfmCutoffs(summaries.recencyDays, settings.rfmEdges, "lower"),
      frequency: rfmCutoffs(summaries.orderCount, settings.rfmEdges, "higher"),
      monetaryMinor: rfmCutoffs(summaries.totalSpentMinor, settings.rfmEdges, "higher"),
    },
    simpleLifespanYears: simple.ok ? simple.expectedLifespan / 365.25 : null,
  };
}
