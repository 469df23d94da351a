import { getFormatter, getTranslations } from "next-intl/server";
import { GroupedBarChart } from "@/components/charts/grouped-bar-chart";
import type { BacktestModelReport } from "@/lib/domain/clv/backtest";
import type { PurchaseModelName } from "@/lib/domain/clv/purchase-model";
import type { StoredBacktest } from "@/lib/services/fit-clv-models";
import { SectionNotice } from "./dashboard-section";
import { isFiniteNumber } from "./model-text";

const MODELS: readonly PurchaseModelName[] = ["bgnbd", "pnbd"];

/** The stored backtest when it has the shape the recompute writes; anything else counts as no backtest. */
function readBacktest(value: unknown): StoredBacktest | null {
  if (!value || typeof value !== "object") return null;
  const backtest = value as Partial<Record<string, unknown>>;
  if (backtest.ok === false) return backtest as unknown as StoredBacktest;
  if (backtest.ok !== true || !backtest.models || typeof backtest.models !== "object" || !MODELS.includes(backtest.chosen as PurchaseModelName)) return null;
  return backtest as unknown as StoredBacktest;
}

function isReport(value: unknown): value is BacktestModelReport {
  return Boolean(value && typeof value === "object" && (value as { ok?: unknown }).ok === true && Array.isArray((value as { buckets?: unknown }).buckets));
}

/**
 * Both models judged on a held-out period, and the model in use per bucket: the one the backtest chose, or the one
 * an admin fixed (the backtest still runs then, so predicted against actual is shown for the model in use).
 */
export async function BacktestPanel({ backtest: stored, selection, modelInUse = null }: { backtest: unknown; selection: "auto" | "fixed"; modelInUse?: PurchaseModelName | null }) {
  const [t, tModel, tDashboard, format] = await Promise.all([getTranslations("dashboard.model.backtest"), getTranslations("dashboard.model"), getTranslations("dashboard"), getFormatter()]);
  const backtest = readBacktest(stored);
  const heading = <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("title")}</h3>;
  if (!backtest) {
    return (
      <div>
        {heading}
        <SectionNotice>{selection === "fixed" ? t("notRunFixed") : t("notRunHistory")}</SectionNotice>
      </div>
    );
  }
  if (!backtest.ok) {
    const reason = tModel.has(`causes.${backtest.cause}`) ? tModel(`causes.${backtest.cause}`) : backtest.message;
    return (
      <div>
        {heading}
        <SectionNotice>{t("failed", { reason })}</SectionNotice>
      </div>
    );
  }

  const na = tDashboard("notAvailable");
  const number = (value: unknown, digits: number) => (isFiniteNumber(value) ? format.number(value, { maximumFractionDigits: digits }) : na);
  const name = (model: PurchaseModelName) => tModel(`names.${model}`);
  const winner = name(backtest.chosen);
  const other = MODELS.find((model) => model !== backtest.chosen)!;
  const difference = backtest.comparison?.relativeDifference;
  const isFixed = selection === "fixed" && modelInUse !== null && MODELS.includes(modelInUse);
  const shown: PurchaseModelName = isFixed ? modelInUse! : backtest.chosen;
  const verdict =
    isReport(backtest.models[other]) && isFiniteNumber(difference)
      ? t("won", { winner, difference: format.number(difference, { style: "percent", maximumFractionDigits: 1 }) })
      : t("onlyModel", { winner });
  const headline = isFixed ? `${t("fixedInUse", { model: name(shown) })} ${verdict}` : verdict;
  const chosen = backtest.models[shown];
  const buckets = isReport(chosen) ? chosen.buckets.filter((bucket) => bucket.customers > 0) : [];
  const perCustomer = (total: number, customers: number) => (customers > 0 ? total / customers : 0);
  const date = (value: unknown) => {
    const parsed = typeof value === "string" ? new Date(value) : null;
    return parsed && Number.isFinite(parsed.getTime()) ? format.dateTime(parsed, { dateStyle: "medium" }) : na;
  };
  const hasWindow = isFiniteNumber(backtest.holdoutWeeks) && isFiniteNumber(backtest.customers);

  return (
    <div className="space-y-3">
      {heading}
      <p className="text-sm font-medium text-slate-900">{headline}</p>
      {hasWindow ? (
        <p className="text-xs text-slate-600">
          {t("window", { weeks: backtest.holdoutWeeks, start: date(backtest.calibrationEnd), customers: backtest.customers, ranAt: date(backtest.ranAt) })}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("tableCaption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-2 py-1.5 text-left font-semibold">{t("modelColumn")}</th>
              <th scope="col" className="px-2 py-1.5 text-right font-semibold">{t("predictedColumn")}</th>
              <th scope="col" className="px-2 py-1.5 text-right font-semibold">{t("actualColumn")}</th>
              <th scope="col" className="px-2 py-1.5 text-right font-semibold">{t("errorColumn")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {MODELS.map((model) => {
              const report = backtest.models[model];
              return (
                <tr key={model}>
                  <th scope="row" className="px-2 py-1.5 text-left font-medium">
                    {name(model)}
                    {model === shown ? <span className="ml-1.5 text-xs font-normal text-slate-600">({isFixed ? t("inUse") : t("chosen")})</span> : null}
                  </th>
                  {isReport(report) ? (
                    <>
                      <td className="px-2 py-1.5 text-right tabular-nums">{number(report.predictedTotal, 1)}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{number(report.actualTotal, 0)}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{number(report.meanAbsoluteError, 3)}</td>
                    </>
                  ) : (
                    <td colSpan={3} className="px-2 py-1.5 text-slate-600">
                      {t("notFitted")}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {isReport(chosen) && buckets.length > 0 ? (
        <div>
          <h4 className="mb-1 text-sm font-medium text-slate-900">{t("chartTitle", { model: name(shown) })}</h4>
          <GroupedBarChart
            data={buckets.map((bucket) => ({ label: bucket.bucket, first: perCustomer(bucket.actual, bucket.customers), second: perCustomer(bucket.predicted, bucket.customers) }))}
            firstLabel={t("actual")}
            secondLabel={t("predicted")}
            categoryAxisLabel={t("bucketAxis")}
            valueFormat={{ kind: "number", maximumFractionDigits: 2 }}
            summary={t("summary", { model: name(shown), actual: number(chosen.actualTotal, 0), predicted: number(chosen.predictedTotal, 1) })}
            tableToggle={tDashboard("showTable")}
            table={{
              caption: t("bucketsCaption"),
              headers: [t("bucketColumn"), t("bucketCustomersColumn"), t("actualPerCustomerColumn"), t("predictedPerCustomerColumn"), t("actualTotalColumn"), t("predictedTotalColumn")],
              rows: buckets.map((bucket) => [
                bucket.bucket,
                format.number(bucket.customers),
                number(perCustomer(bucket.actual, bucket.customers), 2),
                number(perCustomer(bucket.predicted, bucket.customers), 2),
                number(bucket.actual, 0),
                number(bucket.predicted, 1),
              ]),
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
