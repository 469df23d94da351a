import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { groupSegments, isBuiltInSegmentKey, segmentMembersHref } from "@/components/segments/segment-groups";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listSegmentSummaries } from "@/lib/db/segments";
import { getSettings } from "@/lib/db/settings";
import { formatMoney } from "@/lib/domain/money";
import { builtInDescriptions } from "./built-in-descriptions";
import { SegmentsTable, type SegmentRow } from "./segments-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("segments");
  return { title: t("title") };
}

export default async function SegmentsPage() {
  const user = await requirePageUser("segment:read");
  const [t, locale, { segments, liveCustomers }, settings] = await Promise.all([
    getTranslations("segments"),
    getLocale(),
    listSegmentSummaries(),
    getSettings(),
  ]);
  const currency = settings.values.clv.currency;
  const canManage = can(user.role, "segment:manage");
  const groups = groupSegments(segments);
  const describe = await builtInDescriptions(settings.values, currency, locale);
  const rows = {
    builtIn: groups.builtIn.map((segment): SegmentRow => ({ ...segment, label: t(`builtIn.${segment.key}.name`), text: isBuiltInSegmentKey(segment.key) ? describe(segment.key) : null, isEditable: false })),
    rfm: groups.rfm.map((segment): SegmentRow => {
      const group = segment.key.slice("rfm:".length);
      return { ...segment, label: t(`rfm.${group}.name`), text: t(`rfm.${group}.description`), isEditable: false };
    }),
    custom: groups.custom.map((segment): SegmentRow => ({ ...segment, label: segment.name, text: segment.description, isEditable: canManage })),
  };
  const atRiskVip = segments.find((segment) => segment.key === "at_risk_vip");

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="max-w-2xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        {canManage ? (
          <Link href="/segments/new" className={buttonClasses("primary")}>
            {t("newSegment")}
          </Link>
        ) : null}
      </div>

      {atRiskVip ? (
        <section aria-labelledby="at-risk-vips" className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 px-4 py-3 ring-1 ring-amber-200">
          <div className="space-y-0.5">
            <h2 id="at-risk-vips" className="text-base font-semibold text-amber-900">
              <Link href={segmentMembersHref("at_risk_vip")} className="underline decoration-amber-400 underline-offset-4 hover:decoration-amber-700">
                {t("atRiskVips.link")}
              </Link>
            </h2>
            <p className="text-sm text-amber-900">{t("atRiskVips.summary", { count: atRiskVip.members, value: formatMoney(atRiskVip.totalClvMinor, currency, locale) })}</p>
          </div>
          {atRiskVip.members > 0 ? <p className="text-sm text-amber-800">{t("atRiskVips.action")}</p> : null}
        </section>
      ) : null}

      <SegmentsTable rows={rows} liveCustomers={liveCustomers} currency={currency} locale={locale} canManage={canManage} />
    </div>
  );
}
