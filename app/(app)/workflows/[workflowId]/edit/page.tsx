import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { segmentChoices } from "@/components/workflows/segment-label";
import { stepsToDrafts } from "@/components/workflows/step-drafts";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listSegmentOptions } from "@/lib/db/segment-options";
import { getWorkflow } from "@/lib/db/workflows";
import { WorkflowStepsSchema } from "@/lib/domain/workflows/steps";
import { updateWorkflowAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workflows.form");
  return { title: t("editTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The step editor for a stored workflow. Webhook steps come with the id of their signing secret, never the
 * secret: the editor says one is set and keeps it unless a new one is typed.
 */
export default async function EditWorkflowPage({ params }: { params: Promise<{ workflowId: string }> }) {
  await requirePageUser("workflow:manage");
  const { workflowId } = await params;
  const workflow = UUID.test(workflowId) ? await getWorkflow(workflowId) : null;
  if (!workflow || workflow.status === "ARCHIVED") notFound();
  const [t, tAll, segments] = await Promise.all([getTranslations("workflows.form"), getTranslations(), listSegmentOptions()]);
  const steps = WorkflowStepsSchema.safeParse(workflow.steps);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-xl font-semibold">{t("editTitleNamed", { name: workflow.name })}</h1>
      <Card>
        <WorkflowForm
          action={updateWorkflowAction}
          workflowId={workflow.id}
          segments={segmentChoices(segments, tAll)}
          initial={{
            name: workflow.name,
            segmentId: workflow.segmentId,
            trigger: workflow.trigger,
            stopWhenLeft: workflow.stopWhenLeft,
            maxRunsPerHour: workflow.maxRunsPerHour === null ? "" : String(workflow.maxRunsPerHour),
            steps: steps.success ? stepsToDrafts(steps.data) : [],
          }}
          cancelHref="/workflows"
          notice={steps.success ? undefined : t("unreadableSteps")}
        />
      </Card>
    </div>
  );
}
