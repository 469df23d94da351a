"use client";

/**
 * A table whose sorting and paging happen on the server: the table renders what it is given and reports
 * the user's sort and page choices to its owner, which puts them in the URL.
 */
import {
  functionalUpdate,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import type { ReactNode } from "react";

export const serverTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature, rowSelectionFeature });
export type ServerTableFeatures = typeof serverTableFeatures;

export type DataTableLabels = {
  caption: string;
  previous: string;
  next: string;
  pageOf: (page: number, pageCount: number) => string;
  rowsPerPage: string;
  loading: string;
};

type DataTableProps<Row extends RowData> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column has its own value type
  columns: ColumnDef<ServerTableFeatures, Row, any>[];
  data: Row[];
  rowCount: number;
  sorting: SortingState;
  pagination: PaginationState;
  pageSizes: readonly number[];
  onSortingChange: (sorting: SortingState) => void;
  onPaginationChange: (pagination: PaginationState) => void;
  getRowId: (row: Row) => string;
  isPending?: boolean;
  labels: DataTableLabels;
  footer?: ReactNode;
  /** Row selection (ids of the selected rows on this page), for bulk actions; off when absent. */
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: (selection: RowSelectionState) => void;
};

export function DataTable<Row extends RowData>(props: DataTableProps<Row>) {
  const { columns, data, rowCount, sorting, pagination, labels, isPending = false } = props;
  const rowSelection = props.rowSelection ?? {};
  const table = useTable({
    features: serverTableFeatures,
    columns,
    data,
    getRowId: props.getRowId,
    rowCount,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableRowSelection: Boolean(props.onRowSelectionChange),
    state: { sorting, pagination, rowSelection },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => props.onRowSelectionChange?.(functionalUpdate(updater, rowSelection)),
    onSortingChange: (updater: Updater<SortingState>) => props.onSortingChange(functionalUpdate(updater, sorting)),
    onPaginationChange: (updater: Updater<PaginationState>) => props.onPaginationChange(functionalUpdate(updater, pagination)),
  });
  const pageCount = Math.max(1, Math.ceil(rowCount / pagination.pageSize));

  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
      <div className="overflow-x-auto">
        <table aria-busy={isPending} className={`min-w-full divide-y divide-slate-200 text-sm transition-opacity ${isPending ? "opacity-60" : ""}`}>
          <caption className="sr-only">{labels.caption}</caption>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const meta = header.column.columnDef.meta as { align?: "right" } | undefined;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={`px-3 py-2 font-semibold whitespace-nowrap text-slate-700 ${meta?.align === "right" ? "text-right" : "text-left"}`}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-brand-700">
                          <table.FlexRender header={header} />
                          <span aria-hidden className="text-xs text-slate-400">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getAllCells().map((cell) => {
                  const meta = cell.column.columnDef.meta as { align?: "right" } | undefined;
                  return (
                    <td key={cell.id} className={`px-3 py-2 align-top ${meta?.align === "right" ? "text-right whitespace-nowrap tabular-nums" : ""}`}>
                      <table.FlexRender cell={cell} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {props.footer}
        </table>
      </div>
      <nav aria-label={labels.caption} className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-3 py-2 text-sm">
        <label className="flex items-center gap-2 text-slate-600">
          {labels.rowsPerPage}
          <select
            className="rounded-md border-0 py-1 pr-7 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
            value={pagination.pageSize}
            onChange={(event) => props.onPaginationChange({ pageIndex: 0, pageSize: Number(event.target.value) })}
          >
            {props.pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-2">
          {isPending ? <span role="status" className="text-slate-500">{labels.loading}</span> : null}
          <span className="text-slate-600">{labels.pageOf(pagination.pageIndex + 1, pageCount)}</span>
          <button
            type="button"
            className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 ring-inset disabled:text-slate-300"
            disabled={pagination.pageIndex === 0}
            onClick={() => props.onPaginationChange({ ...pagination, pageIndex: pagination.pageIndex - 1 })}
          >
            {labels.previous}
          </button>
          <button
            type="button"
            className="rounded-md px-2.5 py-1 ring-1 ring-slate-300 ring-inset disabled:text-slate-300"
            disabled={pagination.pageIndex + 1 >= pageCount}
            onClick={() => props.onPaginationChange({ ...pagination, pageIndex: pagination.pageIndex + 1 })}
          >
            {labels.next}
          </button>
        </div>
      </nav>
    </div>
  );
}
