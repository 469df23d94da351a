import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { TableSkeleton } from "@/components/ui/skeleton";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { displayCurrency } from "@/lib/currency";
import { listCustomers, listCustomerTags } from "@/lib/db/customer-list";
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
  const t = await getTranslations("customers");
  const tags = await listCustomerTags();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <div className="flex gap-2">
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
      <CustomerFilters query={query} tags={tags} />
      <Suspense fallback={<TableSkeleton label={t("loading")} />}>
        <CustomerResults query={query} />
      </Suspense>
    </div>
  );
}

async function CustomerResults({ query }: { query: CustomerListQuery }) {
  const { rows, total } = await listCustomers(query);
  return <CustomersTable rows={rows} total={total} query={query} currency={displayCurrency()} />;
}
