import { getFormatter, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { countBuyersByClvBin, getBuyerClvRange } from "@/lib/db/dashboard";
import { binsFromEdges, clvHistogramEdges } from "@/lib/domain/dashboard-figures";
import { currencyDigits } from "@/lib/domain/money";
import { DashboardSection } from "./dashboard-section";

/** The histogram of total CLV among customers who bought, counted per bin in SQL. */
export async function ClvDistributionSection({ currency }: { currency: string }) {
  const [t, tDashboard, format, range] = await Promise.all([getTranslations("dashboard.distribution"), getTranslations("dashboard"), getFormatter(), getBuyerClvRange()]);
  if (range.buyers === 0) {
    return (
      <DashboardSection id="clv-distribution" title={t("title")}>
        <EmptyState title={t("empty")} />
      </DashboardSection>
    );
  }
  const edges = clvHistogramEdges(range, { unitMinor: 10 ** currencyDigits(currency) });
  const counts = await countBuyersByClvBin(edges);
  const total = counts.reduce((sum, count) => sum + count, 0);
  // Edges are whole round amounts (at least one major unit, steps of 1-2-5): written without decimals ("€20",
  // "€1K"), which formatMoney's compact form would add ("€20.0").
  const digits = currencyDigits(currency);
  const amount = (minor: number) => format.number(minor / 10 ** digits, { style: "currency", currency, notation: "compact", maximumFractionDigits: 0 });
  const bins = binsFromEdges(edges).map((bin, index) => {
    const from = amount(bin.fromMinor);
    const to = bin.toMinor === null ? "" : amount(bin.toMinor);
    const isFirst = index === 0;
    const isLast = bin.toMinor === null;
    return {
      label: isFirst ? t("binBelow", { to }) : isLast ? t("binFrom", { from }) : t("binBetween", { from, to }),
      longLabel: isFirst ? t("binBelowLong", { to }) : isLast ? t("binFromLong", { from }) : t("binBetweenLong", { from, to }),
      customers: counts[index] ?? 0,
    };
  });
  const fullest = bins.reduce((best, bin) => (bin.customers > best.customers ? bin : best), bins[0]!);
  const share = (count: number) => format.number(total ? count / total : 0, { style: "percent", maximumFractionDigits: 1 });
  return (
    <DashboardSection id="clv-distribution" title={t("title")} description={t("description")}>
      <BarChart
        data={bins.map((bin) => ({ label: bin.label, value: bin.customers }))}
        valueFormat={{ kind: "number" }}
        seriesLabel={t("series")}
        summary={t("summary", {
          buyers: total,
          bins: bins.length,
          first: bins[0]!.longLabel,
          last: bins.at(-1)!.longLabel,
          fullest: fullest.longLabel,
          fullestCount: format.number(fullest.customers),
        })}
        tableToggle={tDashboard("showTable")}
        table={{
          caption: t("tableCaption"),
          headers: [t("binColumn"), t("customersColumn"), t("shareColumn")],
          rows: bins.map((bin) => [bin.longLabel, format.number(bin.customers), share(bin.customers)]),
        }}
      />
    </DashboardSection>
  );
}
