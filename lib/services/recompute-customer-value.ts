/**
 * The CLV recompute: orders aggregated per customer in SQL → the purchase model chosen by backtest (or fixed by
 * an admin) and fitted with Gamma-Gamma (fit-clv-models.ts) → every customer scored → figures written in bulk →
 * every segment membership refreshed. Runs in the worker (nightly, on an admin's request, after a settings change) and after
 * the seed. `onProgress` reports the phase and a 0–1 fraction for the admin's progress bar.
 *
 * The figures use the settings in force when the run starts. The memberships at the end use the settings in
 * force then (segment-refresh.ts): a threshold moved during the run is kept, not undone. A change that moves
 * the figures themselves queues a follow-up run (recompute-runs.ts). A customer rescored while the run was
 * going (an order changed) keeps the newer figures: the bulk write skips rows written after the run read its
 * data, and those customers are scored again with the new fit.
 *
 * Too little data for the models is a result, not an error: customers then keep their historical and simple
 * figures, and the fit record says why there is no prediction.
 */
import { monthlyForecast } from "@/lib/domain/clv/forecast";
import type { PurchaseModelName } from "@/lib/domain/clv/purchase-model";
import { simpleClv } from "@/lib/domain/clv/simple-clv";
import { customerValueAt, rfmCutoffs, type CustomerValue, type ScoringContext } from "@/lib/domain/customer-value";
import { createModelFit, getLatestModelFit, getModelFit } from "@/lib/db/clv-model-fits";
import { countCustomersWithOrders, loadClvSummaries, loadFirstOrderAt, type ClvSummaryColumns } from "@/lib/db/clv-summaries";
import { databaseSnapshotTime, resetMetricsNotComputedSince, vacuumCustomerMetrics, writeCustomerMetrics } from "@/lib/db/customer-metrics";
import { getSettings } from "@/lib/db/settings";
import type { CrmSettings } from "@/lib/schemas/crm-settings";
import { fitModels, planBacktest } from "./fit-clv-models";
import { scoreOneCustomer, scoreWeeks } from "./rescore-customer";
import { refreshAllSegments } from "./segment-refresh";

const WEEKS_PER_YEAR = 365.25 / 7;
/** The revenue forecast for budget planning covers the next year. */
const FORECAST_MONTHS = 12;

export type RecomputeProgress = (phase: RecomputePhase, fraction: number) => void | Promise<void>;
export type RecomputePhase = "aggregating" | "fitting" | "scoring" | "writing" | "segments";

export type RecomputeResult = {
  customersScored: number;
  /** Customers rescored after an order change while the run was going, then scored again with the new fit. */
  customersRescoredDuringRun: number;
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

  const [settings, previous, firstOrderAt, customers] = await Promise.all([getSettings(), getLatestModelFit(), loadFirstOrderAt(), countCustomersWithOrders()]);
  await progress("aggregating", 0.02);
  const plan = planBacktest({ previous, firstOrderAt, customers, now });
  // Taken before the data is read: rows written after this instant hold newer data than this run.
  const snapshot = await databaseSnapshotTime();
  const summaries = await timed("aggregate", () => loadClvSummaries({ observationEnd: now }));
  await progress("fitting", 0.2);
  const fitted = await timed("fit", () => fitModels(summaries, { settings: settings.values, previous, plan, now }));
  for (const [name, value] of Object.entries(fitted.timings)) if (value > 0) timings[`fit.${name}`] = value;
  await progress("scoring", 0.45);

  const values = await timed("score", () => {
    const context = scoringContext(summaries, settings.values);
    const scores = fitted.models ? scoreWeeks(fitted.models, summaries, settings.values) : null;
    const valueOptions = { now, horizonMonths: settings.values.clv.horizonMonths, grossMargin: settings.values.clv.grossMarginPercent / 100, context };
    const values: CustomerValue[] = new Array(summaries.customerIds.length);
    for (let i = 0; i < values.length; i++) values[i] = customerValueAt(summaries, i, scores, valueOptions);
    const models = fitted.models;
    const forecast = models?.spend.ok ? monthlyForecast({ purchase: models.purchase, spend: models.spend.params }, summaries, { months: FORECAST_MONTHS, unit: "week" }) : null;
    return { values, context, forecast };
  });

  const fitId = await createModelFit({ ...fitted.record, runId: options.runId ?? null, scoringContext: values.context, forecast: values.forecast, settingsVersion: settings.version });
  await progress("writing", 0.55);
  const skippedIds = await timed("write", async () => {
    const total = summaries.customerIds.length;
    const meta = { modelFitId: fitId, settingsVersion: settings.version, computedAt: now };
    const { skippedIds } = await writeCustomerMetrics(summaries.customerIds, values.values, meta, {
      writtenBefore: snapshot,
      onProgress: (done) => void progress("writing", 0.55 + 0.25 * (done / Math.max(total, 1))),
    });
    await resetMetricsNotComputedSince(meta, { writtenBefore: snapshot });
    await vacuumCustomerMetrics();
    return skippedIds;
  });
  if (skippedIds.length > 0) {
    // Few (orders changed in the last seconds); scored one by one from their current orders with the new fit.
    const fit = await getModelFit(fitId);
    for (const customerId of skippedIds) await scoreOneCustomer(customerId, { now, settings, fit });
  }

  await progress("segments", 0.8);
  const memberships = await timed("segments", () =>
    refreshAllSegments({
      now,
      runId: options.runId,
      suppressWorkflows: options.suppressWorkflows,
      onSegmentDone: (done, total) => void progress("segments", 0.8 + 0.2 * (done / total)),
    }),
  );
  return {
    customersScored: summaries.customerIds.length,
    customersRescoredDuringRun: skippedIds.length,
    fitId,
    modelStatus: fitted.record.status,
    purchaseModel: fitted.record.purchaseModel,
    membershipChanges: memberships.entered + memberships.exited,
    timings,
  };
}

/** RFM cut values and the rule-of-thumb lifespan of this population, stored with the fit. */
function scoringContext(summaries: ClvSummaryColumns, settings: CrmSettings): ScoringContext {
  const simple = simpleClv(
    Array.from(summaries.frequency, (frequency, i) => ({ frequency, recency: summaries.recency[i]!, T: summaries.T[i]!, totalSpent: summaries.totalSpentMinor[i]! })),
    // A customer has lapsed once they have not bought for as long as the "lost" line says.
    { lapseAfter: settings.lifecycle.lostDays / 7 },
  );
  return {
    rfmCutoffs: {
      recencyDays: rfmCutoffs(summaries.recencyDays, settings.rfmEdges, "lower"),
      frequency: rfmCutoffs(summaries.orderCount, settings.rfmEdges, "higher"),
      monetaryMinor: rfmCutoffs(summaries.totalSpentMinor, settings.rfmEdges, "higher"),
    },
    simpleLifespanYears: simple.ok ? simple.expectedLifespan / WEEKS_PER_YEAR : null,
  };
}
