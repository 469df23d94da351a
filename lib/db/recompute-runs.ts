/** Recompute runs: queued by an admin, the schedule or a settings change; their progress is what the admin sees. */
import { db } from "./client";
import type { ClvRunStatus, ClvRunTrigger, Prisma } from "./generated/prisma/client";

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

export function createRecomputeRun(input: { trigger: ClvRunTrigger; requestedById?: string | null; suppressWorkflows?: boolean }) {
  return db.clvRecomputeRun.create({
    data: { trigger: input.trigger, requestedById: input.requestedById ?? null, suppressWorkflows: input.suppressWorkflows ?? false },
    select: runSelect,
  });
}

export function getRecomputeRun(id: string): Promise<RecomputeRun | null> {
  return db.clvRecomputeRun.findUnique({ where: { id }, select: runSelect });
}

export function listRecomputeRuns(take = 10): Promise<RecomputeRun[]> {
  return db.clvRecomputeRun.findMany({ orderBy: { createdAt: "desc" }, take, select: runSelect });
}

/** A run that is queued or running, if any: a new request joins it instead of starting a second one. */
export function findActiveRecomputeRun(): Promise<RecomputeRun | null> {
  return db.clvRecomputeRun.findFirst({ where: { status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" }, select: runSelect });
}

export async function markRunStarted(id: string): Promise<{ suppressWorkflows: boolean }> {
  return db.clvRecomputeRun.update({ where: { id }, data: { status: "RUNNING", startedAt: new Date(), progress: 0, error: null }, select: { suppressWorkflows: true } });
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
