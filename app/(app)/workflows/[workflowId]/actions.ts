"use server";

/**
 * Sending a failed run back to its failed step (admins, workflow:retry). Authorised here on the server whatever
 * the page showed; an unknown run, or one that is not failed, gives a clear error instead of a silent no-op.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { getWorkflowRunDetail } from "@/lib/db/workflow-history";
import { retryRun } from "@/lib/services/workflows/workflow-changes";

const RunIdSchema = z.uuid();

export async function retryRunAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("workflow:retry");
    const runId = RunIdSchema.safeParse(formData.get("runId"));
    if (!runId.success) return { status: "error", message: "errors.notFound" };
    const run = await getWorkflowRunDetail(runId.data);
    if (!run) return { status: "error", message: "errors.notFound" };
    if (run.status !== "FAILED") return { status: "error", message: "workflowRuns.retry.notFailed" };
    await retryRun(run.id, user.id);
    revalidatePath(`/workflows/${run.workflowId}`);
    revalidatePath(`/customers/${run.customer.id}`);
    return { status: "success", message: "workflowRuns.retry.done", id: run.id };
  } catch (error) {
    return actionFailed(error);
  }
}
