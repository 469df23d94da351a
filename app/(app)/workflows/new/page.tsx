import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { segmentChoices } from "@/components/workflows/segment-label";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listSegmentOptions } from "@/lib/db/segment-options";
import { createWorkflowAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workflows.form");
  return { title: t("newTitle") };
}

export default async function NewWorkflowPage() {
  await requirePageUser("workflow:manage");
  const [t, tAll, segments] = await Promise.all([getTranslations("workflows.form"), getTranslations(), listSegmentOptions()]);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">{t("newTitle")}</h1>
      <Card>
        <WorkflowForm
          action={createWorkflowAction}
          workflowId={null}
          segments={segmentChoices(segments, tAll)}
          initial={{ name: "", segmentId: "", trigger: "ENTER", stopWhenLeft: true, maxRunsPerHour: "", steps: [] }}
          cancelHref="/workflows"
        />
      </Card>
    </div>
  );
}
