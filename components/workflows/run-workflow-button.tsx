/**
 * The "Run workflow…" button for a server-rendered page (a customer's profile): renders nothing for staff who may
 * not run workflows, otherwise the dialog with the workflows that are not archived.
 */
import "server-only";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { listWorkflows } from "@/lib/db/workflows";
import { RunWorkflowDialog, type RunnableWorkflow } from "./run-workflow-dialog";

/** Workflows a member of staff may start by hand (active or paused), by name. */
export async function runnableWorkflows(): Promise<RunnableWorkflow[]> {
  const workflows = await listWorkflows();
  return workflows
    .flatMap((workflow) => (workflow.status === "ARCHIVED" ? [] : [{ id: workflow.id, name: workflow.name, status: workflow.status }]))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function RunWorkflowButton({ customerIds }: { customerIds: readonly string[] }) {
  const user = await getCurrentUser();
  if (!user || !can(user.role, "workflow:run")) return null;
  return <RunWorkflowDialog customerIds={customerIds} workflows={await runnableWorkflows()} />;
}
