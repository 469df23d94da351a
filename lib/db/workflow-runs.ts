/**
 * What the workflow step executor reads and writes, in the caller's transaction on a plain pg client: the step
 * jobs of the queue are inserted in that same transaction (lib/services/workflows/step-jobs.ts), so a run's state
 * and its next job are committed together or not at all.
 */
import { createHash } from "node:crypto";
import type pg from "pg";
import { pgPool } from "./pg-pool";

export type Queryable = Pick<pg.PoolClient, "query">;

/**
 * The pool the workflow transactions are opened on (steps, enrolment, the engine's sweep, staff changes to runs):
 * the plain pg pool, so that pg-boss writes the step jobs on the same client, in the same transaction.
 */
export function workflowTransactionPool(): pg.Pool {
  return pgPool();
}

/**
 * A prepared statement, parsed and planned once per connection: the executor runs these for every step, and
 * planning them each time cost more than running them.
 */
export function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  // PostgreSQL cuts names at 63 bytes; a long one (a list of columns) is shortened to a hash of itself.
  const short = name.length <= 40 ? name : `${name.slice(0, 16)}${createHash("sha1").update(name).digest("hex").slice(0, 16)}`;
  return { name: `wf-${short}`, text, values };
}

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
  createdAt: Date;
  workflowName: string;
  workflowStatus: "ACTIVE" | "PAUSED" | "ARCHIVED";
  steps: unknown;
  stopWhenLeft: boolean;
  maxRunsPerHour: number | null;
  segmentId: string;
  segmentKey: string;
  trigger: "ENTER" | "EXIT";
  /** The version of the steps the run started with; `steps` are that version's. */
  workflowVersion: number;
  /** For a run started by a segment change: that change (null when started by hand, or its event is gone). */
  triggerChange: "ENTER" | "EXIT" | null;
  /**
   * Whether the segment change that started the run still stands: an entry whose customer is still a member and
   * has not left and come back since (a new entry starts its own run), or an exit not undone by a re-entry.
   */
  isTriggerCurrent: boolean | null;
  customer: CustomerForStep | null;
};

/**
 * Locks the run for this step and reads everything the step needs in one round trip. Another worker holding it
 * (a repeated job) makes this return null: that worker finishes the step and queues what comes next.
 *
 * The steps are those of the run's own version (pinned when the workflow was edited), and the segment re-check is
 * about the change that started the run: a later event for the same customer and segment means it no longer
 * stands. Ids are a safe order here because one segment's refreshes are serialised by its lock, held to commit.
 */
export async function lockRunForStep(client: Queryable, runId: string): Promise<RunForStep | null> {
  const { rows } = await client.query<RunForStep>(
    prepared(
      "lock-run",
      `SELECT r."id", r."workflowId", r."customerId", r."source", r."status", r."nextStep", r."nextRunAt", r."attempts", r."startedAt", r."createdAt",
              w."name" AS "workflowName", w."status" AS "workflowStatus", w."stopWhenLeft", w."maxRunsPerHour",
              w."segmentId", s."key" AS "segmentKey", w."trigger", r."workflowVersion",
              CASE WHEN r."workflowVersion" = w."version" THEN w."steps"
                   ELSE (SELECT v."steps" FROM "WorkflowVersion" v WHERE v."workflowId" = r."workflowId" AND v."version" = r."workflowVersion") END AS "steps",
              t."triggerChange", t."isTriggerCurrent",
              (SELECT json_build_object(
                        'id', c."id", 'externalId', c."externalId", 'name', c."name", 'email', c."email", 'marketingConsent', c."marketingConsent",
                        'erasedAt', c."erasedAt", 'archivedAt', c."archivedAt", 'ownerId', c."ownerId", 'discountTier', c."discountTier", 'tags', c."tags",
                        'historicalValueMinor', m."historicalValueMinor"::text, 'predictedValueMinor', m."predictedValueMinor"::text, 'totalClvMinor', m."totalClvMinor"::text)
                 FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id" WHERE c."id" = r."customerId") AS "customer"
         FROM "WorkflowRun" r
         JOIN "Workflow" w ON w."id" = r."workflowId"
         JOIN "Segment" s ON s."id" = w."segmentId"
         LEFT JOIN LATERAL (
           SELECT e."change" AS "triggerChange",
                  (e."change" = 'ENTER') = EXISTS (SELECT 1 FROM "SegmentMembership" sm WHERE sm."segmentId" = e."segmentId" AND sm."customerId" = r."customerId")
                  AND NOT EXISTS (SELECT 1 FROM "SegmentMembershipEvent" later
                                   WHERE later."customerId" = r."customerId" AND later."segmentId" = e."segmentId" AND later."id" > e."id") AS "isTriggerCurrent"
             FROM "SegmentMembershipEvent" e WHERE e."id" = r."triggerEventId"
         ) t ON true
        WHERE r."id" = $1::uuid
          FOR UPDATE OF r SKIP LOCKED`,
      [runId],
    ),
  );
  return rows[0] ?? null;
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
  const columns = entries.map(([column]) => column);
  await client.query(prepared(`update-run:${columns}`, `UPDATE "WorkflowRun" SET ${[...assignments, `"updatedAt" = now()`].join(", ")} WHERE "id" = $1::uuid`, [runId, ...entries.map(([, value]) => value)]));
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

/** Writes what a step did and the run's next state, in one statement. */
export async function writeStepResult(client: Queryable, step: StepResultWrite, run: RunUpdate): Promise<void> {
  const entries = Object.entries(run).filter(([, value]) => value !== undefined);
  const assignments = entries.map(([column], index) => `"${column}" = $${index + 9}`);
  await client.query(
    prepared(
      `step-result:${entries.map(([column]) => column)}`,
      `WITH result AS (
       INSERT INTO "WorkflowStepResult" ("runId", "stepIndex", "type", "status", "attempts", "error", "output", "startedAt", "finishedAt")
       VALUES ($1::uuid, $2, $3, $4::"StepStatus", $5, $6, $7::jsonb, now(), CASE WHEN $8 THEN now() END)
       ON CONFLICT ("runId", "stepIndex") DO UPDATE
         SET "type" = EXCLUDED."type", "status" = EXCLUDED."status", "attempts" = EXCLUDED."attempts", "error" = EXCLUDED."error",
             "output" = EXCLUDED."output", "finishedAt" = EXCLUDED."finishedAt"
       RETURNING 1
     )
     UPDATE "WorkflowRun" SET ${[...assignments, `"updatedAt" = now()`].join(", ")} WHERE "id" = $1::uuid AND EXISTS (SELECT 1 FROM result)`,
      [step.runId, step.stepIndex, step.type, step.status, step.attempts, step.error ?? null, step.output ? JSON.stringify(step.output) : null, step.finished, ...entries.map(([, value]) => value)],
    ),
  );
}

export type CustomerForStep = {
  id: string;
  externalId: string | null;
  name: string;
  email: string | null;
  marketingConsent: boolean;
  /** ISO timestamps (read as JSON). */
  erasedAt: string | null;
  archivedAt: string | null;
  ownerId: string | null;
  discountTier: string | null;
  tags: string[];
  historicalValueMinor: string | null;
  predictedValueMinor: string | null;
  totalClvMinor: string | null;
};

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
