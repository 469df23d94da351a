import { z } from "zod";
import { authorize } from "@/lib/auth/session";
import { getImportJob } from "@/lib/db/imports";
import { AppError } from "@/lib/errors";
import { withRouteErrors } from "@/lib/http/route-errors";
import { importProgress } from "@/lib/import/import-progress";
import { decodeReason } from "@/lib/import/reject-reason";

/** An import's status and counters, polled by its progress bar. */
export const GET = withRouteErrors(async (_request: Request, context: { params: Promise<{ importId: string }> }) => {
  await authorize("import:run");
  const importId = z.uuid().safeParse((await context.params).importId);
  if (!importId.success) throw new AppError("NOT_FOUND", "There is no such import.");
  const job = await getImportJob(importId.data);
  if (!job) throw new AppError("NOT_FOUND", "There is no such import.");
  const estimatedRows = (job.options as { estimatedRows?: number } | null)?.estimatedRows ?? null;
  const { fraction, rowsPerSecond } = importProgress({ ...job, estimatedRows }, new Date());
  return Response.json(
    {
      id: job.id,
      status: job.status,
      rowsRead: job.rowsRead,
      rowsAccepted: job.rowsAccepted,
      rowsUnchanged: job.rowsUnchanged,
      rowsRejected: job.rowsRejected,
      estimatedRows,
      progress: fraction,
      rowsPerSecond,
      error: job.error ? decodeReason(job.error) : null,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
