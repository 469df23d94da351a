"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

type RunStatus = {
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  phase: string | null;
  progress: number;
  customersScored: number | null;
  membershipChanges: number | null;
  error: string | null;
};

/** Follows one recompute run until it ends (polling once a second), then refreshes the page's figures. */
export function RecomputeProgress({ runId }: { runId: string }) {
  const t = useTranslations("settings.recompute");
  const router = useRouter();
  const [run, setRun] = useState<RunStatus | null>(null);
  const [pollError, setPollError] = useState(false);

  useEffect(() => {
    let isActive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/api/clv/runs/${runId}`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as RunStatus;
        if (!isActive) return;
        setRun(next);
        setPollError(false);
        if (next.status === "SUCCEEDED" || next.status === "FAILED") {
          router.refresh();
          return;
        }
      } catch {
        if (isActive) setPollError(true);
      }
      if (isActive) timer = setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      isActive = false;
      clearTimeout(timer);
    };
  }, [runId, router]);

  const percent = Math.round((run?.progress ?? 0) * 100);
  const isDone = run?.status === "SUCCEEDED" || run?.status === "FAILED";
  return (
    <div className="space-y-2 rounded-lg bg-slate-50 px-4 py-3 text-sm ring-1 ring-slate-200">
      <div className="flex justify-between text-slate-700">
        <span>{!run || run.status === "QUEUED" ? t("queued") : run.phase ? t(`phase.${run.phase}` as never) : t("running")}</span>
        <span className="tabular-nums">{percent} %</span>
      </div>
      <div role="progressbar" aria-label={t("progressLabel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full transition-all ${run?.status === "FAILED" ? "bg-red-500" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
      </div>
      <div role="status" aria-live="polite">
        {run?.status === "SUCCEEDED" ? <p className="text-emerald-700">{t("succeeded", { customers: run.customersScored ?? 0, changes: run.membershipChanges ?? 0 })}</p> : null}
        {run?.status === "FAILED" ? <p className="text-red-700">{t("failed", { error: run.error ?? "" })}</p> : null}
        {pollError && !isDone ? <p className="text-amber-800">…</p> : null}
      </div>
    </div>
  );
}
