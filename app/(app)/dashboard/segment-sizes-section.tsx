import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { listSegmentSummaries } from "@/lib/db/segments";
import { sortSegmentsForDisplay } from "@/lib/domain/dashboard-figures";
import { formatMoney } from "@/lib/domain/money";
import { DashboardSection } from "./dashboard-section";

/** Members per live segment: built-in and RFM ones named in the reader's language, custom ones by their own name. */
export async function SegmentSizesSection({ currency, locale }: { currency: string; locale: string }) {
  const [t, tDashboard, format, { segments, liveCustomers }] = await Promise.all([
    getTranslations("dashboard.segments"),
    getTranslations("dashboard"),
    getFormatter(),
    listSegmentSummaries(),
  ]);
  const manage = (
    <Link href="/segments" className="text-sm font-medium text-brand-700 hover:underline">
      {t("manage")}
    </Link>
  );
  if (segments.length === 0) {
    return (
      <DashboardSection id="segment-sizes" title={t("title")} actions={manage}>
        <EmptyState title={t("empty")} />
      </DashboardSection>
    );
  }
  const nameOf = (segment: (typeof segments)[number]) => {
    const key = `names.${segment.key.replace(":", ".")}`;
    return segment.kind !== "CUSTOM" && t.has(key) ? t(key) : segment.name;
  };
  const rows = sortSegmentsForDisplay(segments).map((segment) => ({ ...segment, label: nameOf(segment) }));
  const largest = rows.reduce((best, row) => (row.members > best.members ? row : best), rows[0]!);
  const share = (members: number) => (liveCustomers ? format.number(members / liveCustomers, { style: "percent", maximumFractionDigits: 1 }) : tDashboard("notAvailable"));
  return (
    <DashboardSection id="segment-sizes" title={t("title")} description={t("description")} actions={manage}>
      <BarChart
        layout="rows"
        data={rows.map((row) => ({ label: row.label, value: row.members }))}
        valueFormat={{ kind: "number" }}
        seriesLabel={t("series")}
        summary={t("summary", { count: rows.length, largest: largest.label, members: format.number(largest.members) })}
        tableToggle={tDashboard("showTable")}
        table={{
          caption: t("tableCaption"),
          headers: [t("segmentColumn"), t("kindColumn"), t("membersColumn"), t("shareColumn"), t("averageClvColumn")],
          numericColumns: [2, 3, 4],
          rows: rows.map((row) => [
            row.label,
            t(`kinds.${row.kind}`),
            format.number(row.members),
            share(row.members),
            row.averageClvMinor === null ? tDashboard("notAvailable") : formatMoney(row.averageClvMinor, currency, locale),
          ]),
        }}
      />
    </DashboardSection>
  );
}
