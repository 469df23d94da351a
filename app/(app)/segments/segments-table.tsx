import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { segmentMembersHref, shareOfCustomers } from "@/components/segments/segment-groups";
import type { SegmentSummary } from "@/lib/db/segments";
import { formatMoney } from "@/lib/domain/money";

/** A segment as the table shows it: its figures, its name and one line of description in the reader's language. */
export type SegmentRow = SegmentSummary & { label: string; text: string | null; isEditable: boolean };

type Props = {
  rows: { builtIn: SegmentRow[]; rfm: SegmentRow[]; custom: SegmentRow[] };
  liveCustomers: number;
  currency: string;
  locale: string;
  canManage: boolean;
};

/** One table, three row groups (built-in, RFM, custom); each segment's name links to its members. */
export async function SegmentsTable({ rows, liveCustomers, currency, locale, canManage }: Props) {
  const [t, format] = await Promise.all([getTranslations("segments"), getFormatter()]);
  const columnCount = canManage ? 6 : 5;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const header = (label: string, align: "left" | "right" = "right") => (
    <th scope="col" className={`px-3 py-2 font-semibold whitespace-nowrap text-slate-700 ${align === "right" ? "text-right" : "text-left"}`}>
      {label}
    </th>
  );

  const group = (title: string, segments: SegmentRow[], extra?: { note?: string; empty?: { title: string; description: string } }) => (
    <tbody className="divide-y divide-slate-100 border-t border-slate-200">
      <tr className="bg-slate-50/70">
        <th scope="rowgroup" colSpan={columnCount} className="px-3 pt-4 pb-2 text-left">
          <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</span>
          {extra?.note ? <span className="ml-2 text-xs font-normal text-slate-500">{extra.note}</span> : null}
        </th>
      </tr>
      {segments.length === 0 && extra?.empty ? (
        <tr>
          <td colSpan={columnCount} className="p-3">
            <EmptyState title={extra.empty.title} description={extra.empty.description} />
          </td>
        </tr>
      ) : null}
      {segments.map((segment) => (
        <tr key={segment.id} className="hover:bg-slate-50">
          <th scope="row" className="px-3 py-2 text-left align-top font-normal">
            <Link href={segmentMembersHref(segment.key)} className="font-medium text-brand-700 hover:underline">
              {segment.label}
            </Link>
            {segment.text ? <p className="mt-0.5 max-w-xl text-xs text-slate-500">{segment.text}</p> : null}
          </th>
          <td className="px-3 py-2 text-right align-top tabular-nums">{format.number(segment.members)}</td>
          <td className="px-3 py-2 text-right align-top tabular-nums">{format.number(shareOfCustomers(segment.members, liveCustomers), { style: "percent", maximumFractionDigits: 1 })}</td>
          <td className="px-3 py-2 text-right align-top tabular-nums">{money(segment.totalClvMinor)}</td>
          <td className="px-3 py-2 text-right align-top tabular-nums">{segment.averageClvMinor === null ? t("noAverage") : money(segment.averageClvMinor)}</td>
          {canManage ? (
            <td className="px-3 py-2 text-right align-top">
              {segment.isEditable ? (
                <Link href={`/segments/${segment.id}/edit`} className="text-sm font-medium text-brand-700 hover:underline" aria-label={t("editNamed", { name: segment.label })}>
                  {t("edit")}
                </Link>
              ) : null}
            </td>
          ) : null}
        </tr>
      ))}
    </tbody>
  );

  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            {header(t("columns.segment"), "left")}
            {header(t("columns.members"))}
            {header(t("columns.share"))}
            {header(t("columns.totalClv"))}
            {header(t("columns.averageClv"))}
            {canManage ? (
              <th scope="col" className="px-3 py-2 text-right font-semibold text-slate-700">
                <span className="sr-only">{t("columns.actions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        {group(t("groups.builtIn"), rows.builtIn)}
        {group(t("groups.rfm"), rows.rfm, { note: t("rfmHelp") })}
        {group(t("groups.custom"), rows.custom, {
          empty: { title: t("emptyCustomTitle"), description: canManage ? t("emptyCustomManage") : t("emptyCustomRead") },
        })}
      </table>
    </div>
  );
}
