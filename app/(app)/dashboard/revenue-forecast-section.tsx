import { getFormatter, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import type { MonthlyForecast } from "@/lib/domain/clv/forecast";
import { forecastMonths, forecastTotal } from "@/lib/domain/dashboard-figures";
import { formatMoney } from "@/lib/domain/money";
import { DashboardSection, SectionNotice } from "./dashboard-section";
import { latestModelFit } from "./latest-fit";

/** The fit's forecast when it is whole: two equally long, non-empty lists of finite numbers. */
function readForecast(value: unknown): MonthlyForecast | null {
  const forecast = value as Partial<MonthlyForecast> | null;
  const isNumbers = (list: unknown): list is number[] => Array.isArray(list) && list.every((item) => typeof item === "number" && Number.isFinite(item));
  if (!forecast || !isNumbers(forecast.revenueMinor) || !isNumbers(forecast.purchases)) return null;
  if (forecast.revenueMinor.length === 0 || forecast.revenueMinor.length !== forecast.purchases.length) return null;
  return { revenueMinor: forecast.revenueMinor, purchases: forecast.purchases };
}

/** Revenue to expect from existing customers over the next months, from the latest model fit. */
export async function RevenueForecastSection({ currency, locale }: { currency: string; locale: string }) {
  const [t, tDashboard, format, fit] = await Promise.all([getTranslations("dashboard.forecast"), getTranslations("dashboard"), getFormatter(), latestModelFit()]);
  const forecast = fit ? readForecast(fit.forecast) : null;
  if (!fit || !forecast) {
    const unavailable = fit?.unavailable as { spend?: unknown } | null | undefined;
    const reason = !fit ? t("noFit") : fit.status === "NOT_ENOUGH_DATA" ? t("notEnoughData") : unavailable?.spend ? t("spendUnavailable") : t("missing");
    return (
      <DashboardSection id="revenue-forecast" title={t("title")} description={t("description")}>
        <SectionNotice>{reason}</SectionNotice>
      </DashboardSection>
    );
  }
  const months = forecastMonths(fit.observationEnd, forecast.revenueMinor.length);
  const shortMonth = (date: Date) => format.dateTime(date, { month: "short", year: "numeric", timeZone: "UTC" });
  const longMonth = (date: Date) => format.dateTime(date, { month: "long", year: "numeric", timeZone: "UTC" });
  const total = forecastTotal(forecast.revenueMinor);
  const orders = forecastTotal(forecast.purchases);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <DashboardSection id="revenue-forecast" title={t("title")} description={t("description")}>
      <dl className="flex flex-wrap gap-x-8 gap-y-2">
        <div>
          <dt className="text-xs font-medium text-slate-600">{t("total", { months: months.length })}</dt>
          <dd className="text-lg font-semibold tabular-nums">{money(total)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-600">{t("orders")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{format.number(orders, { maximumFractionDigits: 0 })}</dd>
        </div>
      </dl>
      {/* Months as rows: each amount written in full beside its bar fits in every language and width. */}
      <BarChart
        layout="rows"
        data={months.map((month, index) => ({ label: shortMonth(month), value: forecast.revenueMinor[index]! }))}
        valueFormat={{ kind: "money", currency }}
        seriesLabel={t("series")}
        summary={t("summary", { first: longMonth(months[0]!), last: longMonth(months.at(-1)!), total: money(total) })}
        tableToggle={tDashboard("showTable")}
        table={{
          caption: t("tableCaption"),
          headers: [t("monthColumn"), t("revenueColumn"), t("ordersColumn")],
          rows: months.map((month, index) => [longMonth(month), money(forecast.revenueMinor[index]!), format.number(forecast.purchases[index]!, { maximumFractionDigits: 1 })]),
        }}
      />
      <p className="text-xs text-slate-500">{t("basis", { date: format.dateTime(fit.observationEnd, { dateStyle: "medium" }) })}</p>
    </DashboardSection>
  );
}
