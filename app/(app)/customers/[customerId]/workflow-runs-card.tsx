import Link from "next/link";
import type { Route } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { CustomerWorkflowRun } from "@/lib/db/customer-workflow-runs";

const TONE = { COMPLETED: "success", FAILED: "danger", HELD: "warning", STOPPED: "neutral", SCHEDULED: "brand", RUNNING: "brand" } as const;

/** The workflows this customer went through: what each did, what it waits for, why it stopped. */
export async function WorkflowRunsCard({ runs, canOpenWorkflows }: { runs: CustomerWorkflowRun[]; canOpenWorkflows: boolean }) {
  const t = await getTranslations("profile.workflows");
  const format = await getFormatter();
  return (
    <Card title={t("title")}>
      {runs.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t("title")}>
          {runs.map((run) => {
            const done = run.steps.filter((step) => step.status === "SUCCEEDED" || step.status === "SKIPPED").length;
            return (
              <li key={run.id} className="py-2 text-sm">
                <div className="flex items-center justify-between gap-2">
                  {canOpenWorkflows ? (
                    <Link href={`/workflows/${run.workflow.id}` as Route} className="font-medium text-brand-700 hover:underline">
                      {run.workflow.name}
                    </Link>
                  ) : (
                    <span className="font-medium">{run.workflow.name}</span>
                  )}
                  <Badge tone={TONE[run.status]}>{t(`status.${run.status}`)}</Badge>
                </div>
                <p className="text-xs text-slate-500">
                  {t("progress", { done, total: run.stepCount })} · {format.dateTime(run.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  {run.status === "SCHEDULED" && run.nextRunAt > new Date() ? ` · ${t("nextAt", { date: format.dateTime(run.nextRunAt, { dateStyle: "medium", timeStyle: "short" }) })}` : ""}
                  {run.source === "MANUAL" ? ` · ${t("manual")}` : ""}
                </p>
                {run.stopReason ? <p className="text-xs text-slate-500">{t(`stopReason.${run.stopReason}`)}</p> : null}
                {run.status === "FAILED" && run.lastError ? <p className="text-xs text-red-700">{run.lastError}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
