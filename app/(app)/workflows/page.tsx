import type { Metadata } from "next";
import type { Route } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { segmentLabel } from "@/components/workflows/segment-label";
import { WorkflowStatusActions } from "@/components/workflows/status-actions";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { countRunsByStatus, listWorkflows } from "@/lib/db/workflows";
import { changeWorkflowStatusAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workflows");
  return { title: t("title") };
}

const RUN_STATUSES = ["SCHEDULED", "RUNNING", "HELD", "COMPLETED", "STOPPED", "FAILED"] as const;
const STATUS_TONES = { ACTIVE: "success", PAUSED: "warning", ARCHIVED: "neutral" } as const;

/** The workflows (archived ones left out) with their segment, trigger, status, steps and runs by status. */
export default async function WorkflowsPage() {
  const user = await requirePageUser("workflow:read");
  const [t, tAll, workflows, runs] = await Promise.all([getTranslations("workflows"), getTranslations(), listWorkflows(), countRunsByStatus()]);
  const canManage = can(user.role, "workflow:manage");

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="max-w-2xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        {canManage ? (
          <Link href="/workflows/new" className={buttonClasses("primary")}>
            {t("newWorkflow")}
          </Link>
        ) : null}
      </div>

      {workflows.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={canManage ? t("emptyManage") : t("emptyRead")} />
      ) : (
        <div className="overflow-hidden rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("tableCaption")}</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("columns.name")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("columns.segment")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("columns.trigger")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("columns.status")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    {t("columns.steps")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("columns.runs")}
                  </th>
                  {canManage ? (
                    <th scope="col" className="px-3 py-2 text-right font-semibold">
                      {t("columns.actions")}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {workflows.map((workflow) => {
                  const counts = runs.get(workflow.id) ?? {};
                  const present = RUN_STATUSES.filter((status) => (counts[status] ?? 0) > 0);
                  const steps = Array.isArray(workflow.steps) ? workflow.steps.length : 0;
                  return (
                    <tr key={workflow.id} className="align-top hover:bg-slate-50">
                      <th scope="row" className="px-3 py-2 text-left font-medium">
                        <Link href={`/workflows/${workflow.id}` as Route} className="text-brand-700 hover:underline">
                          {workflow.name}
                        </Link>
                      </th>
                      <td className="px-3 py-2">{segmentLabel(workflow.segment, tAll)}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{t(`trigger.${workflow.trigger}`)}</td>
                      <td className="px-3 py-2">
                        <Badge tone={STATUS_TONES[workflow.status]}>{t(`status.${workflow.status}`)}</Badge>
                      </td>
                      <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{t("stepCount", { count: steps })}</td>
                      <td className="px-3 py-2">
                        {present.length === 0 ? (
                          <span className="text-slate-500">{t("noRuns")}</span>
                        ) : (
                          <ul className="space-y-0.5 whitespace-nowrap">
                            {present.map((status) => (
                              <li key={status} className={status === "FAILED" ? "text-red-700" : undefined}>
                                {t("runCount", { status: t(`runStatus.${status}`), count: counts[status] ?? 0 })}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {canManage ? (
                        <td className="px-3 py-2">
                          <div className="flex flex-col items-end gap-1">
                            <Link href={`/workflows/${workflow.id}/edit` as Route} className={buttonClasses("ghost")} aria-label={t("editNamed", { name: workflow.name })}>
                              {t("edit")}
                            </Link>
                            <WorkflowStatusActions workflowId={workflow.id} name={workflow.name} status={workflow.status} action={changeWorkflowStatusAction} />
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
