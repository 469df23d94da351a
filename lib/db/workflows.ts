/**
 * Workflows and their runs: definitions (with webhook secrets kept in their own table), status changes, retries
 * and runs started by hand. Enrolment from the membership event log is in workflow-enrolment.ts.
 */
import { AppError } from "@/lib/errors";
import type { Queryable } from "./workflow-runs";
import { WorkflowStepsSchema, type WorkflowStep } from "@/lib/domain/workflows/steps";
import { writeAuditEntry, writeAuditRow } from "./audit-log";
import { db, type Transaction } from "./client";
import type { Prisma, WorkflowStatus, WorkflowTrigger } from "./generated/prisma/client";

export type { WorkflowStatus };

export type WorkflowInput = {
  name: string;
  segmentId: string;
  trigger: WorkflowTrigger;
  steps: WorkflowStep[];
  stopWhenLeft: boolean;
  maxRunsPerHour: number | null;
  /** New signing secrets for webhook steps, by step index (the secrets never go back to the browser). */
  newSecrets?: Record<number, string>;
};

const workflowSelect = {
  id: true,
  name: true,
  segmentId: true,
  trigger: true,
  status: true,
  steps: true,
  stopWhenLeft: true,
  maxRunsPerHour: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  segment: { select: { key: true, name: true, kind: true } },
} as const satisfies Prisma.WorkflowSelect;

export type WorkflowRecord = Prisma.WorkflowGetPayload<{ select: typeof workflowSelect }>;

export function listWorkflows() {
  return db.workflow.findMany({ where: { status: { not: "ARCHIVED" } }, orderBy: { createdAt: "desc" }, select: workflowSelect });
}

export function getWorkflow(id: string): Promise<WorkflowRecord | null> {
  return db.workflow.findUnique({ where: { id }, select: workflowSelect });
}

/** Run counts per status for each workflow, for the list. */
export async function countRunsByStatus(): Promise<Map<string, Record<string, number>>> {
  const rows = await db.workflowRun.groupBy({ by: ["workflowId", "status"], _count: { _all: true } });
  const counts = new Map<string, Record<string, number>>();
  for (const row of rows) (counts.get(row.workflowId) ?? counts.set(row.workflowId, {}).get(row.workflowId)!)[row.status] = row._count._all;
  return counts;
}

/**
 * Creates a workflow; only segment changes from now on start runs (not the history before it existed).
 * Signing secrets for webhook steps come apart from the steps and are stored apart from them.
 */
export async function createWorkflow(input: WorkflowInput, actorId: string | null): Promise<{ id: string }> {
  const parsed = WorkflowStepsSchema.parse(input.steps);
  const { newSecrets, ...fields } = input;
  return db.$transaction(async (tx) => {
    await assertSegmentUsable(tx, input.segmentId);
    const [latest] = await tx.$queryRaw<{ max: bigint | null }[]>`SELECT max("id") AS max FROM "SegmentMembershipEvent"`;
    const workflow = await tx.workflow.create({
      data: { ...fields, steps: parsed as Prisma.InputJsonValue, enrollAfterEventId: latest?.max ?? 0n, createdById: actorId },
      select: { id: true },
    });
    const steps = await attachSecrets(tx, workflow.id, parsed, newSecrets);
    await tx.workflow.update({ where: { id: workflow.id }, data: { steps: steps as Prisma.InputJsonValue } });
    await writeAuditEntry(tx, { actorId, action: "workflow.create", entityType: "Workflow", entityId: workflow.id, after: { name: input.name, trigger: input.trigger, segmentId: input.segmentId, steps: steps.map((step) => step.type) } });
    return workflow;
  });
}

/**
 * Saves a workflow. Changed steps make a new version, and the old steps are kept for the runs under way: each run
 * carries out the steps of the version it started with, so an edit never makes it resend or skip a step (a step's
 * effect is keyed by run and step index).
 */
