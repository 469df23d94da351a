import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { authorize } from "@/lib/auth/session";
import { getImportJob, iterateImportRejects } from "@/lib/db/imports";
import { csvLine } from "@/lib/domain/csv";
import { AppError } from "@/lib/errors";
import { withRouteErrors } from "@/lib/http/route-errors";
import { rejectColumnText, rejectReasonText } from "@/lib/import/reject-text";

/** Every rejected row of an import as CSV, in file order, with the reason in the reader's language; streamed. */
export const GET = withRouteErrors(async (_request: Request, context: { params: Promise<{ importId: string }> }) => {
  await authorize("import:run");
  const importId = z.uuid().safeParse((await context.params).importId);
  if (!importId.success) throw new AppError("NOT_FOUND", "There is no such import.");
  const job = await getImportJob(importId.data);
  if (!job) throw new AppError("NOT_FOUND", "There is no such import.");
  const t = await getTranslations();
  const encoder = new TextEncoder();
  const batches = iterateImportRejects(job.id);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so spreadsheet programs read UTF-8 names correctly.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine([t("imports.rejectsFile.line"), t("imports.rejectsFile.column"), t("imports.rejectsFile.reason"), t("imports.rejectsFile.row")])}`));
    },
    async pull(controller) {
      const { value, done } = await batches.next();
      if (done) return controller.close();
      controller.enqueue(encoder.encode(value.map((reject) => csvLine([reject.line, rejectColumnText(t, reject.column), rejectReasonText(t, reject.reason), reject.raw])).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const base = job.fileName.replace(/\.[^.]+$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "-").slice(0, 60) || "import";
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base.replace(/[^\x20-\x7e]/g, "_")}-rejects.csv"; filename*=UTF-8''${encodeURIComponent(`${base}-rejects.csv`)}`,
      "Cache-Control": "no-store",
    },
  });
});
