"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

export type ImportSnapshot = {
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  rowsRead: number;
  rowsAccepted: number;
  rowsUnchanged: number;
  rowsRejected: number;
  progress: number;
  rowsPerSecond: number | null;
};

const isDone = (status: ImportSnapshot["status"]) => status === "SUCCEEDED" || status === "FAILED";

/**
 * An import's counters and progress bar, following the job once a second while it runs (the import runs in the
 * worker, so closing this page does not stop it), then refreshing the page for the result.
 */
export function ImportProgress({ importId, initial }: { importId: string; initial: ImportSnapshot }) {
  const t = useTranslations("imports");
  const format = useFormatter();
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [hasPollError, setHasPollError] = useState(false);

  useEffect(() => {
    if (isDone(initial.status)) return;
    let isActive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/api/imports/${importId}`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as ImportSnapshot;
        if (!isActive) return;
        setJob(next);
        setHasPollError(false);
        if (isDone(next.status)) {
          router.refresh();
          return;
        }
      } catch {
        if (isActive) setHasPollError(true);
      }
      if (isActive) timer = setTimeout(poll, 1000);
    };
    timer = setTimeout(poll, 500);
    return () => {
      isActive = false;
      clearTimeout(timer);
    };
  }, [importId, initial.status, router]);

  const percent = Math.round(job.progress * 100);
  const counts = [
    ["read", job.rowsRead],
    ["accepted", job.rowsAccepted],
    ["unchanged", job.rowsUnchanged],
    ["rejected", job.rowsRejected],
  ] as const;
  return (
    <div className="space-y-3 rounded-lg bg-white px-4 py-3 text-sm shadow-xs ring-1 ring-slate-200">
      <div className="flex justify-between text-slate-700">
        <span>{t(`progress.${job.status}`)}</span>
        <span className="tabular-nums">{percent} %</span>
      </div>
      <div role="progressbar" aria-label={t("progress.label")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full transition-all ${job.status === "FAILED" ? "bg-red-500" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
      </div>
      <dl role="status" aria-label={t("progress.countsLabel")} className="flex flex-wrap gap-x-8 gap-y-2">
        {counts.map(([key, value]) => (
          <div key={key}>
            <dt className="text-xs text-slate-500">{t(`counts.${key}`)}</dt>
            <dd className={`font-semibold tabular-nums ${key === "rejected" && value > 0 ? "text-red-700" : ""}`}>{format.number(value)}</dd>
          </div>
        ))}
        <div>
          <dt className="text-xs text-slate-500">{t("counts.rate")}</dt>
          <dd className="font-semibold tabular-nums">{job.rowsPerSecond === null ? "—" : t("progress.rate", { rate: format.number(job.rowsPerSecond) })}</dd>
        </div>
      </dl>
      {!isDone(job.status) ? <p className="text-xs text-slate-500">{t("progress.closeHint")}</p> : null}
      {hasPollError && !isDone(job.status) ? <p className="text-xs text-amber-800">{t("progress.pollError")}</p> : null}
    </div>
  );
}
