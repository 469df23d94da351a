import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { listClvByAcquisitionChannel } from "@/lib/db/dashboard";
import { ACQUISITION_CHANNELS, type AcquisitionChannel } from "@/lib/domain/channels";
import { clvCacRatio, type ClvCacRatio } from "@/lib/domain/dashboard-figures";
import { formatMoney } from "@/lib/domain/money";
import { DashboardSection } from "./dashboard-section";

type Props = { currency: string; locale: string; costs: Partial<Record<AcquisitionChannel, number>>; canEditCosts: boolean };

const VERDICT_TONE = { losing: "danger", below_target: "warning", healthy: "success" } as const;
/** A shape for each verdict, so the badge does not speak through its colour alone. */
const VERDICT_MARK = { losing: "✕", below_target: "!", healthy: "✓" } as const;

/** Average total CLV per acquisition channel against what an admin says acquiring a customer there costs. */
export async function ClvCacSection({ currency, locale, costs, canEditCosts }: Props) {
  const [t, tChannels, format, channels] = await Promise.all([getTranslations("dashboard.cac"), getTranslations("channels"), getFormatter(), listClvByAcquisitionChannel()]);
  const byChannel = new Map(channels.map((row) => [row.channel, row]));
  // Every channel with customers or a cost, in the fixed channel order; customers without a known channel last.
  const rows = [...ACQUISITION_CHANNELS, null]
    .filter((channel) => byChannel.has(channel) || (channel !== null && costs[channel] !== undefined))
    .map((channel) => {
      const values = byChannel.get(channel);
      const cost = channel === null ? undefined : costs[channel];
      return { channel, customers: values?.customers ?? 0, averageClvMinor: values?.averageClvMinor ?? null, cost, ratio: channel === null ? null : clvCacRatio(values?.averageClvMinor ?? null, cost) };
    });
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const settingsLink = canEditCosts ? (
    <Link href="/settings" className="font-medium text-brand-700 hover:underline">
      {t("setCosts")}
    </Link>
  ) : null;
  const hasMissingCost = rows.some((row) => row.ratio?.status === "cost_not_set");
  return (
    <DashboardSection id="clv-cac" title={t("title")} description={t("description")}>
      {rows.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("tableCaption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-2 py-1.5 text-left font-semibold">{t("channelColumn")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-semibold">{t("customersColumn")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-semibold">{t("averageClvColumn")}</th>
                <th scope="col" className="px-2 py-1.5 text-right font-semibold">{t("costColumn")}</th>
                <th scope="col" className="px-2 py-1.5 text-left font-semibold">{t("ratioColumn")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.channel ?? "unknown"}>
                  <th scope="row" className="px-2 py-1.5 text-left font-medium">
                    {row.channel === null ? t("unknownChannel") : tChannels(row.channel)}
                  </th>
                  <td className="px-2 py-1.5 text-right tabular-nums">{format.number(row.customers)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{row.averageClvMinor === null ? t("noRatio") : money(row.averageClvMinor)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">
                    {row.channel === null ? t("noRatio") : row.cost === undefined ? <span className="text-slate-500 italic">{t("notSet")}</span> : money(row.cost)}
                  </td>
                  <td className="px-2 py-1.5">
                    <RatioCell ratio={row.ratio} format={(ratio) => t("ratio", { ratio: format.number(ratio, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })} labels={{ noRatio: t("noRatio"), noCost: t("noCost"), verdicts: { losing: t("verdicts.losing"), below_target: t("verdicts.below_target"), healthy: t("verdicts.healthy") } }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasMissingCost ? <p className="text-xs text-slate-600">{settingsLink ?? t("askAdmin")}</p> : null}
    </DashboardSection>
  );
}

type RatioLabels = { noRatio: string; noCost: string; verdicts: Record<"losing" | "below_target" | "healthy", string> };

function RatioCell({ ratio, format, labels }: { ratio: ClvCacRatio | null; format: (ratio: number) => string; labels: RatioLabels }) {
  // No cost entered is said once, in the cost column; no customers, in the customers column.
  if (!ratio || ratio.status === "no_customers" || ratio.status === "cost_not_set") return <span>{labels.noRatio}</span>;
  if (ratio.status === "no_cost") return <span>{labels.noCost}</span>;
  return (
    <span className="flex flex-wrap items-center gap-2 whitespace-nowrap">
      <span className="font-semibold tabular-nums">{format(ratio.ratio)}</span>
      <Badge tone={VERDICT_TONE[ratio.verdict]}>
        <span aria-hidden className="mr-1">
          {VERDICT_MARK[ratio.verdict]}
        </span>
        {labels.verdicts[ratio.verdict]}
      </Badge>
    </span>
  );
}
