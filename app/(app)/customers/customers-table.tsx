"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Suspense, use, useMemo, useState, useTransition } from "react";
import type { Route } from "next";
import { createColumnHelper, type PaginationState, type RowSelectionState, type SortingState } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ServerTableFeatures } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { RunnableWorkflow } from "@/components/workflows/run-workflow-dialog";
import { formatMoney } from "@/lib/domain/money";
import type { CustomerListRow, CustomerValueTotals } from "@/lib/db/customer-list";
import { CUSTOMER_SORT_KEYS, customerListSearch, PAGE_SIZES, type CustomerListQuery, type CustomerSortKey } from "@/lib/schemas/customer-list";
import { BulkActions, type OwnerOption } from "./bulk-actions";

const helper = createColumnHelper<ServerTableFeatures, CustomerListRow>();

type Props = {
  rows: CustomerListRow[];
  total: number;
  query: CustomerListQuery;
  currency: string;
  canBulkEdit: boolean;
  owners: OwnerOption[];
  workflows?: RunnableWorkflow[] | null;
  /** Sums over every matching customer, not just this page: the table's footer, shown when they arrive. */
  totals?: Promise<CustomerValueTotals>;
};

/** The footer sums these columns (by column id) and averages them per customer. */
const TOTAL_COLUMNS = { totalSpent: "totalSpentMinor", historicalValue: "historicalValueMinor", predictedValue: "predictedValueMinor", totalClv: "totalClvMinor" } as const;

