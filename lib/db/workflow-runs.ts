/**
 * What the workflow step executor reads and writes, in the caller's transaction on a plain pg client: the step
 * jobs of the queue are inserted in that same transaction (lib/services/workflows/step-jobs.ts), so a run's state
 * and its next job are committed together or not at all.
 */
import type pg from "pg";

export type Queryable = Pick<pg.PoolClient, "query">;

export type RunForStep = {
  id: string;
  workflowId: string;
  customerId: string;
  source: "SEGMENT_EVENT" | "MANUAL";
  status: string;
  nextStep: number;
  nextRunAt: Date;
  attempts: number;
  startedAt: Date | null;
  workflowName: string;
  workflowStatus: "ACTIVE" | "PAUSED" | "ARCHIVED";
  steps: unknown;
  stopWhenLeft: boolean;
  maxRunsPerHour: number | null;
  segmentId: string;
  segmentKey: string;
  trigger: "ENTER" | "EXIT";
};

/**
 * Locks the run for this step. Another worker holding it (a repeated job) makes this return null: that worker
 * finishes the step and queues what comes next.
 */
export async function lockRunForStep(client: Queryable, runId: string): Promise<RunForStep | null> {
  const { rows } = await client.query<RunForStep>(
    `SELECT r."id", r."workflowId", r."customerId", r."source", r."status", r."nextStep", r."nextRunAt", r."attempts", r."startedAt",
            w."name" AS "workflowName", w."status" AS "workflowStatus", w."steps", w."stopWhenLeft", w."maxRunsPerHour",
            w."segmentId", s."key" AS "segmentKey", w."trigger"
       FROM "WorkflowRun" r
       JOIN "Workflow" w ON w."id" = r."workflowId"
       JOIN "Segment" s ON s."id" = w."segmentId"
      WHERE r."id" = $1::uuid
        FOR UPDATE OF r`,
    [runId],
  );
  return rows[0] ?? null;
}

export async function isSegmentMember(client: Queryable, segmentId: string, customerId: string): Promise<boolean> {
  const { rowCount } = await client.query(`SELECT 1 FROM "SegmentMembership" WHERE "segmentId" = $1::uuid AND "customerId" = $2::uuid`, [segmentId, customerId]);
  return (rowCount ?? 0) > 0;
}

/**
 * Runs of a workflow started within the hour before `now`, and when the oldest of them started, for the
 * per-workflow rate limit. Takes a lock per workflow so two workers cannot both start the last allowed run.
 */
export async function runsStartedWithinHour(client: Queryable, workflowId: string, now: Date): Promise<{ count: number; oldest: Date | null }> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('workflow-rate:' || $1))`, [workflowId]);
  const { rows } = await client.query<{ count: string; oldest: Date | null }>(
    `SELECT count(*)::text AS count, min("startedAt") AS oldest FROM "WorkflowRun"
      WHERE "workflowId" = $1::uuid AND "startedAt" > $2::timestamptz - interval '1 hour'`,
    [workflowId, now],
  );
  return { count: Number(rows[0]!.count), oldest: rows[0]!.oldest };
}

export type RunUpdate = {
  status?: "SCHEDULED" | "RUNNING" | "HELD" | "COMPLETED" | "STOPPED" | "FAILED";
  nextStep?: number;
  nextRunAt?: Date;
  attempts?: number;
  lastError?: string | null;
  stopReason?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
};

export async function updateRun(client: Queryable, runId: string, update: RunUpdate): Promise<void> {
  const entries = Object.entries(update).filter(([, value]) => value !== undefined);
  const assignments = entries.map(([column], index) => `"${column}" = $${index + 2}`);
  await client.query(`UPDATE "WorkflowRun" SET ${[...assignments, `"updatedAt" = now()`].join(", ")} WHERE "id" = $1::uuid`, [runId, ...entries.map(([, value]) => value)]);
}

export type StepResultWrite = {
  runId: string;
  stepIndex: number;
  type: string;
  status: "RUNNING" | "SUCCEEDED" | "SKIPPED" | "FAILED";
  attempts: number;
  error?: string | null;
  output?: Record<string, unknown> | null;
  finished: boolean;
};

export async function writeStepResult(client: Queryable, step: StepResultWrite): Promise<void> {
  await client.query(
    `INSERT INTO "WorkflowStepResult" ("runId", "stepIndex", "type", "status", "attempts", "error", "output", "startedAt", "finishedAt")
     VALUES ($1::uuid, $2, $3, $4::"StepStatus", $5, $6, $7::jsonb, now(), CASE WHEN $8 THEN now() END)
     ON CONFLICT ("runId", "stepIndex") DO UPDATE
       SET "type" = EXCLUDED."type", "status" = EXCLUDED."status", "attempts" = EXCLUDED."attempts", "error" = EXCLUDED."error",
           "output" = EXCLUDED."output", "finishedAt" = EXCLUDED."finishedAt"`,
    [step.runId, step.stepIndex, step.type, step.status, step.attempts, step.error ?? null, step.output ? JSON.stringify(step.output) : null, step.finished],
  );
}

export type CustomerForStep = {
  id: string;
  externalId: string | null;
  name: string;
  email: string | null;
  marketingConsent: boolean;
  erasedAt: Date | null;
  archivedAt: Date | null;
  ownerId: string | null;
  discountTier: string | null;
  tags: string[];
  historicalValueMinor: string | null;
  predictedValueMinor: string | null;
  totalClvMinor: string | null;
};

export async function customerForStep(client: Queryable, customerId: string): Promise<CustomerForStep | null> {
  const { rows } = await client.query<CustomerForStep>(
    `SELECT c."id", c."externalId", c."name", c."email", c."marketingConsent", c."erasedAt", c."archivedAt", c."ownerId", c."discountTier", c."tags",
            m."historicalValueMinor"::text AS "historicalValueMinor", m."predictedValueMinor"::text AS "predictedValueMinor", m."totalClvMinor"::text AS "totalClvMinor"
       FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id"
      WHERE c."id" = $1::uuid`,
    [customerId],
  );
  return rows[0] ?? null;
}

/** The active user of a role with the fewest open tasks (oldest account first on a tie). */
export async function leastBusyUserWithRole(client: Queryable, role: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT u."id" FROM "User" u
      WHERE u."role" = $1::"Role" AND u."isActive"
      ORDER BY (SELECT count(*) FROM "Task" t WHERE t."assigneeId" = u."id" AND t."status" = 'OPEN'), u."createdAt", u."id"
      LIMIT 1`,
    [role],
  );
  return rows[0]?.id ?? null;
}

