import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { BacktestPanel } from "./backtest-panel";
import { DashboardSection, SectionNotice } from "./dashboard-section";
import { latestModelFit } from "./latest-fit";
import { isFiniteNumber, parameterName, readParams, type Unavailable } from "./model-text";

/** Which purchase model is in use and how well it did: its fit, the spend model, the data and the backtest. */
export async function ModelQualitySection() {
  const [t, tDashboard, format, fit] = await Promise.all([getTranslations("dashboard.model"), getTranslations("dashboard"), getFormatter(), latestModelFit()]);
  if (!fit) {
    return (
      <DashboardSection id="model-quality" title={t("title")}>
        <SectionNotice title={t("noFit")}>
          <p>{t("noFitHint")}</p>
        </SectionNotice>
      </DashboardSection>
    );
  }
  const unavailable = (fit.unavailable ?? {}) as { purchase?: Unavailable; spend?: Unavailable };
  const reason = (detail: Unavailable) => (detail?.cause && t.has(`causes.${detail.cause}`) ? t(`causes.${detail.cause}`) : (detail?.message ?? tDashboard("notAvailable")));
  const number = (value: number, digits = 4) => format.number(value, { maximumSignificantDigits: digits });
  const params = (value: unknown) => {
    const entries = readParams(value);
    return entries.length ? entries.map(([name, x]) => `${parameterName(name)} = ${number(x)}`).join(", ") : tDashboard("notAvailable");
  };
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  const modelName = fit.purchaseModel === "bgnbd" || fit.purchaseModel === "pnbd" ? t(`names.${fit.purchaseModel}`) : null;
  const selection = fit.selection === "fixed" ? "fixed" : "auto";

  const facts: { key: string; label: string; value: ReactNode }[] = [];
  if (fit.status === "OK" && modelName) {
    facts.push(
      {
        key: "purchase-model",
        label: t("purchaseModel"),
        value: (
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{modelName}</span>
            <Badge tone={selection === "auto" ? "brand" : "neutral"}>{t(`selection.${selection}`)}</Badge>
          </span>
        ),
      },
      { key: "parameters", label: t("parameters"), value: <span className="tabular-nums">{params(fit.purchaseParams)}</span> },
      { key: "log-likelihood", label: t("logLikelihood"), value: isFiniteNumber(fit.purchaseLogLikelihood) ? format.number(fit.purchaseLogLikelihood, { maximumFractionDigits: 1 }) : tDashboard("notAvailable") },
      { key: "converged", label: t("converged"), value: fit.purchaseConverged === false ? <span className="text-amber-800">{t("notConverged")}</span> : fit.purchaseConverged ? t("yes") : tDashboard("notAvailable") },
      {
        key: "spend-model",
        label: t("spendModel"),
        value: fit.spendParams ? (
          <span className="tabular-nums">
            {params(fit.spendParams)}
            {fit.spendConverged === false ? <span className="block text-amber-800">{t("notConverged")}</span> : null}
          </span>
        ) : (
          t("spendUnavailable", { reason: reason(unavailable.spend) })
        ),
      },
    );
  }
  facts.push(
    { key: "data", label: t("dataWindow"), value: fit.dataStart ? t("dataRange", { start: date(fit.dataStart), end: date(fit.observationEnd) }) : t("noOrders") },
    { key: "customers", label: t("customers"), value: format.number(fit.customers) },
    { key: "repeat-customers", label: t("repeatCustomers"), value: format.number(fit.repeatCustomers) },
    { key: "computed", label: t("computedAt"), value: format.dateTime(fit.createdAt, { dateStyle: "medium", timeStyle: "short" }) },
  );

  return (
    <DashboardSection id="model-quality" title={t("title")}>
      {fit.status !== "OK" || !modelName ? (
        <SectionNotice title={t("notEnoughData")}>
          <p>{reason(unavailable.purchase)}</p>
          {unavailable.purchase?.message ? (
            <p className="text-xs text-slate-500">
              {t("details")} <span lang="en">{unavailable.purchase.message}</span>
            </p>
          ) : null}
          <p className="mt-1">{t("fallback")}</p>
        </SectionNotice>
      ) : null}
      <div className="grid gap-5 lg:grid-cols-5">
        <dl className="space-y-2 text-sm lg:col-span-2">
          {facts.map((fact) => (
            <div key={fact.key} className="grid grid-cols-[10rem_1fr] gap-2">
              <dt className="text-slate-600">{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
        <div className="lg:col-span-3">
          <BacktestPanel backtest={fit.backtest} selection={selection} modelInUse={fit.purchaseModel === "bgnbd" || fit.purchaseModel === "pnbd" ? fit.purchaseModel : null} />
        </div>
      </div>
    </DashboardSection>
  );
}
