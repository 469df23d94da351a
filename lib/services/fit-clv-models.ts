/**
 * Fitting the CLV models for a recompute: which purchase model (the backtest's choice, or the admin's), fitted
 * on every customer's summary, with Gamma-Gamma for spend.
 *
 * The backtest runs whether the model is chosen automatically or fixed by an admin: with a fixed model it does
 * not choose anything, but it is what shows the admin how well the model in use predicted the holdout.
 *
 * The backtest (both models fitted on a calibration period and judged on the holdout) is the expensive part and
 * the choice it makes is stable from one night to the next, so it is rerun when it is a week old, when the
 * customer base grew or shrank by a tenth, or when there is none; in between, the last choice is kept and
 * shown with its date. Each fit starts from the previous fit of the same model (a warm start).
 */
import { backtestPurchaseModels, type BacktestResult } from "@/lib/domain/clv/backtest";
import { fitClvModels, type ClvModels } from "@/lib/domain/clv/fit-clv-models";
import type { NotEnoughData } from "@/lib/domain/clv/fit-result";
import type { PurchaseModelName } from "@/lib/domain/clv/purchase-model";
import { seededRandom } from "@/lib/domain/clv/random";
import type { NewModelFit, ModelFitRecord } from "@/lib/db/clv-model-fits";
import { loadHoldoutSummaries, weekIndex, weekStart, type ClvSummaryColumns, type HoldoutColumns } from "@/lib/db/clv-summaries";
import type { CrmSettings } from "@/lib/schemas/crm-settings";

/** The backtest as stored with a fit: the engine's result, when it ran and on which window. */
export type StoredBacktest = BacktestResult & { ranAt: string; calibrationEnd: string; holdoutWeeks: number; customersAtRun: number };

export const BACKTEST_MAX_AGE_DAYS = 7;
/**
 * The backtest compares the two models' holdout errors on a seeded random sample of at most this many
 * customers: plenty to tell them apart (the published CDNOW comparison uses 23,570), at a fraction of the cost
 * on a large base.
 */
export const BACKTEST_SAMPLE_SIZE = 25_000;
const DAY_MS = 86_400_000;

/**
 * The holdout for the backtest, in whole weeks before the current (partial) one: the last third of the
 * observed time, between 4 and 26 weeks. With less than 8 weeks of history there is nothing to hold out.
 */
export function backtestWindow(firstWeek: number, currentWeek: number): { calibrationEndWeek: number; observationEndWeek: number } | null {
  const span = currentWeek - firstWeek;
  if (span < 8) return null;
  const holdout = Math.min(26, Math.max(4, Math.round(span / 3)));
  return { calibrationEndWeek: currentWeek - holdout, observationEndWeek: currentWeek };
}

/**
 * The last backtest, if it may be reused for a base of `customers` customers at `now`. It judges both models on
 * the same data whichever one is in use, so a backtest run under a fixed model serves the automatic choice too.
 */
export function reusableBacktest(previous: ModelFitRecord | null, customers: number, now: Date): StoredBacktest | null {
  const backtest = previous?.backtest as StoredBacktest | null | undefined;
  if (!previous || !backtest?.ok || !backtest.ranAt) return null;
  const ageDays = (now.getTime() - new Date(backtest.ranAt).getTime()) / DAY_MS;
  const growth = Math.abs(customers - backtest.customersAtRun) / Math.max(backtest.customersAtRun, 1);
  return ageDays >= 0 && ageDays < BACKTEST_MAX_AGE_DAYS && growth < 0.1 ? backtest : null;
}

export type BacktestPlan = { window: { calibrationEndWeek: number; observationEndWeek: number }; holdout: Promise<HoldoutColumns> } | null;

/**
 * Starts loading the holdout summaries when a new backtest is due, so the database aggregates them while the
 * main summaries load (two queries, two cores).
 */
export function planBacktest(options: { previous: ModelFitRecord | null; firstOrderAt: Date | null; customers: number; now: Date }): BacktestPlan {
  if (!options.firstOrderAt) return null;
  if (reusableBacktest(options.previous, options.customers, options.now)) return null;
  const window = backtestWindow(weekIndex(options.firstOrderAt), weekIndex(options.now));
  if (!window) return null;
  const holdout = loadHoldoutSummaries(window);
  // Handled by whoever awaits it; this only keeps an early failure from being reported as unhandled.
  holdout.catch(() => {});
  return { window, holdout };
}

export type FittedModels = {
  models: ClvModels | null;
  record: Omit<NewModelFit, "runId" | "scoringContext" | "settingsVersion" | "forecast">;
  /** Seconds spent waiting for the holdout summaries, in the backtest, and in the final fit. */
  timings: { holdoutWait: number; backtest: number; finalFit: number };
};

