"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo, useTransition } from "react";
import type { Route } from "next";
import { createColumnHelper, type PaginationState, type SortingState } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ServerTableFeatures } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatMoney } from "@/lib/domain/money";
import type { CustomerListRow } from "@/lib/db/customer-list";
import { CUSTOMER_SORT_KEYS, customerListSearch, PAGE_SIZES, type CustomerListQuery, type CustomerSortKey } from "@/lib/schemas/customer-list";

const helper = createColumnHelper<ServerTableFeatures, CustomerListRow>();

export function CustomersTable({ rows, total, query, currency }: { rows: CustomerListRow[]; total: number; query: CustomerListQuery; currency: string }) {
  const t = useTranslations("customers");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();

  const columns = useMemo(
    () =>
      helper.columns([
      helper.accessor("name", {
        id: "name",
        header: t("columns.name"),
        cell: (info) => (
          <div>
            <Link href={`/customers/${info.row.original.id}` as Route} className="font-medium text-brand-700 hover:underline">
              {info.getValue()}
            </Link>
            {info.row.original.tags.length ? (
              <div className="mt-0.5 flex flex-wrap gap-1">
                {info.row.original.tags.slice(0, 3).map((tag) => (
                  <Badge key={tag}>{tag}</Badge>
                ))}
              </div>
            ) : null}
          </div>
        ),
      }),
      helper.accessor("email", { id: "email", header: t("columns.email"), enableSorting: false, cell: (info) => info.getValue() ?? "—" }),
      helper.accessor("company", { id: "company", header: t("columns.company"), enableSorting: false, cell: (info) => info.getValue() ?? "—" }),
      helper.accessor("country", { id: "country", header: t("columns.country"), enableSorting: false, cell: (info) => info.getValue() ?? "—" }),
      helper.accessor("orderCount", {
        id: "orderCount",
        header: t("columns.orders"),
        sortDescFirst: true,
        meta: { align: "right" },
        cell: (info) => format.number(info.getValue()),
      }),
      helper.accessor("totalSpentMinor", {
        id: "totalSpent",
        header: t("columns.totalSpent"),
        sortDescFirst: true,
        meta: { align: "right" },
        cell: (info) => formatMoney(info.getValue(), currency, locale),
      }),
      helper.accessor("lastOrderAt", {
        id: "lastOrderAt",
        header: t("columns.lastOrder"),
        sortDescFirst: true,
        cell: (info) => {
          const value = info.getValue();
          return value ? format.dateTime(value, { dateStyle: "medium" }) : t("neverOrdered");
        },
      }),
      helper.accessor("createdAt", {
        id: "createdAt",
        header: t("columns.created"),
        sortDescFirst: true,
        cell: (info) => format.dateTime(info.getValue(), { dateStyle: "medium" }),
      }),
      ]),
    [t, format, locale, currency],
  );

  function navigate(change: Partial<CustomerListQuery>) {
    startTransition(() => router.push(`${pathname}${customerListSearch(query, change)}` as Route, { scroll: false }));
  }

  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };

  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("matching", { count: total })}
      </p>
      {total === 0 ? (
        <EmptyState title={t("emptyTitle")} description={query.q || query.country || query.channel || query.tag ? t("emptyFiltered") : t("emptyAll")} />
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          rowCount={total}
          sorting={sorting}
          pagination={pagination}
          pageSizes={PAGE_SIZES}
          getRowId={(row) => row.id}
          isPending={isPending}
          onSortingChange={(next) => {
            const first = next[0];
            if (!first || !(CUSTOMER_SORT_KEYS as readonly string[]).includes(first.id)) return;
            navigate({ sort: first.id as CustomerSortKey, dir: first.desc ? "desc" : "asc", page: 1 });
          }}
          onPaginationChange={(next) => navigate({ page: next.pageIndex + 1, pageSize: next.pageSize as CustomerListQuery["pageSize"] })}
          labels={{
            caption: t("tableCaption"),
            previous: t("previous"),
            next: t("next"),
            pageOf: (page, pageCount) => t("pageOf", { page, pageCount }),
            rowsPerPage: t("rowsPerPage"),
            loading: t("loading"),
          }}
        />
      )}
    </div>
  );
}