export function CustomersTable({ rows, total, query, currency, canBulkEdit, owners, workflows = null, totals }: Props) {
  const t = useTranslations("customers");
  const tValue = useTranslations("value");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();
  // Ticked rows of the page on screen; a new page, sort or filter starts a new selection.
  const [selection, setSelection] = useState<{ key: string; rows: RowSelectionState }>({ key: "", rows: {} });
  const viewKey = customerListSearch(query);
  const rowSelection = selection.key === viewKey ? selection.rows : {};

  const columns = useMemo(() => {
    const select = helper.display({
      id: "select",
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label={t("selectPage")}
          className="size-4 rounded border-slate-300"
          checked={table.getIsAllPageRowsSelected()}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={t("selectRow", { name: row.original.name })}
          className="size-4 rounded border-slate-300"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    });
    const dataColumns = helper.columns([
      helper.accessor("name", {
        id: "name",
        header: t("columns.name"),
        // Name, email and tags in one cell, so the value columns fit beside them.
        cell: (info) => (
          <div className="min-w-56">
            <Link href={`/customers/${info.row.original.id}` as Route} className="font-medium whitespace-nowrap text-brand-700 hover:underline">
              {info.getValue()}
            </Link>
            {info.row.original.email ? <div className="text-xs text-slate-500">{info.row.original.email}</div> : null}
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
      helper.accessor("company", { id: "company", header: t("columns.company"), enableSorting: false, cell: (info) => info.getValue() ?? "—" }),
      helper.accessor("country", { id: "country", header: t("columns.country"), enableSorting: false, cell: (info) => info.getValue() ?? "—" }),
      helper.accessor("orderCount", { id: "orderCount", header: t("columns.orders"), sortDescFirst: true, meta: { align: "right" }, cell: (info) => format.number(info.getValue()) }),
      helper.accessor("totalSpentMinor", {
        id: "totalSpent",
        header: t("columns.totalSpent"),
        sortDescFirst: true,
        meta: { align: "right" },
        cell: (info) => formatMoney(info.getValue(), currency, locale),
      }),
      helper.accessor("historicalValueMinor", {
        id: "historicalValue",
        header: t("columns.historicalValue"),
        sortDescFirst: true,
        meta: { align: "right" },
        cell: (info) => formatMoney(info.getValue(), currency, locale),
      }),
      helper.accessor("totalClvMinor", {
        id: "totalClv",
        header: t("columns.totalClv"),
        sortDescFirst: true,
        meta: { align: "right" },
        cell: (info) => formatMoney(info.getValue(), currency, locale),
      }),
      helper.accessor("predictedValueMinor", {
        id: "predictedValue",
        header: t("columns.predictedValue"),
        sortDescFirst: true,
        meta: { align: "right" },
        cell: (info) => {
          const value = info.getValue();
          return value === null ? "—" : formatMoney(value, currency, locale);
        },
      }),
      helper.accessor("probabilityAlive", {
        id: "probabilityAlive",
        header: t("columns.probabilityAlive"),
        meta: { align: "right" },
        cell: (info) => {
          const value = info.getValue();
          return value === null ? "—" : format.number(value, { style: "percent", maximumFractionDigits: 0 });
        },
      }),
      helper.accessor("rfmGroup", {
        id: "rfmGroup",
        header: t("columns.rfmGroup"),
        enableSorting: false,
        cell: (info) => {
          const group = info.getValue();
          return group && tValue.has(`rfmGroups.${group}` as never) ? <span className="whitespace-nowrap">{tValue(`rfmGroups.${group}` as never)}</span> : "—";
        },
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
      helper.accessor("createdAt", { id: "createdAt", header: t("columns.created"), sortDescFirst: true, cell: (info) => format.dateTime(info.getValue(), { dateStyle: "medium" }) }),
    ]);
    return canBulkEdit ? [select, ...dataColumns] : dataColumns;
  }, [t, tValue, format, locale, currency, canBulkEdit]);
  const columnIds = columns.map((column) => column.id!);

  function navigate(change: Partial<CustomerListQuery>) {
    startTransition(() => router.push(`${pathname}${customerListSearch(query, change)}` as Route, { scroll: false }));
  }

  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);

  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("matching", { count: total })}
      </p>
      {canBulkEdit && total > 0 ? (
        <BulkActions selectedIds={selectedIds} matching={total} search={viewKey} owners={owners} workflows={workflows} onDone={() => setSelection({ key: viewKey, rows: {} })} />
      ) : null}
      {total === 0 ? (
        <EmptyState title={t("emptyTitle")} description={query.q || query.country || query.channel || query.tag || query.segment ? t("emptyFiltered") : t("emptyAll")} />
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
          rowSelection={canBulkEdit ? rowSelection : undefined}
          onRowSelectionChange={canBulkEdit ? (rows) => setSelection({ key: viewKey, rows }) : undefined}
          onSortingChange={(next) => {
            const first = next[0];
            if (!first || !(CUSTOMER_SORT_KEYS as readonly string[]).includes(first.id)) return;
            navigate({ sort: first.id as CustomerSortKey, dir: first.desc ? "desc" : "asc", page: 1 });
          }}
          onPaginationChange={(next) => navigate({ page: next.pageIndex + 1, pageSize: next.pageSize as CustomerListQuery["pageSize"] })}
          footer={
            totals ? (
              <Suspense
                fallback={
                  <tfoot>
                    <tr>
                      <td colSpan={columnIds.length} className="px-3 py-2 text-sm text-slate-500">
                        {t("totalsLoading")}
                      </td>
                    </tr>
                  </tfoot>
                }
              >
                <TotalsFooter totals={totals} columnIds={columnIds} currency={currency} />
              </Suspense>
            ) : null
          }
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

/**
 * The totals row under the value columns (sums over every matching customer) and the average per customer.
 * The label spans the columns before the first summed one, so each figure sits under its own column.
 */
function TotalsFooter({ totals: pending, columnIds, currency }: { totals: Promise<CustomerValueTotals>; columnIds: string[]; currency: string }) {
  const t = useTranslations("customers");
  const locale = useLocale();
  const totals = use(pending);
  const first = columnIds.findIndex((id) => id in TOTAL_COLUMNS);
  if (totals.customers === 0 || first < 0) return null;
  const row = (label: string, figure: (key: (typeof TOTAL_COLUMNS)[keyof typeof TOTAL_COLUMNS]) => number) => (
    <tr>
      <th scope="row" colSpan={first} className="px-3 py-2 text-left font-semibold text-slate-700">
        {label}
      </th>
      {columnIds.slice(first).map((id) => (
        <td key={id} className="px-3 py-2 text-right font-semibold whitespace-nowrap tabular-nums">
          {id in TOTAL_COLUMNS ? formatMoney(figure(TOTAL_COLUMNS[id as keyof typeof TOTAL_COLUMNS]), currency, locale) : null}
        </td>
      ))}
    </tr>
  );
  return (
    <tfoot aria-label={t("totals.title")} className="border-t-2 border-slate-200 bg-slate-50">
      {row(t("totals.row", { count: totals.customers }), (key) => totals[key])}
      {row(t("totals.averageRow"), (key) => Math.round(totals[key] / totals.customers))}
    </tfoot>
  );
}
