import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { describeCondition } from "@/components/customers/describe-condition";
import type { CustomerMetricsView } from "@/lib/db/customer-metrics";
import type { ModelFitRecord } from "@/lib/db/clv-model-fits";
import { formatMoney } from "@/lib/domain/money";
import type { CustomerFacts } from "@/lib/domain/segments/customer-facts";
import { churnRisk, membershipReason, type MembershipReason } from "@/lib/domain/segments/membership-reasons";
import type { CrmSettings } from "@/lib/schemas/crm-settings";

export type PanelSegment = { key: string; kind: "BUILTIN" | "RFM" | "CUSTOM"; name: string; rule: unknown; state: unknown };

type Props = {
  metrics: CustomerMetricsView | null;
  fit: Pick<ModelFitRecord, "status" | "unavailable" | "purchaseModel" | "createdAt"> | null;
  facts: CustomerFacts | null;
  segments: PanelSegment[];
  settings: CrmSettings;
  locale: string;
  now: Date;
};

const TONES = { likely_active: "success", at_risk: "warning", likely_lost: "danger" } as const;

type Unavailable = { cause?: string; message?: string } | undefined;

/**
 * What an agent on the phone needs at a glance: what the customer is worth (paid, predicted, total), how likely
 * they are to stay, when they will order next, their RFM group, and every segment with a one-line "why".
 */
