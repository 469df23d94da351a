/**
 * Segment memberships, evaluated set-based in SQL: for one segment, the customers who match now are compared
 * with the current members in one statement that adds the newcomers, removes the leavers and writes one
 * SegmentMembershipEvent per change. The statement runs under a per-segment advisory lock, so two refreshes of
 * the same segment (a recompute and a rescored order) cannot both record the same change: each entry and exit is
 * recorded exactly once, in the transaction that makes it.
 *
 * Every transaction that writes events also holds the event-log lock in shared mode until it ends (taken here
 * first, and by a trigger for any other writer): ids come from a sequence but commit out of order, and the
 * workflow enrolment takes this lock exclusively for a moment to learn an id up to which every event is
 * committed or gone (docs/decisions/0010-enrolment-horizon-and-pinned-steps.md).
 */
import type pg from "pg";
import { pgPool } from "./pg-pool";

/** A boolean SQL expression over `c` ("Customer") and `m` ("CustomerMetrics", LEFT JOINed), with its parameters. */
export type SqlCondition = { sql: string; params: unknown[] };

export type SegmentEvaluation = {
  segmentId: string;
  /** Who belongs. Parameters are numbered from FIRST_CONDITION_PARAM. */
  condition: (firstParam: number) => SqlCondition;
  /** What decided, stored with every event next to a snapshot of the customer's figures. */
  reason: Record<string, unknown>;
  ruleVersion: number;
};

export type RefreshOptions = {
  now: Date;
  settingsVersion: number;
  runId?: string | null;
  suppressWorkflows?: boolean;
  /** Refresh only these customers (a rescored customer); all customers when absent. */
  customerIds?: readonly string[];
  client?: pg.PoolClient;
};

export type RefreshResult = { entered: number; exited: number };

/**
 * The event-log lock's key, as text for hashtext(): the same literal is in the trigger of migration
 * 20261205100000_workflow_enrolment_and_versions, which takes it for writers that do not come through here.
 */
export const EVENT_LOG_LOCK = "segment-membership-event-log";

// The figures a membership was decided on, kept with the event for the timeline and the audit trail.
const FACTS_SNAPSHOT = `jsonb_build_object(
  'totalClvMinor', m."totalClvMinor", 'predictedValueMinor', m."predictedValueMinor",
  'historicalValueMinor', m."historicalValueMinor", 'probabilityAlive', m."probabilityAlive",
  'rfmGroup', m."rfmGroup", 'orderCount', c."orderCount", 'lastOrderAt', c."lastOrderAt")`;

const FIRST_CONDITION_PARAM = 9;

function refreshSql(condition: SqlCondition): string {
  // $1 segment, $2 now, $3 settings version, $4 rule version, $5 run, $6 suppress workflows, $7 reason,
  // $8 customer ids or NULL for everyone.
  return `
    WITH target AS (
      SELECT c."id" AS customer_id
      FROM "Customer" c
      LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id"
      WHERE c."archivedAt" IS NULL
        AND ($8::uuid[] IS NULL OR c."id" = ANY ($8::uuid[]))
        AND (${condition.sql})
    ),
    entered AS (
      INSERT INTO "SegmentMembership" ("segmentId", "customerId", "enteredAt")
      SELECT $1::uuid, t.customer_id, $2::timestamptz
      FROM target t
      WHERE NOT EXISTS (
        SELECT 1 FROM "SegmentMembership" sm WHERE sm."segmentId" = $1::uuid AND sm."customerId" = t.customer_id)
      RETURNING "customerId"
    ),
    exited AS (
      DELETE FROM "SegmentMembership" sm
      WHERE sm."segmentId" = $1::uuid
        AND ($8::uuid[] IS NULL OR sm."customerId" = ANY ($8::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM target t WHERE t.customer_id = sm."customerId")
      RETURNING "customerId"
    ),
    changes AS (
      SELECT "customerId", 'ENTER'::"MembershipChange" AS change FROM entered
      UNION ALL
      SELECT "customerId", 'EXIT'::"MembershipChange" FROM exited
    )
    INSERT INTO "SegmentMembershipEvent"
      ("segmentId", "customerId", "change", "reason", "settingsVersion", "ruleVersion", "runId", "suppressWorkflows", "occurredAt")
    SELECT $1::uuid, ch."customerId", ch.change,
           $7::jsonb || jsonb_build_object('facts', ${FACTS_SNAPSHOT}, 'archived', c."archivedAt" IS NOT NULL),
           $3::int, $4::int, $5::uuid, $6::boolean, $2::timestamptz
    FROM changes ch
    JOIN "Customer" c ON c."id" = ch."customerId"
    LEFT JOIN "CustomerMetrics" m ON m."customerId" = ch."customerId"
    RETURNING change`;
}

