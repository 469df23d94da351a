/**
 * The effects of workflow steps (a task, a tag, a discount tier, an email, a webhook delivery), written in the
 * step's transaction (lib/db/workflow-runs.ts) with idempotency keys, so a repeated step changes nothing twice.
 */
import { prepared, type Queryable } from "./workflow-runs";

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
    prepared(
      "create-task",
      `WITH created AS (
         INSERT INTO "Task" ("customerId", "title", "assigneeId", "dueAt", "idempotencyKey", "updatedAt")
         VALUES ($1::uuid, $2, $3::uuid, $4, $5, now())
         ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"
       )
       SELECT "id" FROM created UNION ALL SELECT "id" FROM "Task" WHERE "idempotencyKey" = $5 LIMIT 1`,
      [task.customerId, task.title, task.assigneeId, task.dueAt, task.idempotencyKey],
    ),
  );
  return rows[0]!.id;
}

/** Adds or removes a tag; doing it twice changes nothing more. Returns whether the tags changed. */
export async function changeCustomerTag(client: Queryable, customerId: string, action: "add" | "remove", tag: string): Promise<boolean> {
  const sql =
    action === "add"
      ? `UPDATE "Customer" SET "tags" = array_append("tags", $2), "updatedAt" = now() WHERE "id" = $1::uuid AND NOT ($2 = ANY ("tags"))`
      : `UPDATE "Customer" SET "tags" = array_remove("tags", $2), "updatedAt" = now() WHERE "id" = $1::uuid AND $2 = ANY ("tags")`;
  const { rowCount } = await client.query(prepared(`tag-${action}`, sql, [customerId, tag]));
  return (rowCount ?? 0) > 0;
}

export async function setCustomerDiscountTier(client: Queryable, customerId: string, tier: string | null): Promise<string | null> {
  const { rows } = await client.query<{ previous: string | null }>(
    prepared(
      "set-tier",
      `UPDATE "Customer" c SET "discountTier" = $2, "updatedAt" = now() FROM (SELECT "discountTier" AS previous FROM "Customer" WHERE "id" = $1::uuid) p
        WHERE c."id" = $1::uuid RETURNING p.previous`,
      [customerId, tier],
    ),
  );
  return rows[0]?.previous ?? null;
}

export type EmailAttempt = {
  idempotencyKey: string;
  messageId: string;
  customerId: string;
  runId: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  transport: "outbox" | "smtp";
  status: "QUEUED" | "SENT" | "FAILED";
  error: string | null;
};

/**
 * Records an attempt at a step's email, after it was made, in the step's transaction: one row per run and step
 * (the key is unique), counting attempts. Returns the row's id.
 */
export async function recordEmailAttempt(client: Queryable, email: EmailAttempt): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    prepared(
      "record-email",
      `INSERT INTO "OutboxEmail" ("idempotencyKey", "messageId", "customerId", "runId", "toAddress", "subject", "bodyText", "bodyHtml", "transport", "status", "attempts", "error", "sentAt")
       VALUES ($1, $2, $3::uuid, $4::uuid, $5, $6, $7, $8, $9, $10::"OutboxStatus", 1, $11, CASE WHEN $10 = 'SENT' THEN now() END)
       ON CONFLICT ("idempotencyKey") DO UPDATE
         SET "toAddress" = EXCLUDED."toAddress", "subject" = EXCLUDED."subject", "bodyText" = EXCLUDED."bodyText", "bodyHtml" = EXCLUDED."bodyHtml",
             "status" = EXCLUDED."status", "attempts" = "OutboxEmail"."attempts" + 1, "error" = EXCLUDED."error", "sentAt" = EXCLUDED."sentAt"
       RETURNING "id"`,
      [email.idempotencyKey, email.messageId, email.customerId, email.runId, email.toAddress, email.subject, email.bodyText, email.bodyHtml, email.transport, email.status, email.error],
    ),
  );
  return rows[0]!.id;
}

export type DeliveryAttempt = {
  /** The same on every attempt (it is the webhook-id the receiver sees). */
  id: string;
  idempotencyKey: string;
  runId: string;
  url: string;
  payload: Record<string, unknown>;
  status: "QUEUED" | "SENT" | "FAILED";
  responseStatus: number | null;
  error: string | null;
};

/** Records an attempt at a step's webhook, after it was made, in the step's transaction (one row per step). */
export async function recordDeliveryAttempt(client: Queryable, delivery: DeliveryAttempt): Promise<void> {
  await client.query(
    prepared(
      "record-delivery",
      `INSERT INTO "WebhookDelivery" ("id", "idempotencyKey", "runId", "url", "payload", "status", "attempts", "responseStatus", "error", "deliveredAt")
       VALUES ($1::uuid, $2, $3::uuid, $4, $5::jsonb, $6::"OutboxStatus", 1, $7, $8, CASE WHEN $6 = 'SENT' THEN now() END)
       ON CONFLICT ("idempotencyKey") DO UPDATE
         SET "url" = EXCLUDED."url", "payload" = EXCLUDED."payload", "status" = EXCLUDED."status", "attempts" = "WebhookDelivery"."attempts" + 1,
             "responseStatus" = EXCLUDED."responseStatus", "error" = EXCLUDED."error", "deliveredAt" = EXCLUDED."deliveredAt"`,
      [delivery.id, delivery.idempotencyKey, delivery.runId, delivery.url, JSON.stringify(delivery.payload), delivery.status, delivery.responseStatus, delivery.error],
    ),
  );
}

export async function webhookSecret(client: Queryable, workflowId: string, secretId: string): Promise<string | null> {
  const { rows } = await client.query<{ secret: string }>(`SELECT "secret" FROM "WorkflowSecret" WHERE "id" = $1::uuid AND "workflowId" = $2::uuid`, [secretId, workflowId]);
  return rows[0]?.secret ?? null;
}
