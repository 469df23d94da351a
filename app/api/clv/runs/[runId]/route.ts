import { z } from "zod";
import { authorize } from "@/lib/auth/session";
import { getRecomputeRun } from "@/lib/db/recompute-runs";
import { AppError } from "@/lib/errors";
import { withRouteErrors } from "@/lib/http/route-errors";

/** A recompute run's status and progress, polled by the admin's progress bar. */
export const GET = withRouteErrors(async (_request: Request, context: { params: Promise<{ runId: string }> }) => {
  await authorize("clv:recompute");
  const runId = z.uuid().safeParse((await context.params).runId);
  if (!runId.success) throw new AppError("NOT_FOUND", "There is no such recompute run.");
  const run = await getRecomputeRun(runId.data);
  if (!run) throw new AppError("NOT_FOUND", "There is no such recompute run.");
  return Response.json(
    {
      id: run.id,
      status: run.status,
      phase: run.phase,
      progress: run.progress,
      customersScored: run.customersScored,
      membershipChanges: run.membershipChanges,
      error: run.error,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