export async function updateWorkflow(id: string, input: WorkflowInput, actorId: string | null): Promise<void> {
  const parsed = WorkflowStepsSchema.parse(input.steps);
  const { newSecrets, ...fields } = input;
  await db.$transaction(async (tx) => {
    // Locked: two saves at once must not both make the same next version.
    const [current] = await tx.$queryRaw<{ name: string; steps: Prisma.JsonValue; status: WorkflowStatus; version: number; segmentId: string }[]>`
      SELECT "name", "steps", "status", "version", "segmentId" FROM "Workflow" WHERE "id" = ${id}::uuid FOR UPDATE`;
    if (!current || current.status === "ARCHIVED") throw new AppError("NOT_FOUND", "There is no such workflow.");
    if (current.segmentId !== input.segmentId) await assertSegmentUsable(tx, input.segmentId);
    const steps = await attachSecrets(tx, id, parsed, newSecrets);
    // Compared as jsonb: the stored steps come back with their keys in jsonb's order, not the form's.
    const [comparison] = await tx.$queryRaw<{ isSame: boolean }[]>`SELECT ${JSON.stringify(current.steps)}::jsonb = ${JSON.stringify(steps)}::jsonb AS "isSame"`;
    const isSame = comparison!.isSame;
    const version = isSame ? current.version : current.version + 1;
    if (!isSame) {
      await tx.workflowVersion.createMany({ data: [{ workflowId: id, version: current.version, steps: current.steps as Prisma.InputJsonValue }], skipDuplicates: true });
    }
    await tx.workflow.update({ where: { id }, data: { ...fields, steps: steps as Prisma.InputJsonValue, version } });
    await writeAuditEntry(tx, { actorId, action: "workflow.update", entityType: "Workflow", entityId: id, before: { name: current.name, version: current.version }, after: { name: input.name, version } });
  });
}

async function assertSegmentUsable(tx: Transaction, segmentId: string): Promise<void> {
  const segment = await tx.segment.findUnique({ where: { id: segmentId }, select: { archivedAt: true } });
  if (!segment || segment.archivedAt) throw new AppError("INVALID", "Choose a segment that exists.", { segmentId: ["segmentInvalid"] });
}

/**
 * Stores new secrets and points their steps at them; refuses another workflow's; drops secrets that neither these
 * steps nor the steps of a run still under way (or failed, which an admin may retry) use. Called before the
 * workflow row changes, so the current version's steps are still those the runs of that version carry out.
 */
async function attachSecrets(tx: Transaction, workflowId: string, steps: WorkflowStep[], newSecrets: Record<number, string> = {}): Promise<WorkflowStep[]> {
  const result = steps.map((step) => ({ ...step }));
  for (const [index, secret] of Object.entries(newSecrets)) {
    const step = result[Number(index)];
    if (step?.type !== "webhook") continue;
    step.secretId = (await tx.workflowSecret.create({ data: { workflowId, secret }, select: { id: true } })).id;
  }
  const used = [...new Set(result.flatMap((step) => (step.type === "webhook" && step.secretId ? [step.secretId] : [])))];
  if ((await tx.workflowSecret.count({ where: { workflowId, id: { in: used } } })) !== used.length) {
    throw new AppError("INVALID", "A webhook step names a signing secret this workflow does not have.", { steps: ["webhookSecretInvalid"] });
  }
  const pinned = await tx.$queryRaw<{ secretId: string }[]>`
    WITH versions AS (
      SELECT DISTINCT "workflowVersion" AS version FROM "WorkflowRun"
       WHERE "workflowId" = ${workflowId}::uuid AND "status" NOT IN ('COMPLETED', 'STOPPED')
    )
    SELECT DISTINCT step->>'secretId' AS "secretId"
      FROM versions x
      JOIN "Workflow" w ON w."id" = ${workflowId}::uuid
      LEFT JOIN "WorkflowVersion" v ON v."workflowId" = w."id" AND v."version" = x.version
     CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN x.version = w."version" THEN w."steps" ELSE v."steps" END) step
     WHERE step->>'secretId' IS NOT NULL`;
  await tx.workflowSecret.deleteMany({ where: { workflowId, id: { notIn: [...used, ...pinned.map((row) => row.secretId)] } } });
  return result;
}

/**
 * Activates, pauses or archives a workflow. Pausing holds runs where they are (the executor moves them to HELD);
 * activating releases held runs, which the caller queues in the same transaction. Archiving stops open runs.
 */
export async function setWorkflowStatus(client: Queryable, id: string, status: WorkflowStatus, actorId: string | null): Promise<ReleasedRun[]> {
  const { rows } = await client.query<{ status: WorkflowStatus }>(`SELECT "status" FROM "Workflow" WHERE "id" = $1::uuid FOR UPDATE`, [id]);
  const current = rows[0];
  if (!current || current.status === "ARCHIVED") throw new AppError("NOT_FOUND", "There is no such workflow.");
  await client.query(`UPDATE "Workflow" SET "status" = $2::"WorkflowStatus", "updatedAt" = now() WHERE "id" = $1::uuid`, [id, status]);
  await writeAuditRow(client, { actorId, action: `workflow.${status.toLowerCase()}`, entityType: "Workflow", entityId: id, before: { status: current.status }, after: { status } });
  if (status === "ARCHIVED") {
    await client.query(
      `UPDATE "WorkflowRun" SET "status" = 'STOPPED', "stopReason" = 'workflowArchived', "finishedAt" = now(), "updatedAt" = now()
        WHERE "workflowId" = $1::uuid AND "status" IN ('SCHEDULED', 'RUNNING', 'HELD')`,
      [id],
    );
    return [];
  }
  return status === "ACTIVE" ? releaseHeldRuns(client, id) : [];
}

