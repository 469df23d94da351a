import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listImportJobs } from "@/lib/db/imports";
import { STATUS_TONES } from "./status-tones";
import { UploadForm } from "./upload-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports");
  return { title: t("title") };
}

/** Imports (managers and admins): upload a customers or orders file, and the recent imports with their outcome. */
export default async function ImportsPage() {
  await requirePageUser("import:run");
  const [t, format, jobs] = await Promise.all([getTranslations("imports"), getFormatter(), listImportJobs(25)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card title={t("upload.title")}>
        <UploadForm />
      </Card>
      <Card title={t("recent.title")}>
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-500">{t("recent.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("recent.title")}</caption>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("recent.columns.started")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("recent.columns.file")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("recent.columns.kind")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("recent.columns.status")}</th>
                  <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("counts.read")}</th>
                  <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("counts.accepted")}</th>
                  <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("counts.unchanged")}</th>
                  <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("counts.rejected")}</th>
                  <th scope="col" className="py-1.5 font-medium">{t("recent.columns.by")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {jobs.map((job) => (
                  <tr key={job.id}>
                    <td className="py-1.5 pr-3 whitespace-nowrap">{format.dateTime(job.startedAt ?? job.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                    <td className="py-1.5 pr-3">
                      <Link href={`/imports/${job.id}`} className="text-brand-700 hover:underline">
                        {job.fileName}
                      </Link>
                      {job.linesFileName ? <span className="text-slate-500"> + {job.linesFileName}</span> : null}
                    </td>
                    <td className="py-1.5 pr-3">{t(`kinds.${job.kind}`)}</td>
                    <td className="py-1.5 pr-3">
                      <span className="flex flex-wrap gap-1">
                        <Badge tone={STATUS_TONES[job.status]}>{t(`statuses.${job.status}`)}</Badge>
                        {job.isDryRun ? <Badge>{t("dryRunBadge")}</Badge> : null}
                      </span>
                    </td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{format.number(job.rowsRead)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{format.number(job.rowsAccepted)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{format.number(job.rowsUnchanged)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{format.number(job.rowsRejected)}</td>
                    <td className="py-1.5">{job.createdBy?.name ?? t("recent.commandLine")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
