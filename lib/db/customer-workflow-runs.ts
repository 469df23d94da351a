/** A customer's workflow runs for the profile: newest first, with how far each got. */
import { db } from "./client";

export async function listCustomerWorkflowRuns(customerId: string, take = 10) {
  const runs = await db.workflowRun.findMany({
    where: { customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      status: true,
      source: true,
      nextStep: true,
      nextRunAt: true,
      lastError: true,
      stopReason: true,
      createdAt: true,
      finishedAt: true,
      workflow: { select: { id: true, name: true, steps: true } },
      steps: { orderBy: { stepIndex: "asc" }, select: { stepIndex: true, type: true, status: true } },
    },
  });
  return runs.map(({ workflow, ...run }) => ({ ...run, workflow: { id: workflow.id, name: workflow.name }, stepCount: Array.isArray(workflow.steps) ? workflow.steps.length : 0 }));
}

export type CustomerWorkflowRun = Awaited<ReturnType<typeof listCustomerWorkflowRuns>>[number];
