"use server";

/**
 * Running a workflow by hand for one customer or a selection (managers and admins, workflow:run). The dialog
 * sends a request id made once per opening, so a double click or a retried request starts nothing more.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { startManualRuns } from "@/lib/services/workflows/workflow-changes";

const RunWorkflowSchema = z.object({
  workflowId: z.uuid({ error: "workflowRequired" }),
  customerIds: z.array(z.uuid({ error: "customersInvalid" }), { error: "customersInvalid" }).min(1, { error: "customersInvalid" }).max(1000, { error: "customersInvalid" }),
  requestId: z.uuid({ error: "invalid" }),
});

export async function runWorkflowAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("workflow:run");
    const parsed = RunWorkflowSchema.safeParse({
      workflowId: formData.get("workflowId"),
      customerIds: formData.getAll("customerIds"),
      requestId: formData.get("requestId"),
    });
    if (!parsed.success) return validationFailed(parsed.error, formData);
    const { workflowId, customerIds, requestId } = parsed.data;
    const { started } = await startManualRuns(workflowId, [...new Set(customerIds)], user.id, requestId);
    revalidatePath(`/workflows/${workflowId}`);
    if (customerIds.length === 1) revalidatePath(`/customers/${customerIds[0]}`);
    return { status: "success", count: started };
  } catch (error) {
    return actionFailed(error, formData);
  }
}
