/**
 * Rescoring one customer at once when their orders change (created, refunded, cancelled): their summary from
 * SQL, scored with the fit in force and its stored RFM lines and lifespan, written, and their segment
 * memberships refreshed. The population-wide parts (the fit, RFM quantiles, VIP "top N %" lines) stay as the
 * last recompute drew them, so one order never shifts anyone else's figures.
 */
import type { ScoringModels } from "@/lib/domain/clv/score-customers";
import type { BgnbdParams } from "@/lib/domain/clv/bgnbd";
import type { GammaGammaParams } from "@/lib/domain/clv/gamma-gamma";
import type { ParetoNbdParams } from "@/lib/domain/clv/pareto-nbd";
import { customerValueAt, type ScoringContext } from "@/lib/domain/customer-value";
import { getLatestModelFit, type ModelFitRecord } from "@/lib/db/clv-model-fits";
import { loadClvSummaries } from "@/lib/db/clv-summaries";
import { resetCustomerMetrics, writeCustomerMetrics } from "@/lib/db/customer-metrics";
import { getSettings } from "@/lib/db/settings";
import { scoreWeeks } from "./recompute-customer-value";
import { refreshAllSegments } from "./segment-refresh";

export type RescoreResult = { status: "scored" | "no-purchases" | "no-fit-yet"; membershipChanges: number };

export async function rescoreCustomer(customerId: string, options: { now: Date; suppressWorkflows?: boolean }): Promise<RescoreResult> {
  const { now } = options;
  const [settings, fit] = await Promise.all([getSettings(), getLatestModelFit()]);
  const summaries = await loadClvSummaries({ observationEnd: now, customerId });
  let status: RescoreResult["status"];
  if (summaries.customerIds.length === 0) {
    await resetCustomerMetrics(customerId, { modelFitId: fit?.id ?? null, settingsVersion: settings.version, computedAt: now });
    status = "no-purchases";
  } else if (!fit) {
    // No recompute has run yet: it will score everyone, this customer included.
    status = "no-fit-yet";
  } else {
    const models = scoringModelsOf(fit);
    const scores = models ? scoreWeeks(models, summaries, settings.values) : null;
    const context = fit.scoringContext as unknown as ScoringContext;
    const value = customerValueAt(summaries, 0, scores, {
      now,
      horizonMonths: settings.values.clv.horizonMonths,
      grossMargin: settings.values.clv.grossMarginPercent / 100,
      context,
    });
    await writeCustomerMetrics([customerId], [value], { modelFitId: fit.id, settingsVersion: settings.version, computedAt: now });
    status = "scored";
  }
  const changes = await refreshAllSegments({
    settings: settings.values,
    settingsVersion: settings.version,
    now,
    customerIds: [customerId],
    suppressWorkflows: options.suppressWorkflows,
  });
  return { status, membershipChanges: changes.entered + changes.exited };
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
