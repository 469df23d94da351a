/**
 * Enrolment reads of the membership event log. Event ids come from a sequence but commit out of order (two
 * segment refreshes run side by side, and the web process rescores customers meanwhile), so a cursor on "the
 * highest id seen" would skip an id that commits after a higher one. The reader first learns a settled horizon —
 * an id up to which every event is committed or rolled back — and never reads past it
 * (docs/decisions/0010-enrolment-horizon-and-pinned-steps.md).
 */
import type pg from "pg";
import { EVENT_LOG_LOCK } from "./segment-memberships";
import type { Queryable } from "./workflow-runs";

/** How long the reader waits for event writers in flight to finish; they wait no longer than this behind it. */
const HORIZON_LOCK_TIMEOUT = "100ms";

/** Whether any event past the cursor is visible yet; lets an idle poll skip the event-log lock. */
export async function hasEventsPastCursor(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ ahead: boolean | null }>(
    `SELECT (SELECT max("id") FROM "SegmentMembershipEvent") > (SELECT "lastEventId" FROM "WorkflowEventCursor" WHERE "id" = 1) AS ahead`,
  );
  return rows[0]?.ahead ?? false;
}

/**
 * The highest event id below which nothing can still appear, or null when writers did not finish within the
 * lock timeout (the next poll tries again). Every event-writing transaction holds the event-log lock in shared
 * mode from before its first id until it ends; holding it exclusively for an instant proves that none is in
 * flight, so every id allocated so far belongs to a finished transaction, and later ones will be higher.
 */
export async function settledEventHorizon(pool: pg.Pool): Promise<bigint | null> {
  const client = await pool.connect();
  try {
    const results = (await client.query(
      `BEGIN; SET LOCAL lock_timeout = '${HORIZON_LOCK_TIMEOUT}';
       SELECT pg_advisory_xact_lock(hashtext('${EVENT_LOG_LOCK}'));
       SELECT coalesce(max("id"), 0)::text AS last FROM "SegmentMembershipEvent";
       COMMIT;`,
    )) as unknown as pg.QueryResult<{ last: string }>[];
    return BigInt(results[3]!.rows[0]!.last);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    // lock_not_available: a long refresh is still writing; its events are read once it commits.
    if ((error as { code?: string }).code === "55P03") return null;
    throw error;
  } finally {
    client.release();
  }
}

export type EnrolmentResult = { eventsRead: number; runsCreated: { id: string; nextStep: number }[]; lastEventId: bigint };

/**
 * Reads the membership events after the cursor, up to the settled horizon, and starts one run per (workflow,
 * event) for customers who are not archived — the unique key makes it once even if the same events were read
 * twice — in the caller's transaction, with the cursor moved in it. One enroller at a time (an advisory lock);
 * null when another one is at work.
 */
export async function enrolFromEvents(client: Queryable, horizon: bigint, batchSize: number): Promise<EnrolmentResult | null> {
  const lock = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('workflow-enrolment')) AS ok`);
  if (!lock.rows[0]!.ok) return null;
  const cursor = BigInt((await client.query<{ last: string }>(`SELECT "lastEventId"::text AS last FROM "WorkflowEventCursor" WHERE "id" = 1`)).rows[0]?.last ?? "0");
  if (cursor >= horizon) return { eventsRead: 0, runsCreated: [], lastEventId: cursor };
  const { rows } = await client.query<{ last: string | null; read: string; runs: { id: string; nextStep: number }[] | null }>(
    `WITH batch AS (
       SELECT e."id", e."segmentId", e."customerId", e."change", e."suppressWorkflows"
       FROM "SegmentMembershipEvent" e WHERE e."id" > $1::bigint AND e."id" <= $3::bigint ORDER BY e."id" LIMIT $2
     ),
     created AS (
       INSERT INTO "WorkflowRun" ("workflowId", "workflowVersion", "customerId", "source", "triggerEventId", "status", "nextRunAt", "updatedAt")
       SELECT w."id", w."version", b."customerId", 'SEGMENT_EVENT', b."id",
              CASE WHEN w."status" = 'PAUSED' THEN 'HELD'::"WorkflowRunStatus" ELSE 'SCHEDULED'::"WorkflowRunStatus" END, now(), now()
       FROM batch b
       JOIN "Workflow" w ON w."segmentId" = b."segmentId" AND w."trigger"::text = b."change"::text
                        AND w."status" <> 'ARCHIVED' AND b."id" > w."enrollAfterEventId"
       -- Archiving a customer makes them leave every segment; those exits (and anything else about an archived
       -- or erased customer) start nothing.
       JOIN "Customer" c ON c."id" = b."customerId" AND c."archivedAt" IS NULL AND c."erasedAt" IS NULL
       WHERE NOT b."suppressWorkflows"
       ON CONFLICT ("workflowId", "triggerEventId") DO NOTHING
       RETURNING "id", "status", "nextStep"
     )
     SELECT (SELECT max("id")::text FROM batch) AS last, (SELECT count(*) FROM batch)::text AS read,
            (SELECT json_agg(json_build_object('id', "id", 'nextStep', "nextStep")) FROM created WHERE "status" = 'SCHEDULED') AS runs`,
    [cursor.toString(), batchSize, horizon.toString()],
  );
  const row = rows[0]!;
  if (!row.last) return { eventsRead: 0, runsCreated: [], lastEventId: cursor };
  await client.query(`UPDATE "WorkflowEventCursor" SET "lastEventId" = $1::bigint, "updatedAt" = now() WHERE "id" = 1`, [row.last]);
  return { eventsRead: Number(row.read), runsCreated: row.runs ?? [], lastEventId: BigInt(row.last) };
}
