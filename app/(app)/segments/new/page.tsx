import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SegmentForm } from "@/components/segments/segment-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getReportingCurrency } from "@/lib/db/settings";
import { emptyDraft } from "@/lib/domain/segments/rule-form";
import { createSegmentAction, previewSegmentRuleAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("segments.form");
  return { title: t("newTitle") };
}

export default async function NewSegmentPage() {
  await requirePageUser("segment:manage");
  const t = await getTranslations("segments.form");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">{t("newTitle")}</h1>
      <Card>
        <SegmentForm
          action={createSegmentAction}
          preview={previewSegmentRuleAction}
          segmentId={null}
          initial={{ name: "", description: "", draft: emptyDraft() }}
          currency={await getReportingCurrency()}
          cancelHref="/segments"
        />
      </Card>
      <p className="text-xs text-slate-500">{t("readOnlyNote")}</p>
    </div>
  );
}
