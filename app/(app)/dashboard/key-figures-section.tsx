import Link from "next/link";
import type { Route } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDashboardKpis } from "@/lib/db/dashboard";
import { formatMoney } from "@/lib/domain/money";
import { DashboardSection } from "./dashboard-section";

type Tile = { key: string; label: string; value: string; hint?: string; link?: { href: Route; label: string } };

export async function KeyFiguresSection({ currency, locale, horizonMonths }: { currency: string; locale: string; horizonMonths: number }) {
  const [t, format, kpis] = await Promise.all([getTranslations("dashboard.kpis"), getFormatter(), getDashboardKpis()]);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const tiles: Tile[] = [
    { key: "customers", label: t("customers"), value: format.number(kpis.liveCustomers), hint: t("customersHint") },
    {
      key: "buyers",
      label: t("buyers"),
      value: format.number(kpis.buyers),
      hint: kpis.liveCustomers > 0 ? t("buyersHint", { share: format.number(kpis.buyers / kpis.liveCustomers, { style: "percent", maximumFractionDigits: 1 }) }) : undefined,
    },
    { key: "vips", label: t("vips"), value: format.number(kpis.vips), link: { href: "/customers?segment=vip&sort=totalClv" as Route, label: t("showVips") } },
    {
      key: "at-risk-vips",
      label: t("atRiskVips"),
      value: format.number(kpis.atRiskVips),
      link: { href: "/customers?segment=at_risk_vip&sort=totalClv" as Route, label: t("showAtRiskVips") },
    },
    kpis.totalPredictedMinor === null
      ? { key: "predicted", label: t("predicted", { months: horizonMonths }), value: t("predictedUnavailable"), hint: t("predictedUnavailableHint") }
      : { key: "predicted", label: t("predicted", { months: horizonMonths }), value: money(kpis.totalPredictedMinor), hint: t("predictedHint", { customers: kpis.customersWithPrediction }) },
    { key: "total-clv", label: t("totalClv"), value: money(kpis.totalClvMinor), hint: t("totalClvHint") },
    { key: "average-clv", label: t("averageClv"), value: kpis.averageClvOfBuyersMinor === null ? t("noBuyers") : money(kpis.averageClvOfBuyersMinor) },
  ];
  return (
    <DashboardSection id="key-figures" title={t("title")}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-7">
        {tiles.map((tile) => (
          <div key={tile.key} data-figure={tile.key} className="rounded-md bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200 ring-inset">
            <dt className="text-xs font-medium text-slate-600">{tile.label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{tile.value}</dd>
            {tile.hint ? <dd className="text-xs text-slate-500">{tile.hint}</dd> : null}
            {tile.link ? (
              <dd className="text-xs">
                <Link href={tile.link.href} className="font-medium text-brand-700 hover:underline">
                  {tile.link.label} <span aria-hidden>→</span>
                </Link>
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
    </DashboardSection>
  );
}
