import type { Metadata } from "next";
import type { Route } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { TableSkeleton } from "@/components/ui/skeleton";
import { runnableWorkflows } from "@/components/workflows/run-workflow-button";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { allowedListQuery, canFilterBySegment } from "@/lib/auth/customer-list-access";
import { clampPage } from "@/lib/domain/pagination";
import { listCustomers, listCustomerTags, sumCustomerValues } from "@/lib/db/customer-list";
import { listSegmentOptions } from "@/lib/db/segment-options";
import { getSettings } from "@/lib/db/settings";
import { listActiveUsers } from "@/lib/db/users";
import { customerListSearch, parseCustomerListQuery, type CustomerListQuery } from "@/lib/schemas/customer-list";
import { CustomerFilters } from "./customer-filters";
import { CustomersTable } from "./customers-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customers");
  return { title: t("title") };
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("customer:read");
  // A segment filter in the URL is ignored for roles that may not read segments.
  const query = allowedListQuery(user.role, parseCustomerListQuery(await searchParams));
  const canUseSegments = canFilterBySegment(user.role);
  const [t, tValue, tDuplicates, tags, segments, settings] = await Promise.all([
    getTranslations("customers"),
    getTranslations("value"),
    getTranslations("duplicates"),
    listCustomerTags(),
    canUseSegments ? listSegmentOptions() : Promise.resolve(null),
    getSettings(),
  ]);
  const segmentOptions = segments ? segmentNames(segments, t, tValue) : null;
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
    </div>
  );
}

async function CustomerResults({ query, currency, canBulkEdit, canRunWorkflows }: { query: CustomerListQuery; currency: string; canBulkEdit: boolean; canRunWorkflows: boolean }) {
  // Not awaited: the table shows the page at once and its totals row when the sums arrive.
  const totals = sumCustomerValues(query);
  // Handled where the table reads it; this only keeps a failure before then from counting as unhandled.
  totals.catch(() => {});
  const [{ rows, total }, owners, workflows] = await Promise.all([
    listCustomers(query),
    canBulkEdit ? listActiveUsers() : Promise.resolve([]),
    // "Run workflow…" for the ticked rows, only for staff who may run workflows.
    canBulkEdit && canRunWorkflows ? runnableWorkflows() : Promise.resolve(null),
  ]);
  // An old link past the last page (the list shrank) opens the last page instead of an empty table.
  const page = clampPage(query.page, total, query.pageSize);
  if (page !== query.page) redirect(`/customers${customerListSearch(query, { page })}` as Route);
  return (
    <CustomersTable
      rows={rows}
      total={total}
      query={query}
      currency={currency}
      canBulkEdit={canBulkEdit}
      owners={owners.map((owner) => ({ id: owner.id, name: owner.name }))}
      workflows={workflows}
      totals={totals}
    />
  );
}

/** Segment filter options: built-in and RFM segments named in the reader's language, custom ones by name. */
function segmentNames(
  segments: Awaited<ReturnType<typeof listSegmentOptions>>,
  t: Awaited<ReturnType<typeof getTranslations<"customers">>>,
  tValue: Awaited<ReturnType<typeof getTranslations<"value">>>,
) {
  return segments.map((segment) => ({
    key: segment.key,
    label:
      segment.kind === "RFM"
        ? t("rfmSegment", { group: tValue(`rfmGroups.${segment.key.slice(4)}` as never) })
        : segment.kind === "BUILTIN"
          ? tValue(`segmentNames.${segment.key}` as never)
          : segment.name,
  }));
}
