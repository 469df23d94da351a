/**
 * A customer's workflow runs, for the profile's Workflows card and the customer's run history: newest first, a
 * keyset page at a time, each with every step's status, attempts, error and times. Nothing here writes.
 */
import { db } from "./client";
import type { Prisma } from "./generated/prisma/client";
import { runProgressSelect, type HistoryCursor, type Page } from "./workflow-history";

const customerRunSelect = {
  ...runProgressSelect,
  workflow: { select: { id: true, name: true, steps: true, version: true } },
  steps: { orderBy: { stepIndex: "asc" }, select: { stepIndex: true, type: true, status: true, attempts: true, error: true, startedAt: true, finishedAt: true } },
} as const satisfies Prisma.WorkflowRunSelect;

type RunRow = Prisma.WorkflowRunGetPayload<{ select: typeof customerRunSelect }>;

export type CustomerWorkflowRun = Omit<RunRow, "workflow"> & { workflow: { id: string; name: string }; stepCount: number };
export type CustomerRunStep = CustomerWorkflowRun["steps"][number];

/** The customer's runs older than `before` (all when null), newest first, `take` of them and where the next page starts. */
export async function listCustomerWorkflowRuns(customerId: string, options: { before?: HistoryCursor | null; take: number }): Promise<Page<CustomerWorkflowRun>> {
  const before = options.before;
  const rows = await db.workflowRun.findMany({
    where: { customerId, ...(before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take + 1,
    select: customerRunSelect,
  });
  const page = rows.slice(0, options.take);
  // A run carries out the steps of the version it started with; an edit since may have changed how many there are.
  const older = page.filter((run) => run.workflowVersion !== run.workflow.version);
  const olderSteps = older.length
    ? await db.workflowVersion.findMany({
        where: { OR: older.map((run) => ({ workflowId: run.workflow.id, version: run.workflowVersion })) },
        select: { workflowId: true, version: true, steps: true },
      })
    : [];
  const stepsOf = (run: RunRow) =>
    run.workflowVersion === run.workflow.version ? run.workflow.steps : olderSteps.find((v) => v.workflowId === run.workflow.id && v.version === run.workflowVersion)?.steps;
  const shown = page.map((run) => {
    const steps = stepsOf(run);
    const { workflow, ...rest } = run;
    return { ...rest, workflow: { id: workflow.id, name: workflow.name }, stepCount: Array.isArray(steps) ? steps.length : 0 };
  });
  const last = shown.at(-1);
  return { rows: shown, next: rows.length > options.take && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export async function countCustomerWorkflowRuns(customerId: string): Promise<number> {
  return db.workflowRun.count({ where: { customerId } });
}
