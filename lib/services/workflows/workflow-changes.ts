/**
 * Staff actions on workflows that move runs: activate / pause / archive, retry a failed run, run by hand. Each
 * changes the runs and queues their step jobs in one transaction.
 */
import { randomUUID } from "node:crypto";
import { writeAuditRow } from "@/lib/db/audit-log";
import { inTransaction } from "@/lib/db/pg-transaction";
import { workflowTransactionPool } from "@/lib/db/workflow-runs";
import { createManualRuns, retryFailedRun, setWorkflowStatus, type WorkflowStatus } from "@/lib/db/workflows";
import { jobQueue } from "@/lib/jobs/queue";
import { insertStepJobs } from "./step-jobs";

export async function changeWorkflowStatus(workflowId: string, status: WorkflowStatus, actorId: string | null): Promise<{ released: number }> {
  const boss = await jobQueue();
  return inTransaction(workflowTransactionPool(), async (client) => {
    const released = await setWorkflowStatus(client, workflowId, status, actorId);
    await insertStepJobs(boss, client, released.map((run) => ({ runId: run.id, step: run.nextStep, startAfter: run.nextRunAt })));
    return { released: released.length };
  });
}

export async function retryRun(runId: string, actorId: string | null): Promise<void> {
  const boss = await jobQueue();
  await inTransaction(workflowTransactionPool(), async (client) => {
    const run = await retryFailedRun(client, runId, actorId);
    await insertStepJobs(boss, client, [{ runId: run.id, step: run.nextStep }]);
  });
}

/**
 * Runs a workflow now for the given customers. The request id makes a repeated submit (a double click, a retried
 * request) start nothing more; archived customers are left out.
 */
export async function startManualRuns(workflowId: string, customerIds: readonly string[], actorId: string | null, requestId: string = randomUUID()): Promise<{ started: number }> {
  const boss = await jobQueue();
  return inTransaction(workflowTransactionPool(), async (client) => {
    const runs = await createManualRuns(client, workflowId, customerIds, requestId);
    const scheduled = runs.filter((run) => run.status === "SCHEDULED");
    await insertStepJobs(boss, client, scheduled.map((run) => ({ runId: run.id, step: run.nextStep })));
    await writeAuditRow(client, { actorId, action: "workflow.runManually", entityType: "Workflow", entityId: workflowId, after: { customers: customerIds.length, started: runs.length, held: runs.length - scheduled.length, requestId } });
    // Runs of a paused workflow count as started: they are kept (HELD) and carry on when it is resumed.
    return { started: runs.length };
  });
}