/** Brings one segment's members in line with its condition and records every change. */
export async function refreshSegment(evaluation: SegmentEvaluation, options: RefreshOptions): Promise<RefreshResult> {
  const client = options.client ?? (await pgPool().connect());
  const ownsClient = !options.client;
  try {
    if (ownsClient) await client.query("BEGIN");
    // The event-log lock before the segment's own: one order everywhere, so neither waits on the other in a circle.
    await client.query("SELECT pg_advisory_xact_lock_shared(hashtext($2)), pg_advisory_xact_lock(hashtext('segment:' || $1::text))", [evaluation.segmentId, EVENT_LOG_LOCK]);
    const condition = evaluation.condition(FIRST_CONDITION_PARAM);
    const { rows } = await client.query<{ change: "ENTER" | "EXIT" }>(refreshSql(condition), [
      evaluation.segmentId,
      options.now.toISOString(),
      options.settingsVersion,
      evaluation.ruleVersion,
      options.runId ?? null,
      options.suppressWorkflows ?? false,
      JSON.stringify(evaluation.reason),
      options.customerIds ? [...options.customerIds] : null,
      ...condition.params,
    ]);
    if (ownsClient) await client.query("COMMIT");
    let entered = 0;
    for (const row of rows) if (row.change === "ENTER") entered++;
    return { entered, exited: rows.length - entered };
  } catch (error) {
    if (ownsClient) await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    if (ownsClient) client.release();
  }
}

/**
 * How many customers would be in a segment, and how many of them would be new or would leave, without
 * changing anything: the preview before an admin saves a threshold or a custom rule.
 */
export async function previewSegment(segmentId: string | null, condition: (firstParam: number) => SqlCondition): Promise<{ members: number; entering: number; leaving: number }> {
  const compiled = condition(2);
  const { rows } = await pgPool().query<{ members: string; entering: string; leaving: string }>(
    `WITH target AS (
       SELECT c."id" AS customer_id
       FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."customerId" = c."id"
       WHERE c."archivedAt" IS NULL AND (${compiled.sql})
     ),
     current AS (SELECT "customerId" FROM "SegmentMembership" WHERE "segmentId" = $1::uuid)
     SELECT (SELECT count(*) FROM target) AS members,
            (SELECT count(*) FROM target t WHERE NOT EXISTS (SELECT 1 FROM current WHERE current."customerId" = t.customer_id)) AS entering,
            (SELECT count(*) FROM current WHERE NOT EXISTS (SELECT 1 FROM target t WHERE t.customer_id = current."customerId")) AS leaving`,
    [segmentId, ...compiled.params],
  );
  const row = rows[0]!;
  return { members: Number(row.members), entering: Number(row.entering), leaving: Number(row.leaving) };
}

/** The basis values the VIP "top N %" lines are drawn from: every live customer with a positive value. */
export async function loadVipBasisValues(basis: "predicted" | "total"): Promise<Float64Array> {
  const column = basis === "predicted" ? `m."predictedValueMinor"` : `m."totalClvMinor"`;
  const { rows } = await pgPool().query<[string]>({
    text: `SELECT ${column}::text FROM "CustomerMetrics" m JOIN "Customer" c ON c."id" = m."customerId"
           WHERE c."archivedAt" IS NULL AND ${column} > 0`,
    rowMode: "array",
  });
  return Float64Array.from(rows, (row) => Number(row[0]));
}

const FULL_REFRESH_LOCK = `SELECT pg_advisory_lock(hashtext('segments:full-refresh'))`;
const FULL_REFRESH_UNLOCK = `SELECT pg_advisory_unlock(hashtext('segments:full-refresh'))`;
const globalForRefresh = globalThis as unknown as { fullRefreshTail?: Promise<unknown> };

/**
 * Runs `work` while no other full refresh runs, in any process (a session-level advisory lock). A full refresh
 * reads the settings in force once it holds the lock, so one that began under older settings (a recompute that
 * started before an admin moved a line) can never finish after, and undo, one under newer settings.
 *
 * Full refreshes of one process queue here first, so at most one of the process's pooled connections waits on
 * the lock while the holder needs others for its work.
 */
export async function withFullRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const previous = globalForRefresh.fullRefreshTail ?? Promise.resolve();
  const mine = previous.catch(() => {}).then(async () => {
    const client = await pgPool().connect();
    // A connection that failed to lock or unlock is closed instead of going back to the pool (it may hold the lock).
    let brokenBy: Error | undefined;
    try {
      await client.query(FULL_REFRESH_LOCK).catch((error: Error) => {
        brokenBy = error;
        throw error;
      });
      try {
        return await work();
      } finally {
        await client.query(FULL_REFRESH_UNLOCK).catch((error: Error) => (brokenBy = error));
      }
    } finally {
      client.release(brokenBy);
    }
  });
  globalForRefresh.fullRefreshTail = mine;
  return mine;
}

export async function analyzeMemberships(): Promise<void> {
  await pgPool().query(`ANALYZE "SegmentMembership", "CustomerMetrics"`);
}