export async function ValuePanel({ metrics, fit, facts, segments, settings, locale, now }: Props) {
  const t = await getTranslations("value");
  const tChannels = await getTranslations("channels");
  const tModel = await getTranslations("dashboard.model");
  const format = await getFormatter();
  const currency = settings.clv.currency;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const percent = (p: number) => format.number(p, { style: "percent", maximumFractionDigits: 0 });
  const months = settings.clv.horizonMonths;
  // Purchase dates are written from a customer's first purchase on, even before the first fit (RFM is not).
  const hasPurchases = Boolean(metrics?.lastPurchaseAt ?? metrics?.rfmGroup);
  const unavailable = (fit?.unavailable ?? {}) as { purchase?: Unavailable; spend?: Unavailable };
  // The engine's cause in the reader's language; its English message only for a cause this version does not know.
  const reason = (detail: Unavailable) => (detail?.cause && tModel.has(`causes.${detail.cause}`) ? tModel(`causes.${detail.cause}` as never) : (detail?.message ?? ""));
  const noPrediction =
    !metrics || metrics.predictedValueMinor !== null
      ? null
      : !fit
        ? t("notFittedYet")
        : unavailable.purchase
          ? t("noModel", { reason: reason(unavailable.purchase) })
          : unavailable.spend
            ? t("noSpendModel", { reason: reason(unavailable.spend) })
            : null;

  const why = (reason: MembershipReason | null): string | null => {
    if (!reason) return null;
    switch (reason.kind) {
      case "vip":
        return t(reason.isAboveEntry ? "why.vip" : "why.vipStays", {
          basis: reason.basis,
          months: reason.horizonMonths,
          value: money(reason.valueMinor),
          line: money(reason.isAboveEntry ? reason.enterMinor : reason.exitMinor),
        });
      case "at_risk_vip":
        return t("why.atRiskVip", { percent: percent(reason.probabilityAlive), line: percent(reason.atRiskBelow) });
      case "at_risk_vip_days":
        return t("why.atRiskVipDays", { days: reason.daysSinceLastPurchase, line: reason.atRiskDays });
      case "rfm":
        return t("why.rfm", { r: reason.recency, f: reason.frequency, m: reason.monetary });
      case "rule":
        return reason.conditions
          .map((condition) => describeCondition(condition, { t: t as never, tChannel: (channel) => tChannels(channel as never), locale, currency }))
          .join(" · ");
    }
  };

  const segmentLabel = (segment: PanelSegment) =>
    segment.kind === "RFM" ? t(`rfmGroups.${segment.key.slice(4)}` as never) : segment.kind === "BUILTIN" ? t(`segmentNames.${segment.key}` as never) : segment.name;

  const rfmScores = metrics?.recencyScore && metrics.frequencyScore && metrics.monetaryScore ? { recency: metrics.recencyScore, frequency: metrics.frequencyScore, monetary: metrics.monetaryScore } : null;
  const badges = segments.map((segment) => ({
    key: segment.key,
    label: segmentLabel(segment),
    tone: segment.key === "vip" ? ("brand" as const) : segment.key.includes("at_risk") || segment.key === "lost" ? ("warning" as const) : ("neutral" as const),
    why: facts ? why(membershipReason(segment, { facts, rfmScores, vip: settings.vip, lifecycle: settings.lifecycle, horizonMonths: months, now })) : null,
  }));

  return (
    <section aria-labelledby="value-title" className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="value-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        {metrics && fit?.purchaseModel ? (
          <p className="text-xs text-slate-500">{t("computedAt", { date: format.dateTime(metrics.computedAt, { dateStyle: "medium" }), model: t(`models.${fit.purchaseModel}` as never) })}</p>
        ) : null}
      </div>

      {!metrics || (!fit && !hasPurchases) ? (
        <p className="mt-3 text-sm text-slate-600">{t("notComputed")}</p>
      ) : !hasPurchases ? (
        <p className="mt-3 text-sm text-slate-600">{t("noPurchases")}</p>
      ) : (
        <>
          {noPrediction ? (
            <p role="note" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {noPrediction}
            </p>
          ) : null}
          <dl className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Figure label={t("totalClv")} value={money(metrics.totalClvMinor)} hint={t("totalClvHint")} emphasis />
            <Figure
              label={t("historical")}
              value={money(metrics.historicalValueMinor)}
              hint={settings.clv.grossMarginPercent < 100 ? t("historicalMarginHint", { margin: settings.clv.grossMarginPercent }) : t("historicalHint")}
            />
            <Figure
              label={t("predicted")}
              value={metrics.predictedValueMinor === null ? "—" : money(metrics.predictedValueMinor)}
              hint={metrics.predictedValueMinor === null && noPrediction ? t("noPredictionHint") : t("predictedHint", { months })}
            />
            <Figure
              label={t("simple")}
              value={metrics.simpleClvMinor === null ? "—" : money(metrics.simpleClvMinor)}
              hint={metrics.simpleClvMinor !== null ? t("simpleHint") : !fit ? t("simplePending") : t("simpleUnavailable")}
            />
          </dl>
          <dl className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-4">
            <div>
              <dt className="text-xs font-medium text-slate-500">{t("churn")}</dt>
              <dd className="mt-1">
                {metrics.probabilityAlive === null ? (
                  "—"
                ) : (
                  <>
                    <Badge tone={TONES[churnRisk(metrics.probabilityAlive, settings.lifecycle)]}>{t(`churnLevels.${churnRisk(metrics.probabilityAlive, settings.lifecycle)}`)}</Badge>
                    <span className="ml-2 text-sm text-slate-600">{t("aliveChance", { percent: percent(metrics.probabilityAlive) })}</span>
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">{t("nextOrder")}</dt>
              <dd className="mt-1 text-sm font-medium">
                {metrics.probabilityAlive === null ? "—" : metrics.expectedNextOrderAt ? format.dateTime(metrics.expectedNextOrderAt, { dateStyle: "medium" }) : t("nextOrderNone", { months })}
              </dd>
              {metrics.expectedPurchases !== null ? (
                <dd className="text-xs text-slate-500">{t("expectedPurchases", { count: format.number(metrics.expectedPurchases, { maximumFractionDigits: 1 }), months })}</dd>
              ) : null}
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">{t("expectedOrderValue")}</dt>
              <dd className="mt-1 text-sm font-medium">{metrics.expectedOrderValueMinor === null ? "—" : money(metrics.expectedOrderValueMinor)}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">{t("rfm")}</dt>
              <dd className="mt-1 text-sm font-medium">{metrics.rfmGroup ? t(`rfmGroups.${metrics.rfmGroup}` as never) : "—"}</dd>
              {rfmScores ? <dd className="text-xs text-slate-500">{t("rfmScores", { r: rfmScores.recency, f: rfmScores.frequency, m: rfmScores.monetary })}</dd> : null}
            </div>
          </dl>
        </>
      )}

      <div className="mt-4">
        <h3 className="text-xs font-medium text-slate-500">{t("segments")}</h3>
        {badges.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t("noSegments")}</p>
        ) : (
          <ul className="mt-1 space-y-1" aria-label={t("segments")}>
            {badges.map((badge) => (
              <li key={badge.key} className="flex flex-wrap items-baseline gap-2 text-sm">
                <Badge tone={badge.tone}>{badge.label}</Badge>
                {badge.why ? <span className="text-slate-600">{badge.why}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function Figure({ label, value, hint, emphasis = false }: { label: string; value: string; hint?: string; emphasis?: boolean }) {
  return (
    <div className={`rounded-md px-3 py-2 ${emphasis ? "bg-brand-50" : "bg-slate-50"}`}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`mt-0.5 font-semibold tabular-nums ${emphasis ? "text-xl text-brand-800" : "text-lg"}`}>{value}</dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}
