import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getImportJob, listImportRejects } from "@/lib/db/imports";
import { importProgress } from "@/lib/import/import-progress";
import { rejectColumnText, rejectReasonText } from "@/lib/import/reject-text";
import { STATUS_TONES } from "../status-tones";
import { ImportProgress } from "./import-progress";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports");
  return { title: t("title") };
}

const PAGE_SIZE = 50;

/** One import: progress while it runs, then the outcome and every rejected row (paged), downloadable as CSV. */
export default async function ImportJobPage({ params, searchParams }: { params: Promise<{ importId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("import:run");
  const importId = z.uuid().safeParse((await params).importId);
  if (!importId.success) notFound();
  const job = await getImportJob(importId.data);
  if (!job) notFound();
  const page = z.coerce.number().int().min(1).catch(1).parse((await searchParams).page);
  const [t, tRoot, format] = await Promise.all([getTranslations("imports"), getTranslations(), getFormatter()]);
  const estimatedRows = (job.options as { estimatedRows?: number } | null)?.estimatedRows ?? null;
  const { fraction, rowsPerSecond } = importProgress({ ...job, estimatedRows }, new Date());
  const isFinished = job.status === "SUCCEEDED" || job.status === "FAILED";
  const rejects = isFinished ? await listImportRejects(job.id, { page, pageSize: PAGE_SIZE }) : null;
  const pages = rejects ? Math.max(1, Math.ceil(rejects.total / PAGE_SIZE)) : 1;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/imports" className="text-brand-700 hover:underline">
            {t("backToImports")}
          </Link>
        </p>
        <h1 className="mt-1 text-xl font-semibold">{t("job.title", { file: job.fileName })}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Badge tone={STATUS_TONES[job.status]}>{t(`statuses.${job.status}`)}</Badge>
          {job.isDryRun ? <Badge>{t("dryRunBadge")}</Badge> : null}
          <span>{t(`kinds.${job.kind}`)}</span>
          {job.linesFileName ? <span>· {t("job.linesFile", { file: job.linesFileName })}</span> : null}
          <span>
            · {t("job.startedBy", { name: job.createdBy?.name ?? t("recent.commandLine"), date: format.dateTime(job.startedAt ?? job.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
          </span>
          {job.suppressWorkflows ? <span>· {t("job.workflowsSuppressed")}</span> : null}
        </div>
      </div>

      <ImportProgress
        key={job.status}
        importId={job.id}
        initial={{ status: job.status, rowsRead: job.rowsRead, rowsAccepted: job.rowsAccepted, rowsUnchanged: job.rowsUnchanged, rowsRejected: job.rowsRejected, progress: fraction, rowsPerSecond }}
      />

      {job.status === "FAILED" ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">{t("job.failed", { reason: rejectReasonText(tRoot, job.error ?? "imports.errors.unexpected") })}</p> : null}
      {job.status === "SUCCEEDED" ? (
        <Card title={t("job.resultTitle")}>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {job.isDryRun ? <li>{t("job.dryRunNote", { accepted: job.rowsAccepted })}</li> : null}
            {!job.isDryRun && job.rowsAccepted === 0 ? <li>{t("job.noChange")}</li> : null}
            {!job.isDryRun && job.rowsAccepted > 0 ? <li>{t("job.changed", { accepted: job.rowsAccepted })}</li> : null}
            {!job.isDryRun && job.rowsAccepted > 0 ? <li>{t("job.recomputeNote")}</li> : null}
            {job.rowsUnchanged > 0 ? <li>{t("job.unchangedNote", { unchanged: job.rowsUnchanged })}</li> : null}
            {job.finishedAt && job.startedAt ? <li>{t("job.duration", { seconds: format.number((job.finishedAt.getTime() - job.startedAt.getTime()) / 1000, { maximumFractionDigits: 1 }) })}</li> : null}
          </ul>
        </Card>
      ) : null}

      {rejects ? (
        <Card
          title={t("rejects.title")}
          actions={
            rejects.total > 0 ? (
              <a href={`/api/imports/${job.id}/rejects`} className={buttonClasses("secondary")} download>
                {t("rejects.download")}
              </a>
            ) : null
          }
        >
          {rejects.total === 0 ? (
            <p className="text-sm text-slate-500">{t("rejects.none")}</p>
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-600">{t("rejects.count", { count: rejects.total })}</p>
              <div className="overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <caption className="sr-only">{t("rejects.title")}</caption>
                  <thead className="bg-slate-50 text-xs text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2 text-right font-semibold">{t("rejects.line")}</th>
                      <th scope="col" className="px-3 py-2 text-left font-semibold">{t("rejects.column")}</th>
                      <th scope="col" className="px-3 py-2 text-left font-semibold">{t("rejects.reason")}</th>
                      <th scope="col" className="px-3 py-2 text-left font-semibold">{t("rejects.row")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {rejects.rows.map((reject) => (
                      <tr key={String(reject.id)}>
                        <td className="px-3 py-1.5 text-right align-top tabular-nums">{reject.line}</td>
                        <td className="px-3 py-1.5 align-top">{rejectColumnText(tRoot, reject.column) || "—"}</td>
                        <td className="px-3 py-1.5 align-top">{rejectReasonText(tRoot, reject.reason)}</td>
                        <td className="max-w-md px-3 py-1.5 align-top font-mono text-xs break-all whitespace-pre-wrap text-slate-600">{reject.raw ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {pages > 1 ? (
                <nav aria-label={t("rejects.pages")} className="flex items-center justify-end gap-2 text-sm">
                  <span className="text-slate-600">{t("rejects.pageOf", { page: Math.min(page, pages), pages })}</span>
                  {page > 1 ? (
                    <Link href={`/imports/${job.id}?page=${page - 1}`} className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 ring-inset">
                      {t("rejects.previous")}
                    </Link>
                  ) : null}
                  {page < pages ? (
                    <Link href={`/imports/${job.id}?page=${page + 1}`} className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 ring-inset">
                      {t("rejects.next")}
                    </Link>
                  ) : null}
                </nav>
              ) : null}
            </div>
          )}
        </Card>
      ) : null}
    </div>
  );
}
