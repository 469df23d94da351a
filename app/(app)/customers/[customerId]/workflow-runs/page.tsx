import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getCustomerProfile } from "@/lib/db/customer-profile";
import { listCustomerWorkflowRuns } from "@/lib/db/customer-workflow-runs";
import { decodeHistoryCursor, encodeHistoryCursor } from "@/lib/db/workflow-history";
import { WorkflowRunItem } from "../workflow-run-item";
import { KeysetPager } from "@/components/ui/keyset-pager";

const PAGE_SIZE = 20;

type Params = { params: Promise<{ customerId: string }>; searchParams: Promise<{ before?: string | string[] }> };

async function findCustomer(id: string) {
  return z.uuid().safeParse(id).success ? getCustomerProfile(id) : null;
}

export async function generateMetadata({ params }: Pick<Params, "params">): Promise<Metadata> {
  const [t, customer] = await Promise.all([getTranslations("profile.workflows"), findCustomer((await params).customerId)]);
  return { title: customer ? t("historyTitle", { name: customer.name }) : "404" };
}

/**
 * A customer's workflow run history, newest first in keyset pages, with every step's status, attempts, times and
 * error. Everyone who may see the customer may see it (agents included); the workflow links are for managers and
 * admins.
 */
export default async function CustomerWorkflowRunsPage({ params, searchParams }: Params) {
  const user = await requirePageUser("customer:read");
  const [{ customerId }, query] = await Promise.all([params, searchParams]);
  const customer = await findCustomer(customerId);
  if (!customer) notFound();
  const before = decodeHistoryCursor(Array.isArray(query.before) ? query.before[0] : query.before);
  const [t, tRuns, runs] = await Promise.all([getTranslations("profile.workflows"), getTranslations("workflowRuns.runs"), listCustomerWorkflowRuns(customer.id, { before, take: PAGE_SIZE })]);
  const base = `/customers/${customer.id}/workflow-runs`;
  const title = t("historyTitle", { name: customer.name });

  return (
    <div className="space-y-5">
      <div>
        <Link href={`/customers/${customer.id}` as Route} className="text-sm text-brand-700 hover:underline">
          ← {t("backToProfile", { name: customer.name })}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
      </div>
      <Card title={t("title")}>
        {runs.rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("title")}>
            {runs.rows.map((run) => (
              <WorkflowRunItem key={run.id} run={run} canOpenWorkflows={can(user.role, "workflow:read")} />
            ))}
          </ul>
        )}
        <KeysetPager
          className="mt-4"
          label={title}
          newestHref={before ? base : null}
          olderHref={runs.next ? `${base}?before=${encodeHistoryCursor(runs.next)}` : null}
          newestLabel={tRuns("newest")}
          olderLabel={tRuns("older")}
        />
      </Card>
    </div>
  );
}
