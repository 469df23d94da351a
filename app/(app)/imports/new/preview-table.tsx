"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { formatMoney } from "@/lib/domain/money";
import { fieldsFor, type MappingTarget } from "@/lib/import/import-fields";
import type { FilePreview, PreviewValue } from "@/lib/import/preview-import";
import { rejectReasonText } from "@/lib/import/reject-text";
import { encodeReason } from "@/lib/import/reject-reason";

const MONEY_FIELDS = new Set(["total", "refunded", "lineUnitPrice", "unitPrice"]);

/** The first rows of a file as they will be stored; a row that would be rejected is marked, with its reason. */
export function PreviewTable({ preview, target, currency, caption }: { preview: FilePreview; target: MappingTarget; currency: string; caption: string }) {
  const t = useTranslations("imports");
  const tRoot = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const fields = fieldsFor(target)
    .map((spec) => spec.key)
    .filter((key) => preview.rows.some((row) => key in row.values));
  if (preview.rows.length === 0) return <p className="text-sm text-slate-500">{t("mapping.noRows")}</p>;

  const show = (field: string, value: PreviewValue, rowCurrency: string): string => {
    if (value === null || value === "") return "—";
    if (MONEY_FIELDS.has(field) && typeof value === "number") return formatMoney(value, rowCurrency, locale);
    if (field === "placedAt" && typeof value === "string") return format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" });
    if (typeof value === "boolean") return value ? t("mapping.yes") : t("mapping.no");
    if (Array.isArray(value)) return value.length > 0 ? value.join(", ") : "—";
    if (field === "status" && typeof value === "string" && tRoot.has(`orderStatus.${value}` as never)) return tRoot(`orderStatus.${value}` as never);
    if (field === "acquisitionChannel" && typeof value === "string" && tRoot.has(`channels.${value}` as never)) return tRoot(`channels.${value}` as never);
    if (typeof value === "number") return format.number(value);
    return String(value);
  };

  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left text-xs font-medium text-slate-600">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-semibold">{t("mapping.previewLine")}</th>
            {fields.map((field) => (
              <th key={field} scope="col" className="px-3 py-2 text-left font-semibold whitespace-nowrap">
                {t(`fields.${target}.${field}` as never)}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-left font-semibold">{t("mapping.previewCheck")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {preview.rows.map((row) => {
            const rowCurrency = typeof row.values.currency === "string" ? row.values.currency : currency;
            const problemField = row.problem?.column ? fields.find((field) => previewColumn(preview, field, row.problem!.column!)) : undefined;
            return (
              <tr key={row.line} className={row.problem ? "bg-red-50" : undefined}>
                <td className="px-3 py-1.5 tabular-nums text-slate-500">{row.line}</td>
                {fields.map((field) => (
                  <td key={field} className={`px-3 py-1.5 align-top ${field === problemField ? "font-medium text-red-700 underline decoration-red-400 decoration-wavy" : ""}`}>
                    {show(field, row.values[field] ?? null, rowCurrency)}
                  </td>
                ))}
                <td className="px-3 py-1.5 align-top">
                  {row.problem ? (
                    <span className="text-red-700">
                      {t("mapping.previewProblem", { reason: rejectReasonText(tRoot, encodeReason(row.problem.reason)), column: row.problem.column ?? "—" })}
                    </span>
                  ) : row.isContinuation ? (
                    <span className="text-slate-500">{t("mapping.previewContinuation")}</span>
                  ) : (
                    <span className="text-emerald-700">{t("mapping.previewOk")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Whether `column` (a file header) is the one mapped to `field` in this preview. */
function previewColumn(preview: FilePreview, field: string, column: string): boolean {
  return preview.mapping[field] === column;
}
