import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ArchiveSegmentForm } from "@/components/segments/archive-segment-form";
import { SegmentForm } from "@/components/segments/segment-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getReportingCurrency } from "@/lib/db/settings";
import { getCustomSegment } from "@/lib/db/segments";
import { emptyDraft, ruleToDraft } from "@/lib/domain/segments/rule-form";
import { parseSegmentRule } from "@/lib/domain/segments/segment-rule";
import { archiveSegmentAction, previewSegmentRuleAction, updateSegmentAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("segments.form");
  return { title: t("editTitle") };
}

/** Custom segments only: built-in and RFM segments are drawn by the admin settings and are not found here. */
export default async function EditSegmentPage({ params }: { params: Promise<{ segmentId: string }> }) {
  await requirePageUser("segment:manage");
  const { segmentId } = await params;
  const segment = await getCustomSegment(segmentId);
  if (!segment) notFound();
  const [t, locale] = await Promise.all([getTranslations("segments.form"), getLocale()]);
  const currency = await getReportingCurrency();
  const rule = parseSegmentRule(segment.rule);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">{t("editTitleNamed", { name: segment.name })}</h1>
      <Card>
        <SegmentForm
          action={updateSegmentAction}
          preview={previewSegmentRuleAction}
          segmentId={segment.id}
          initial={{ name: segment.name, description: segment.description ?? "", draft: rule.success ? ruleToDraft(rule.data, { locale, currency }) : emptyDraft() }}
          currency={currency}
          cancelHref="/segments"
          notice={rule.success ? undefined : t("ruleUnreadable")}
        />
      </Card>
      <Card>
        <ArchiveSegmentForm segmentId={segment.id} action={archiveSegmentAction} />
      </Card>
    </div>
  );
}
