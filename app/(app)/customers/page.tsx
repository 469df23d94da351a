import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { TableSkeleton } from "@/components/ui/skeleton";
import { runnableWorkflows } from "@/components/workflows/run-workflow-button";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listCustomers, listCustomerTags, sumCustomerValues } from "@/lib/db/customer-list";
import { listSegmentOptions } from "@/lib/db/segment-options";
import { getSettings } from "@/lib/db/settings";
import { listActiveUsers } from "@/lib/db/users";
import { formatMoney } from "@/lib/domain/money";
import { customerListSearch, parseCustomerListQuery, type CustomerListQuery } from "@/lib/schemas/customer-list";
import { CustomerFilters } from "./customer-filters";
import { CustomersTable } from "./customers-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customers");
  return { title: t("title") };
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("customer:read");
  const query = parseCustomerListQuery(await searchParams);
  const [t, tValue, tDuplicates, tags, segments, settings] = await Promise.all([
    getTranslations("customers"),
    getTranslations("value"),
    getTranslations("duplicates"),
    listCustomerTags(),
    listSegmentOptions(),
    getSettings(),
  ]);
  const segmentOptions = segmentNames(segments, tValue);
  const currency = settings.values.clv.currency;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <div className="flex gap-2">
          {can(user.role, "customer:merge") ? (
            <Link href="/customers/duplicates" className={buttonClasses("secondary")}>
              {tDuplicates("navLink")}
            </Link>
          ) : null}
          {can(user.role, "customer:export") ? (
            <a href={`/customers/export${customerListSearch(query)}`} className={buttonClasses("secondary")} download>
              {t("exportCsv")}
            </a>
          ) : null}
          {can(user.role, "customer:create") ? (
            <Link href="/customers/new" className={buttonClasses("primary")}>
              {t("newCustomer")}
            </Link>
          ) : null}
        </div>
      </div>
      <CustomerFilters query={query} tags={tags} segments={segmentOptions} />
      <Suspense key={customerListSearch(query)} fallback={<TableSkeleton label={t("loading")} />}>
        <CustomerResults query={query} currency={currency} canBulkEdit={can(user.role, "customer:bulk")} canRunWorkflows={can(user.role, "workflow:run")} />
      </Suspense>
      <Suspense key={`totals${customerListSearch({ ...query, page: 1, sort: "name", dir: "asc" })}`} fallback={<p className="text-sm text-slate-500">{t("totalsLoading")}</p>}>
        <CustomerTotals query={query} currency={currency} />
      </Suspense>
    </div>
  );
}

async function CustomerResults({ query, currency, canBulkEdit, canRunWorkflows }: { query: CustomerListQuery; currency: string; canBulkEdit: boolean; canRunWorkflows: boolean }) {
  const [{ rows, total }, owners, workflows] = await Promise.all([
    listCustomers(query),
    canBulkEdit ? listActiveUsers() : Promise.resolve([]),
    // "Run workflow…" for the ticked rows, only for staff who may run workflows.
    canBulkEdit && canRunWorkflows ? runnableWorkflows() : Promise.resolve(null),
  ]);
  return <CustomersTable rows={rows} total={total} query={query} currency={currency} canBulkEdit={canBulkEdit} owners={owners.map((owner) => ({ id: owner.id, name: owner.name }))} workflows={workflows} />;
}

/** The totals row: value figures over every matching customer, not just this page. */
async function CustomerTotals({ query, currency }: { query: CustomerListQuery; currency: string }) {
  const [t, locale, totals] = await Promise.all([getTranslations("customers"), getLocale(), sumCustomerValues(query)]);
  if (totals.customers === 0) return null;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <section aria-label={t("totals.title")} className="rounded-lg bg-white px-4 py-3 text-sm shadow-xs ring-1 ring-slate-200">
      <dl className="flex flex-wrap gap-x-8 gap-y-1">
        <div>
          <dt className="text-xs text-slate-500">{t("totals.customers")}</dt>
          <dd className="font-semibold tabular-nums">{totals.customers.toLocaleString(locale)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("totals.totalClv")}</dt>
          <dd className="font-semibold tabular-nums">{money(totals.totalClvMinor)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("totals.predicted")}</dt>
          <dd className="font-semibold tabular-nums">{money(totals.predictedValueMinor)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("totals.historical")}</dt>
          <dd className="font-semibold tabular-nums">{money(totals.historicalValueMinor)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t("totals.averageClv")}</dt>
          <dd className="font-semibold tabular-nums">{money(Math.round(totals.totalClvMinor / totals.customers))}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Segment filter options: built-in and RFM segments named in the reader's language, custom ones by name. */
function segmentNames(segments: Awaited<ReturnType<typeof listSegmentOptions>>, tValue: Awaited<ReturnType<typeof getTranslations<"value">>>) {
  return segments.map((segment) => ({
    key: segment.key,
    label: segment.kind === "RFM" ? `RFM: ${tValue(`rfmGroups.${segment.key.slice(4)}` as never)}` : segment.kind === "BUILTIN" ? tValue(`segmentNames.${segment.key}` as never) : segment.name,
  }));
}
