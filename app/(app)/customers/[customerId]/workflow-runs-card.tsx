import Link from "next/link";
import type { Route } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { countCustomerWorkflowRuns, listCustomerWorkflowRuns } from "@/lib/db/customer-workflow-runs";
import { WorkflowRunItem } from "./workflow-run-item";

/** Runs shown on the profile; the rest are on the customer's run history page. */
export const CARD_RUNS = 5;

/** The workflows this customer went through, newest first: each step's outcome, attempts, times and errors. */
export async function WorkflowRunsCard({ customerId, canOpenWorkflows }: { customerId: string; canOpenWorkflows: boolean }) {
  const [t, runs, total] = await Promise.all([getTranslations("profile.workflows"), listCustomerWorkflowRuns(customerId, { take: CARD_RUNS }), countCustomerWorkflowRuns(customerId)]);
  return (
    <Card title={t("title")}>
      {runs.rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t("title")}>
          {runs.rows.map((run) => (
            <WorkflowRunItem key={run.id} run={run} canOpenWorkflows={canOpenWorkflows} />
          ))}
        </ul>
      )}
      {runs.next ? (
        <Link href={`/customers/${customerId}/workflow-runs` as Route} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
          {t("allRuns", { count: total })}
        </Link>
      ) : null}
    </Card>
  );
}
