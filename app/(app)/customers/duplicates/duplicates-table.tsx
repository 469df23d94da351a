import Link from "next/link";
import type { Route } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { listDuplicatePairs, type DuplicateCursor, type DuplicateCustomer } from "@/lib/db/duplicates";
import { getSettings } from "@/lib/db/settings";
import { formatMoney } from "@/lib/domain/money";

export const DUPLICATES_PAGE_SIZE = 25;

const CursorSchema = z.tuple([z.number().int(), z.uuid(), z.uuid()]);

/** The `after` search parameter: base64url JSON of the last pair's combined CLV and ids; anything else is page one. */
export function parseDuplicateCursor(value: string | undefined): DuplicateCursor | null {
  if (!value) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function cursorParam(cursor: DuplicateCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function compareHref(aId: string, bId: string): Route {
  return `/customers/duplicates/compare?${new URLSearchParams({ a: aId, b: bId })}` as Route;
}

export async function DuplicatesTable({ after }: { after: DuplicateCursor | null }) {
  const [t, locale, settings, { pairs, total, next }] = await Promise.all([
    getTranslations("duplicates"),
    getLocale(),
    getSettings(),
    listDuplicatePairs({ after, limit: DUPLICATES_PAGE_SIZE }),
  ]);
  const money = (minor: number) => formatMoney(minor, settings.values.clv.currency, locale);
  if (total === 0) return <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />;

  const customerCell = (customer: DuplicateCustomer) => (
    <td className="px-3 py-2 align-top">
      <Link href={`/customers/${customer.id}` as Route} className="font-medium text-brand-700 hover:underline">
        {customer.name}
      </Link>
      <p className="text-xs break-all text-slate-600">{[customer.email, customer.phone, customer.company, customer.city].filter(Boolean).join(" · ") || t("none")}</p>
      <p className="text-xs text-slate-500">
        {t("orders", { count: customer.orderCount })} · {t("clv", { value: money(customer.totalClvMinor) })}
      </p>
    </td>
  );

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{t("count", { count: total })}</p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("tableCaption")}</caption>
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold text-slate-700">{t("columns.first")}</th>
              <th scope="col" className="px-3 py-2 font-semibold text-slate-700">{t("columns.second")}</th>
              <th scope="col" className="px-3 py-2 font-semibold text-slate-700">{t("columns.reasons")}</th>
              <th scope="col" className="px-3 py-2 text-right font-semibold text-slate-700">{t("columns.value")}</th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t("columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {pairs.map(({ customers: [first, second], reasons, combinedClvMinor }) => (
              <tr key={`${first.id}:${second.id}`} className="hover:bg-slate-50">
                {customerCell(first)}
                {customerCell(second)}
                <td className="px-3 py-2 align-top">
                  <div className="flex flex-wrap gap-1">
                    {reasons.map((reason) => (
                      <Badge key={reason} tone="warning">
                        {t(`reasons.${reason}`)}
                      </Badge>
                    ))}
                  </div>
                </td>
                <td className="px-3 py-2 text-right align-top whitespace-nowrap tabular-nums">{money(combinedClvMinor)}</td>
                <td className="px-3 py-2 text-right align-top">
                  <Link href={compareHref(first.id, second.id)} className={buttonClasses("secondary")} aria-label={t("compareNamed", { first: first.name, second: second.name })}>
                    {t("compare")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {after || next ? (
        <nav aria-label={t("pages")} className="flex gap-3 text-sm">
          {after ? (
            <Link href="/customers/duplicates" className="font-medium text-brand-700 hover:underline">
              {t("firstPage")}
            </Link>
          ) : null}
          {next ? (
            <Link href={`/customers/duplicates?after=${cursorParam(next)}` as Route} className="font-medium text-brand-700 hover:underline">
              {t("nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
