/**
 * Rescoring one customer at once when their orders change (created, refunded, cancelled): their summary from
 * SQL, scored with the fit in force and its stored RFM lines and lifespan, written, and their segment
 * memberships refreshed. The population-wide parts (the fit, RFM quantiles, VIP "top N %" lines) stay as the
 * last recompute drew them, so one order never shifts anyone else's figures.
 *
 * Before the first recompute there is no fit: the customer still gets their historical value and purchase dates
 * (what the lifecycle stages read); the prediction, simple figure and RFM wait for the first recompute.
 */
import { monthlyRateFromAnnual } from "@/lib/domain/clv/discounted-clv";
import { scoreCustomers, type CustomerScores, type ScoringModels } from "@/lib/domain/clv/score-customers";
import type { BgnbdParams } from "@/lib/domain/clv/bgnbd";
import type { GammaGammaParams } from "@/lib/domain/clv/gamma-gamma";
import type { ParetoNbdParams } from "@/lib/domain/clv/pareto-nbd";
import { customerValueAt, historicalValueAt, type ScoringContext } from "@/lib/domain/customer-value";
import { getLatestModelFit, type ModelFitRecord } from "@/lib/db/clv-model-fits";
import { loadClvSummaries, type ClvSummaryColumns } from "@/lib/db/clv-summaries";
import { resetCustomerMetrics, writeCustomerMetrics } from "@/lib/db/customer-metrics";
import { getSettings, type SettingsInForce } from "@/lib/db/settings";
import type { CrmSettings } from "@/lib/schemas/crm-settings";
import { refreshAllSegments } from "./segment-refresh";

export type RescoreResult = { status: "scored" | "no-purchases" | "no-fit-yet"; membershipChanges: number };

export async function rescoreCustomer(customerId: string, options: { now: Date; suppressWorkflows?: boolean }): Promise<RescoreResult> {
  const { now } = options;
  const [settings, fit] = await Promise.all([getSettings(), getLatestModelFit()]);
  const status = await scoreOneCustomer(customerId, { now, settings, fit });
  const changes = await refreshAllSegments({
    settings: settings.values,
    settingsVersion: settings.version,
    now,
    customerIds: [customerId],
    suppressWorkflows: options.suppressWorkflows,
  });
  return { status, membershipChanges: changes.entered + changes.exited };
}

/** Writes one customer's figures from their orders now, with `fit` (or their history alone without one). */
export async function scoreOneCustomer(customerId: string, options: { now: Date; settings: SettingsInForce; fit: ModelFitRecord | null }): Promise<RescoreResult["status"]> {
  const { now, settings, fit } = options;
  const meta = { modelFitId: fit?.id ?? null, settingsVersion: settings.version, computedAt: now };
  const summaries = await loadClvSummaries({ observationEnd: now, customerId });
  if (summaries.customerIds.length === 0) {
    await resetCustomerMetrics(customerId, meta);
    return "no-purchases";
  }
  const grossMargin = settings.values.clv.grossMarginPercent / 100;
  if (!fit) {
    await writeCustomerMetrics([customerId], [historicalValueAt(summaries, 0, { grossMargin })], meta);
    return "no-fit-yet";
  }
  const models = scoringModelsOf(fit);
  const scores = models ? scoreWeeks(models, summaries, settings.values) : null;
  const context = fit.scoringContext as unknown as ScoringContext;
  const value = customerValueAt(summaries, 0, scores, { now, horizonMonths: settings.values.clv.horizonMonths, grossMargin, context });
  await writeCustomerMetrics([customerId], [value], meta);
  return "scored";
}

export function scoreWeeks(models: ScoringModels, summaries: ClvSummaryColumns, settings: CrmSettings): CustomerScores {
  return scoreCustomers(models, summaries, {
    unit: "week",
    horizonMonths: settings.clv.horizonMonths,
    monthlyDiscountRate: monthlyRateFromAnnual(settings.clv.annualDiscountRatePercent / 100),
    grossMargin: settings.clv.grossMarginPercent / 100,
  });
}

/** The stored parameters as the engine's scoring input; null when that fit had too little data. */
export function scoringModelsOf(fit: ModelFitRecord): ScoringModels | null {
  if (fit.status !== "OK" || !fit.purchaseParams || !fit.purchaseModel) return null;
  const purchase =
    fit.purchaseModel === "pnbd"
      ? { model: "pnbd" as const, params: fit.purchaseParams as unknown as ParetoNbdParams }
      : { model: "bgnbd" as const, params: fit.purchaseParams as unknown as BgnbdParams };
  const unavailable = (fit.unavailable as { spend?: { cause: string; message: string } } | null)?.spend;
  const spend = fit.spendParams
    ? { ok: true as const, params: fit.spendParams as unknown as GammaGammaParams }
    : { ok: false as const, reason: "NOT_ENOUGH_DATA" as const, cause: (unavailable?.cause ?? "NO_SPEND") as never, message: unavailable?.message ?? "No spend model." };
  return { purchase, spend };
}