/** Creates the step's task unless this step already did (the key is unique). Returns the task's id either way. */
export async function createTaskOnce(client: Queryable, task: { idempotencyKey: string; customerId: string; title: string; assigneeId: string | null; dueAt: Date }): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `WITH created AS (
       INSERT INTO "Task" ("customerId", "title", "assigneeId", "dueAt", "idempotencyKey", "updatedAt")
       VALUES ($1::uuid, $2, $3::uuid, $4, $5, now())
       ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"
     )
     SELECT "id" FROM created UNION ALL SELECT "id" FROM "Task" WHERE "idempotencyKey" = $5 LIMIT 1`,
    [task.customerId, task.title, task.assigneeId, task.dueAt, task.idempotencyKey],
  );
  return rows[0]!.id;
}

/** Adds or removes a tag; doing it twice changes nothing more. Returns whether the tags changed. */
export async function changeCustomerTag(client: Queryable, customerId: string, action: "add" | "remove", tag: string): Promise<boolean> {
  const sql =
    action === "add"
      ? `UPDATE "Customer" SET "tags" = array_append("tags", $2), "updatedAt" = now() WHERE "id" = $1::uuid AND NOT ($2 = ANY ("tags"))`
      : `UPDATE "Customer" SET "tags" = array_remove("tags", $2), "updatedAt" = now() WHERE "id" = $1::uuid AND $2 = ANY ("tags")`;
  const { rowCount } = await client.query(sql, [customerId, tag]);
  return (rowCount ?? 0) > 0;
}

export async function setCustomerDiscountTier(client: Queryable, customerId: string, tier: string | null): Promise<string | null> {
  const { rows } = await client.query<{ previous: string | null }>(
    `UPDATE "Customer" c SET "discountTier" = $2, "updatedAt" = now() FROM (SELECT "discountTier" AS previous FROM "Customer" WHERE "id" = $1::uuid) p
      WHERE c."id" = $1::uuid RETURNING p.previous`,
    [customerId, tier],
  );
  return rows[0]?.previous ?? null;
}

export type OutboxRow = { id: string; status: "QUEUED" | "SENT" | "FAILED"; attempts: number; messageId: string; toAddress: string; subject: string; bodyText: string; bodyHtml: string };