export async function fitModels(summaries: ClvSummaryColumns, options: { settings: CrmSettings; previous: ModelFitRecord | null; plan: BacktestPlan; now: Date }): Promise<FittedModels> {
  const { settings, previous, plan, now } = options;
  let firstWeek = weekIndex(now);
  for (const week of summaries.firstPurchaseWeek) if (week < firstWeek) firstWeek = week;
  const customers = summaries.customerIds.length;
  const isAuto = settings.clv.model === "auto";

  const timings = { holdoutWait: 0, backtest: 0, finalFit: 0 };
  const seconds = (since: number) => Math.round(performance.now() - since) / 1000;
  let backtest: StoredBacktest | null = reusableBacktest(previous, customers, now);
  if (plan) {
    let started = performance.now();
    const holdout = await plan.holdout;
    timings.holdoutWait = seconds(started);
    started = performance.now();
    const rows = sampleIndices(holdout.frequency.length, BACKTEST_SAMPLE_SIZE).map((i) => ({
      frequency: holdout.frequency[i]!,
      recency: holdout.recency[i]!,
      T: holdout.T[i]!,
      frequencyHoldout: holdout.frequencyHoldout[i]!,
      durationHoldout: holdout.durationHoldout,
    }));
    backtest = {
      ...backtestPurchaseModels(rows),
      ranAt: now.toISOString(),
      calibrationEnd: weekStart(plan.window.calibrationEndWeek).toISOString(),
      holdoutWeeks: holdout.durationHoldout,
      customersAtRun: customers,
    };
    timings.backtest = seconds(started);
  }
  const purchaseModel: PurchaseModelName = !isAuto ? (settings.clv.model as PurchaseModelName) : backtest?.ok ? backtest.chosen : "bgnbd";
  // Warm start: the last fit of this model, else the backtest's calibration fit of it (nearly the same data).
  const backtestReport = backtest?.ok ? backtest.models[purchaseModel] : null;
  const isFromPrevious = previous?.status === "OK" && previous.purchaseModel === purchaseModel;
  const initialParams = isFromPrevious ? (previous.purchaseParams as Record<string, number>) : backtestReport?.ok ? backtestReport.params : undefined;
  // From the backtest, its curvature too: the calibration data differ enough from all the data that the
  // parameters alone leave BFGS a dozen iterations of finding the scale again.
  const initialInverseHessian = !isFromPrevious && backtestReport?.ok ? backtestReport.inverseHessian : undefined;
  const fitStarted = performance.now();
  const fit = fitClvModels(summaries, { purchaseModel, initialParams, initialInverseHessian });
  timings.finalFit = seconds(fitStarted);

  const base = {
    timeUnit: "week" as const,
    dataStart: customers ? weekStart(firstWeek) : null,
    observationEnd: now,
    customers,
    repeatCustomers: summaries.frequency.reduce((count, x) => count + (x > 0 ? 1 : 0), 0),
    selection: isAuto ? ("auto" as const) : ("fixed" as const),
    backtest,
    calibrationEnd: backtest ? new Date(backtest.calibrationEnd) : null,
  };
  const unavailable = (reason: NotEnoughData) => ({ cause: reason.cause, message: reason.message });
  if (!fit.ok) {
    return {
      models: null,
      timings,
      record: {
        ...base,
        status: "NOT_ENOUGH_DATA",
        purchaseModel: null,
        purchaseParams: null,
        purchaseLogLikelihood: null,
        purchaseConverged: null,
        spendParams: null,
        spendConverged: null,
        unavailable: { purchase: unavailable(fit) },
      },
    };
  }
  return {
    models: fit,
    timings,
    record: {
      ...base,
      status: "OK",
      purchaseModel: fit.purchase.model,
      purchaseParams: fit.purchase.params as unknown as Record<string, number>,
      purchaseLogLikelihood: fit.purchase.logLikelihood,
      purchaseConverged: fit.purchase.converged,
      spendParams: fit.spend.ok ? (fit.spend.params as unknown as Record<string, number>) : null,
      spendConverged: fit.spend.ok ? fit.spend.converged : null,
      unavailable: fit.spend.ok ? null : { spend: unavailable(fit.spend) },
    },
  };
}

/** Indices 0…n−1, or a seeded random `size` of them in increasing order (the same sample every time). */
function sampleIndices(n: number, size: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return all;
  const random = seededRandom(20_050_301);
  // A partial Fisher–Yates shuffle: the first `size` entries are a uniform sample.
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random.uniform() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, size).sort((a, b) => a - b);
}