export type ReleasedRun = { id: string; nextStep: number; nextRunAt: Date };

/** Held runs of active workflows (of one, or of all) go back to the schedule; a wait keeps its end time. */
export async function releaseHeldRuns(client: Queryable, workflowId: string | null): Promise<ReleasedRun[]> {
  const { rows } = await client.query<ReleasedRun>(
    `UPDATE "WorkflowRun" r SET "status" = 'SCHEDULED', "nextRunAt" = greatest(r."nextRunAt", now()), "updatedAt" = now()
       FROM "Workflow" w
      WHERE w."id" = r."workflowId" AND w."status" = 'ACTIVE' AND r."status" = 'HELD' AND ($1::uuid IS NULL OR w."id" = $1::uuid)
      RETURNING r."id", r."nextStep", r."nextRunAt"`,
    [workflowId],
  );
  return rows;
}

/** An admin sends a failed run back to its failed step. */
export async function retryFailedRun(client: Queryable, runId: string, actorId: string | null): Promise<ReleasedRun> {
  const { rows } = await client.query<ReleasedRun & { workflowStatus: WorkflowStatus }>(
    `UPDATE "WorkflowRun" r SET "status" = CASE WHEN w."status" = 'PAUSED' THEN 'HELD'::"WorkflowRunStatus" ELSE 'SCHEDULED'::"WorkflowRunStatus" END,
            "attempts" = 0, "lastError" = NULL, "finishedAt" = NULL, "nextRunAt" = now(), "updatedAt" = now()
       FROM "Workflow" w
      WHERE r."id" = $1::uuid AND w."id" = r."workflowId" AND r."status" = 'FAILED' AND w."status" <> 'ARCHIVED'
      RETURNING r."id", r."nextStep", r."nextRunAt", w."status" AS "workflowStatus"`,
    [runId],
  );
  const run = rows[0];
  if (!run) throw new AppError("CONFLICT", "Only a failed run of a workflow that is not archived can be retried.");
  await writeAuditRow(client, { actorId, action: "workflow.run.retry", entityType: "WorkflowRun", entityId: runId });
  return run;
}

export async function webhookAllowedHosts(): Promise<string[]> {
  return (await db.webhookAllowedHost.findMany({ orderBy: { host: "asc" }, select: { host: true } })).map((row) => row.host);
}

export async function allowWebhookHost(host: string, actorId: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.webhookAllowedHost.upsert({ where: { host }, create: { host, createdById: actorId }, update: {} });
    await writeAuditEntry(tx, { actorId, action: "webhook.allowHost", entityType: "WebhookAllowedHost", entityId: host });
  });
}

export async function disallowWebhookHost(host: string, actorId: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.webhookAllowedHost.deleteMany({ where: { host } });
    await writeAuditEntry(tx, { actorId, action: "webhook.disallowHost", entityType: "WebhookAllowedHost", entityId: host });
  });
}

/**
 * Starts runs by hand for some customers (once per request and customer). Returns the new runs: SCHEDULED ones need
 * their step job; HELD ones (the workflow is paused) wait for the resume, which queues them.
 */
export async function createManualRuns(client: Queryable, workflowId: string, customerIds: readonly string[], requestId: string): Promise<{ id: string; status: "SCHEDULED" | "HELD"; nextStep: number }[]> {
  const { rows } = await client.query<{ id: string; status: "SCHEDULED" | "HELD"; nextStep: number }>(
    `INSERT INTO "WorkflowRun" ("workflowId", "workflowVersion", "customerId", "source", "manualRequestId", "status", "nextRunAt", "updatedAt")
     SELECT w."id", w."version", c."id", 'MANUAL', $3, CASE WHEN w."status" = 'PAUSED' THEN 'HELD'::"WorkflowRunStatus" ELSE 'SCHEDULED'::"WorkflowRunStatus" END, now(), now()
     FROM "Workflow" w JOIN "Customer" c ON c."id" = ANY ($2::uuid[]) AND c."archivedAt" IS NULL
     WHERE w."id" = $1::uuid AND w."status" <> 'ARCHIVED'
     ON CONFLICT ("workflowId", "manualRequestId", "customerId") DO NOTHING
     RETURNING "id", "status", "nextStep"`,
    [workflowId, [...customerIds], requestId],
  );
  return rows;
}