/** The step's email, written once (the key is unique); a repeated attempt gets the same row, text and Message-ID. */
export async function upsertOutboxEmail(
  client: Queryable,
  email: { idempotencyKey: string; messageId: string; customerId: string; runId: string; toAddress: string; subject: string; bodyText: string; bodyHtml: string; transport: "outbox" | "smtp" },
): Promise<OutboxRow> {
  const { rows } = await client.query<OutboxRow>(
    `INSERT INTO "OutboxEmail" ("idempotencyKey", "messageId", "customerId", "runId", "toAddress", "subject", "bodyText", "bodyHtml", "transport")
     VALUES ($1, $2, $3::uuid, $4::uuid, $5, $6, $7, $8, $9)
     ON CONFLICT ("idempotencyKey") DO UPDATE SET "idempotencyKey" = EXCLUDED."idempotencyKey"
     RETURNING "id", "status", "attempts", "messageId", "toAddress", "subject", "bodyText", "bodyHtml"`,
    [email.idempotencyKey, email.messageId, email.customerId, email.runId, email.toAddress, email.subject, email.bodyText, email.bodyHtml, email.transport],
  );
  return rows[0]!;
}

export async function recordOutboxAttempt(client: Queryable, id: string, outcome: { sent: true } | { sent: false; error: string; final: boolean }): Promise<void> {
  if (outcome.sent) {
    await client.query(`UPDATE "OutboxEmail" SET "status" = 'SENT', "attempts" = "attempts" + 1, "error" = NULL, "sentAt" = now() WHERE "id" = $1::uuid`, [id]);
  } else {
    await client.query(`UPDATE "OutboxEmail" SET "status" = $2::"OutboxStatus", "attempts" = "attempts" + 1, "error" = $3 WHERE "id" = $1::uuid`, [id, outcome.final ? "FAILED" : "QUEUED", outcome.error]);
  }
}

export type DeliveryRow = { id: string; status: "QUEUED" | "SENT" | "FAILED"; attempts: number; payload: Record<string, unknown> };

/** The step's webhook delivery, written once: every attempt sends the same id and payload. */
export async function upsertWebhookDelivery(client: Queryable, delivery: { idempotencyKey: string; runId: string; url: string; payload: Record<string, unknown> }): Promise<DeliveryRow> {
  const { rows } = await client.query<DeliveryRow>(
    `INSERT INTO "WebhookDelivery" ("idempotencyKey", "runId", "url", "payload") VALUES ($1, $2::uuid, $3, $4::jsonb)
     ON CONFLICT ("idempotencyKey") DO UPDATE SET "idempotencyKey" = EXCLUDED."idempotencyKey"
     RETURNING "id", "status", "attempts", "payload"`,
    [delivery.idempotencyKey, delivery.runId, delivery.url, JSON.stringify(delivery.payload)],
  );
  return rows[0]!;
}

export async function recordDeliveryAttempt(client: Queryable, id: string, outcome: { delivered: boolean; responseStatus: number | null; error: string | null; final: boolean }): Promise<void> {
  await client.query(
    `UPDATE "WebhookDelivery" SET "status" = $2::"OutboxStatus", "attempts" = "attempts" + 1, "responseStatus" = $3, "error" = $4,
            "deliveredAt" = CASE WHEN $5 THEN now() END
      WHERE "id" = $1::uuid`,
    [id, outcome.delivered ? "SENT" : outcome.final ? "FAILED" : "QUEUED", outcome.responseStatus, outcome.error, outcome.delivered],
  );
}

export async function webhookSecret(client: Queryable, workflowId: string, secretId: string): Promise<string | null> {
  const { rows } = await client.query<{ secret: string }>(`SELECT "secret" FROM "WorkflowSecret" WHERE "id" = $1::uuid AND "workflowId" = $2::uuid`, [secretId, workflowId]);
  return rows[0]?.secret ?? null;
}

/**
 * Runs that should have a step job but may not (a crash between a commit and a queue write that was not in it,
 * or a job deleted by hand): scheduled, due over a minute ago, and with no job waiting or running in the queue.
 */
export async function orphanedScheduledRuns(client: Queryable, queueName: string, limit: number): Promise<{ id: string; nextStep: number; nextRunAt: Date }[]> {
  const { rows } = await client.query<{ id: string; nextStep: number; nextRunAt: Date }>(
    `SELECT r."id", r."nextStep", r."nextRunAt" FROM "WorkflowRun" r
      WHERE r."status" IN ('SCHEDULED', 'RUNNING') AND r."nextRunAt" < now() - interval '1 minute'
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j."name" = $1 AND j."data"->>'runId' = r."id"::text AND j."state" < 'completed')
      ORDER BY r."nextRunAt" LIMIT $2`,
    [queueName, limit],
  );
  return rows;
}
