"use server";

/**
 * Workflows from the step editor, and their status. Saving: authorise workflow:manage → validate the details and
 * the steps JSON (parseWorkflowSubmission: a form schema plus WorkflowStepsSchema) → write in one transaction
 * with its audit entry and the webhook secrets (lib/db/workflows.ts), so a half-written workflow is never
 * stored → revalidate → redirect. Status changes go through changeWorkflowStatus, which queues released runs.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { parseWorkflowSubmission } from "@/components/workflows/workflow-submission";
import { actionFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { createWorkflow, updateWorkflow } from "@/lib/db/workflows";
import { changeWorkflowStatus } from "@/lib/services/workflows/workflow-changes";

const WorkflowIdSchema = z.uuid();
const StatusSchema = z.enum(["ACTIVE", "PAUSED", "ARCHIVED"]);

const NOT_FOUND: ActionState = { status: "error", message: "errors.notFound" };

function submission(formData: FormData) {
  return parseWorkflowSubmission({
    name: formData.get("name"),
    segmentId: formData.get("segmentId"),
    trigger: formData.get("trigger"),
    whenLeft: formData.get("whenLeft"),
    maxRunsPerHour: formData.get("maxRunsPerHour"),
    steps: formData.get("steps"),
  });
}

function invalid(fieldErrors: Record<string, string[]>): ActionState {
  return { status: "error", message: "errors.invalidInput", fieldErrors };
}

function revalidateWorkflows() {
  revalidatePath("/workflows", "layout");
}

export async function createWorkflowAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("workflow:manage");
    const parsed = submission(formData);
    if (!parsed.success) return invalid(parsed.fieldErrors);
    await createWorkflow(parsed.data, user.id);
  } catch (error) {
    return actionFailed(error);
  }
  revalidateWorkflows();
  redirect("/workflows");
}

export async function updateWorkflowAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("workflow:manage");
    const workflowId = WorkflowIdSchema.safeParse(formData.get("workflowId"));
    if (!workflowId.success) return NOT_FOUND;
    const parsed = submission(formData);
    if (!parsed.success) return invalid(parsed.fieldErrors);
    await updateWorkflow(workflowId.data, parsed.data, user.id);
  } catch (error) {
    return actionFailed(error);
  }
  revalidateWorkflows();
  redirect("/workflows");
}

/** Activate, pause, resume (activate again) or archive; the answer says what happened, for the list's status line. */
export async function changeWorkflowStatusAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let result: ActionState;
  try {
    const user = await authorize("workflow:manage");
    const workflowId = WorkflowIdSchema.safeParse(formData.get("workflowId"));
    if (!workflowId.success) return NOT_FOUND;
    const status = StatusSchema.safeParse(formData.get("status"));
    if (!status.success) return { status: "error", message: "errors.invalidInput" };
    const { released } = await changeWorkflowStatus(workflowId.data, status.data, user.id);
    result = { status: "success", message: status.data, count: released };
  } catch (error) {
    return actionFailed(error);
  }
  revalidateWorkflows();
  return result;
}
