/**
 * Recompute runs: queued by an admin, the schedule, a settings change or an import; their progress is what the
 * admin sees. Queuing and starting a run happen under one advisory lock (withRunRequestLock), in transactions on a
 * pg client so that the run's job can be written by pg-boss in the same transaction (lib/services/recompute-runs.ts).
 */
import type pg from "pg";
import { db } from "./client";
import type { ClvRunStatus, ClvRunTrigger, Prisma } from "./generated/prisma/client";
import { pgPool } from "./pg-pool";
import { inTransaction } from "./pg-transaction";

const runSelect = {
  id: true,
  trigger: true,
  status: true,
  phase: true,
  progress: true,
  suppressWorkflows: true,
  customersScored: true,
  membershipChanges: true,
  timings: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  requestedBy: { select: { name: true } },
} as const satisfies Prisma.ClvRecomputeRunSelect;

export type RecomputeRun = Prisma.ClvRecomputeRunGetPayload<{ select: typeof runSelect }>;

export type RunRequest = { trigger: ClvRunTrigger; requestedById?: string | null; suppressWorkflows?: boolean };

/** A run recorded without a job, for a caller that runs it at once itself (the demo seed). */
export function createRecomputeRun(input: RunRequest) {
  return db.clvRecomputeRun.create({
    data: { trigger: input.trigger, requestedById: input.requestedById ?? null, suppressWorkflows: input.suppressWorkflows ?? false },
    select: runSelect,
  });
}

/** Serialises queuing, joining and starting runs, until the caller's transaction ends. */
export async function lockRunRequests(client: pg.PoolClient): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('ClvRecomputeRun:requests'))`);
}

/**
 * Runs `work` in a transaction on a pool client, under the request lock taken first: the caller writes runs and
 * their pg-boss jobs on that client, and all of it commits or rolls back together.
 */
export function withRunRequestLock<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pgPool(), async (client) => {
    await lockRunRequests(client);
    return work(client);
  });
}

/** The run waiting to start, if any (there is at most one). */
export async function findQueuedRunId(client: pg.PoolClient): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "ClvRecomputeRun" WHERE "status" = 'QUEUED' ORDER BY "createdAt" LIMIT 1`);
  return rows[0]?.id ?? null;
}

export async function insertQueuedRun(client: pg.PoolClient, request: RunRequest): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "ClvRecomputeRun" ("trigger", "requestedById", "suppressWorkflows") VALUES ($1::"ClvRunTrigger", $2::uuid, $3) RETURNING "id"`,
    [request.trigger, request.requestedById ?? null, request.suppressWorkflows ?? false],
  );
  return rows[0]!.id;
}

/**
 * Another request joins a queued run. Workflows stay suppressed only if every request asked for that: a request
 * that wants workflows to follow its changes is never silenced by one that did not.
 */
export async function joinQueuedRun(client: pg.PoolClient, runId: string, request: RunRequest): Promise<void> {
  await client.query(`UPDATE "ClvRecomputeRun" SET "suppressWorkflows" = "suppressWorkflows" AND $2 WHERE "id" = $1::uuid`, [runId, request.suppressWorkflows ?? false]);
}

/** Queued runs whose job is gone (never written, or ended without starting them) can never run: failed. */
export async function failQueuedRuns(client: pg.PoolClient, runIds: readonly string[], error: string): Promise<number> {
  if (runIds.length === 0) return 0;
  const result = await client.query(`UPDATE "ClvRecomputeRun" SET "status" = 'FAILED', "error" = $2, "finishedAt" = now() WHERE "id" = ANY ($1::uuid[]) AND "status" = 'QUEUED'`, [[...runIds], error]);
  return result.rowCount ?? 0;
}

export async function listQueuedRunIds(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "ClvRecomputeRun" WHERE "status" = 'QUEUED'`);
  return rows.map((row) => row.id);
}

/** Runs that are queued or running: a job whose run is neither has nothing to do. */
export async function listActiveRunIds(client: pg.PoolClient): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "ClvRecomputeRun" WHERE "status" IN ('QUEUED', 'RUNNING')`);
  return new Set(rows.map((row) => row.id));
}

export function getRecomputeRun(id: string): Promise<RecomputeRun | null> {
  return db.clvRecomputeRun.findUnique({ where: { id }, select: runSelect });
}

export function listRecomputeRuns(take = 10): Promise<RecomputeRun[]> {
  return db.clvRecomputeRun.findMany({ orderBy: { createdAt: "desc" }, take, select: runSelect });
}

/** The newest run that is queued or running, if any: the one whose progress the settings page follows. */
export function findActiveRecomputeRun(): Promise<RecomputeRun | null> {
  return db.clvRecomputeRun.findFirst({ where: { status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" }, select: runSelect });
}

/**
 * Marks a run started and reads what it was asked for; null when it may not start: it succeeded already, or it
 * was failed before it ever started (its job was lost and a new run took its place). A run that failed after
 * starting is started again by pg-boss's retry. Under the request lock, so a request either joined the run before
 * it started (and its choice counts) or sees it running (and queues the next one).
 */
export async function markRunStarted(client: pg.PoolClient, id: string): Promise<{ suppressWorkflows: boolean } | null> {
  const { rows } = await client.query<{ suppressWorkflows: boolean }>(
    `UPDATE "ClvRecomputeRun"
     SET "status" = 'RUNNING', "startedAt" = now(), "progress" = 0, "phase" = NULL, "error" = NULL, "finishedAt" = NULL
     WHERE "id" = $1::uuid AND ("status" IN ('QUEUED', 'RUNNING') OR ("status" = 'FAILED' AND "startedAt" IS NOT NULL))
     RETURNING "suppressWorkflows"`,
    [id],
  );
  return rows[0] ?? null;
}

export async function reportRunProgress(id: string, phase: string, progress: number): Promise<void> {
  await db.clvRecomputeRun.update({ where: { id }, data: { phase, progress: Math.max(0, Math.min(1, progress)) } });
}

export async function finishRun(
  id: string,
  result: { status: Extract<ClvRunStatus, "SUCCEEDED" | "FAILED">; customersScored?: number; membershipChanges?: number; timings?: Record<string, number>; error?: string },
): Promise<void> {
  await db.clvRecomputeRun.update({
    where: { id },
    data: {
      status: result.status,
      progress: result.status === "SUCCEEDED" ? 1 : undefined,
      phase: result.status === "SUCCEEDED" ? "done" : undefined,
      customersScored: result.customersScored,
      membershipChanges: result.membershipChanges,
      timings: result.timings,
      error: result.error ?? null,
      finishedAt: new Date(),
    },
  });
}

/** Runs left RUNNING by a worker that died: marked failed so the next request can start afresh. */
export async function failAbandonedRuns(olderThan: Date): Promise<number> {
  const result = await db.clvRecomputeRun.updateMany({
    where: { status: "RUNNING", startedAt: { lt: olderThan } },
    data: { status: "FAILED", error: "The worker stopped while this run was in progress.", finishedAt: new Date() },
  });
  return result.count;
}
