import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { Route } from "next";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { requirePageUser, type CurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getLatestModelFit } from "@/lib/db/clv-model-fits";
import { loadCustomerFacts } from "@/lib/db/customer-facts";
import { getCustomerMetrics } from "@/lib/db/customer-metrics";
import { listCustomerSegments } from "@/lib/db/segments";
import { getSettings } from "@/lib/db/settings";
import { customerFigures } from "@/lib/domain/customer-figures";
import { getCustomerProfile, listCustomerOrders, listCustomerTasks } from "@/lib/db/customer-profile";
import { listTimeline } from "@/lib/db/timeline";
import { listActiveUsers } from "@/lib/db/users";
import { PossibleDuplicates } from "../duplicates/possible-duplicates";
import { ContactCard } from "./contact-card";
import { CustomerAdminActions } from "./customer-admin-actions";
import { KeyFigures } from "./key-figures";
import { NoteForm } from "./note-form";
import { OrdersSection } from "./orders-section";
import { TasksSection } from "./tasks-section";
import { Timeline } from "./timeline";
import { PrivacyActions } from "./privacy-actions";
import { ValuePanel } from "./value-panel";
import { WorkflowRunsCard } from "./workflow-runs-card";
import { RunWorkflowButton } from "@/components/workflows/run-workflow-button";

type Params = Promise<{ customerId: string }>;
type SearchParams = Promise<{ orders?: string; timeline?: string; tasks?: string }>;

const PAGE_STEP = 20;
/** Most customers have a few tasks; the first 50 cover them, "show more" the rest. */
const TASKS_STEP = 50;
const LimitSchema = z.coerce.number().int().min(PAGE_STEP).max(2000).catch(PAGE_STEP);
const TasksLimitSchema = z.coerce.number().int().min(TASKS_STEP).max(2000).catch(TASKS_STEP);

async function loadProfile(customerId: string) {
  if (!z.uuid().safeParse(customerId).success) return null;
  return getCustomerProfile(customerId);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const customer = await loadProfile((await params).customerId);
  return { title: customer?.name ?? (await getTranslations("errors"))("notFoundTitle") };
}

type Profile = NonNullable<Awaited<ReturnType<typeof loadProfile>>>;

/**
 * Who may look and whether the customer exists are settled before anything streams, so a refusal is a 403 and an
 * unknown id a 404 (a loading.tsx would have sent 200 first); the rest of the profile streams in behind a skeleton.
 */
export default async function CustomerProfilePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requirePageUser("customer:read");
  const { customerId } = await params;
  const customer = await loadProfile(customerId);
  if (!customer) notFound();
  const search = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton layout="profile" />}>
      <CustomerProfile user={user} customer={customer} search={search} />
    </Suspense>
  );
}

async function CustomerProfile({ user, customer, search }: { user: CurrentUser; customer: Profile; search: Awaited<SearchParams> }) {
  const ordersLimit = LimitSchema.parse(search.orders ?? PAGE_STEP);
  const timelineLimit = LimitSchema.parse(search.timeline ?? PAGE_STEP);
  const tasksLimit = TasksLimitSchema.parse(search.tasks ?? TASKS_STEP);

  const [t, locale, orders, tasks, timeline, users, settings, metrics, fit, memberships, facts] = await Promise.all([
    getTranslations("profile"),
    getLocale(),
    listCustomerOrders(customer.id, ordersLimit),
    listCustomerTasks(customer.id, tasksLimit),
    listTimeline(customer.id, timelineLimit),
    listActiveUsers(),
    getSettings(),
    getCustomerMetrics(customer.id),
    getLatestModelFit(),
    listCustomerSegments(customer.id),
    loadCustomerFacts([customer.id]),
  ]);
  const currency = settings.values.clv.currency;
  const now = new Date();
  const figures = customerFigures(customer, now);
  const moreLink = (key: "orders" | "timeline" | "tasks", limit: number, step = PAGE_STEP) =>
    `/customers/${customer.id}?${new URLSearchParams({ orders: String(ordersLimit), timeline: String(timelineLimit), tasks: String(tasksLimit), [key]: String(limit + step) })}` as Route;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/customers" className="text-brand-700 hover:underline">
              ← {t("backToList")}
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{customer.name}</h1>
          <p className="text-sm text-slate-600">
            {[customer.company, customer.city, customer.country].filter(Boolean).join(" · ") || t("noCompany")}
          </p>
          <div className="mt-2 flex flex-wrap gap-1.5">
            {customer.archivedAt ? <Badge tone="warning">{t("archivedBadge")}</Badge> : null}
            {customer.discountTier ? (
              <Badge tone="success" title={t("discountTierHint")}>
                {t("discountTier", { tier: customer.discountTier })}
              </Badge>
            ) : null}
            {customer.tags.map((tag) => (
              <Badge key={tag} tone="brand">
                {tag}
              </Badge>
            ))}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {can(user.role, "customer:update") && !customer.erasedAt ? (
            <Link href={`/customers/${customer.id}/edit` as Route} className={buttonClasses("secondary")}>
              {t("edit")}
            </Link>
          ) : null}
          {!customer.erasedAt && !customer.archivedAt ? <RunWorkflowButton customerIds={[customer.id]} /> : null}
          {can(user.role, "customer:privacy") ? <PrivacyActions customerId={customer.id} customerName={customer.name} isErased={Boolean(customer.erasedAt)} /> : null}
          {can(user.role, "customer:archive") && !customer.erasedAt ? (
            <CustomerAdminActions customerId={customer.id} isArchived={Boolean(customer.archivedAt)} canDelete={can(user.role, "customer:delete") && orders.total === 0} />
          ) : null}
        </div>
      </div>

      {customer.erasedAt ? (
        <p role="note" className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700">
          {t("privacy.erasedNotice", { date: customer.erasedAt })}
        </p>
      ) : null}

      <PossibleDuplicates customerId={customer.id} role={user.role} />

      <KeyFigures figures={figures} currency={currency} locale={locale} />

      <ValuePanel
        metrics={metrics}
        fit={fit}
        facts={facts.get(customer.id) ?? null}
        segments={memberships.map((membership) => membership.segment)}
        settings={settings.values}
        locale={locale}
        now={now}
      />

      <div className="grid gap-5 lg:grid-cols-3">
        <div className="space-y-5">
          <ContactCard customer={customer} />
          <WorkflowRunsCard customerId={customer.id} canOpenWorkflows={can(user.role, "workflow:read")} />
        </div>
        <div className="space-y-5 lg:col-span-2">
          <Card title={t("timeline.title")}>
            <NoteForm customerId={customer.id} />
            <Timeline events={timeline.events} currency={currency} locale={locale} />
            {timeline.hasMore ? (
              <Link href={moreLink("timeline", timelineLimit)} scroll={false} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
                {t("showMore")}
              </Link>
            ) : null}
          </Card>
          <TasksSection customerId={customer.id} tasks={tasks.tasks} users={users} now={now} moreHref={tasks.hasMore ? moreLink("tasks", tasksLimit, TASKS_STEP) : undefined} />
          <OrdersSection canManageOrders={can(user.role, "order:manage")} orders={orders.orders} total={orders.total} currency={currency} locale={locale} moreHref={orders.total > orders.orders.length ? moreLink("orders", ordersLimit) : undefined} />
        </div>
      </div>
    </div>
  );
}
