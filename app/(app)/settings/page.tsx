import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getLatestModelFit } from "@/lib/db/clv-model-fits";
import { findActiveRecomputeRun, listRecomputeRuns } from "@/lib/db/recompute-runs";
import { getSettings, listSettingsVersions } from "@/lib/db/settings";
import { settingsToForm } from "@/lib/schemas/settings-form";
import { RecomputeButton } from "./recompute-button";
import { SettingsForm } from "./settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

const STATUS_TONES = { QUEUED: "neutral", RUNNING: "brand", SUCCEEDED: "success", FAILED: "danger" } as const;

export default async function SettingsPage() {
  await requirePageUser("settings:manage");
  const [t, tModel, format, locale, settings, versions, fit, runs, activeRun] = await Promise.all([
    getTranslations("settings"),
    getTranslations("dashboard.model"),
    getFormatter(),
    getLocale(),
    getSettings(),
    listSettingsVersions(10),
    getLatestModelFit(),
    listRecomputeRuns(8),
    findActiveRecomputeRun(),
  ]);
  // Decimals in the reader's notation: "12,5" in German and Polish, "12.5" in English.
  const decimalSeparator = new Intl.NumberFormat(locale).format(1.5).includes(",") ? "," : ".";
  const unavailable = (fit?.unavailable ?? {}) as { purchase?: { cause?: string; message?: string }; spend?: { cause?: string; message?: string } };
  const reason = (detail: { cause?: string; message?: string } | undefined) =>
    detail?.cause && tModel.has(`causes.${detail.cause}`) ? tModel(`causes.${detail.cause}` as never) : (detail?.message ?? "");

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        <p className="mt-1 text-sm text-slate-500">
          {settings.version === 0
            ? t("defaults")
            : t("versionBy", { version: settings.version, date: format.dateTime(settings.createdAt!, { dateStyle: "medium", timeStyle: "short" }), name: settings.createdByName ?? "—" })}
        </p>
      </div>

      <div className="grid gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <SettingsForm values={settingsToForm(settings.values, decimalSeparator)} version={settings.version} />
        </div>
        <div className="space-y-6">
          <Card title={t("recompute.title")}>
            <p className="mb-3 text-sm text-slate-600">{t("recompute.intro")}</p>
            <RecomputeButton activeRunId={activeRun?.id ?? null} />
            <h3 className="mt-4 text-sm font-medium text-slate-700">{t("recompute.recent")}</h3>
            {runs.length === 0 ? (
              <p className="text-sm text-slate-500">{t("recompute.noRuns")}</p>
            ) : (
              <table className="mt-1 w-full text-left text-xs">
                <caption className="sr-only">{t("recompute.recent")}</caption>
                <thead className="text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 font-medium">{t("recompute.columns.started")}</th>
                    <th scope="col" className="py-1 font-medium">{t("recompute.columns.trigger")}</th>
                    <th scope="col" className="py-1 font-medium">{t("recompute.columns.status")}</th>
                    <th scope="col" className="py-1 text-right font-medium">{t("recompute.columns.duration")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {runs.map((run) => (
                    <tr key={run.id}>
                      <td className="py-1">{format.dateTime(run.startedAt ?? run.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                      <td className="py-1">{t(`recompute.triggers.${run.trigger}`)}</td>
                      <td className="py-1" title={run.error ?? undefined}>
                        <Badge tone={STATUS_TONES[run.status]}>{t(`recompute.statuses.${run.status}`)}</Badge>
                      </td>
                      <td className="py-1 text-right tabular-nums">
                        {run.startedAt && run.finishedAt ? `${format.number((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000, { maximumFractionDigits: 1 })} s` : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>

          <Card title={t("model.title")}>
            {!fit ? (
              <p className="text-sm text-slate-600">{t("model.none")}</p>
            ) : fit.status !== "OK" ? (
              <p className="text-sm text-amber-900">{t("model.notEnough", { reason: reason(unavailable.purchase) })}</p>
            ) : (
              <>
                <p className="text-sm text-slate-700">
                  {t("model.summary", {
                    model: fit.purchaseModel === "pnbd" ? "Pareto/NBD" : "BG/NBD",
                    selection: fit.selection,
                    date: format.dateTime(fit.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                    customers: fit.customers,
                  })}
                </p>
                {unavailable.spend ? <p className="mt-2 text-sm text-amber-900">{t("model.spendNotEnough", { reason: reason(unavailable.spend) })}</p> : null}
              </>
            )}
            <p className="mt-2 text-sm">
              <Link href="/dashboard" className="text-brand-700 hover:underline">
                {t("model.dashboardLink")}
              </Link>
            </p>
          </Card>

          <Card title={t("history")}>
            {versions.length === 0 ? (
              <p className="text-sm text-slate-500">{t("defaults")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {versions.map((version) => (
                  <li key={version.version}>
                    {t("versionBy", { version: version.version, date: format.dateTime(version.createdAt, { dateStyle: "medium", timeStyle: "short" }), name: version.createdBy?.name ?? "—" })}
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-2 text-sm">
              <Link href="/admin/audit" className="text-brand-700 hover:underline">
                {t("auditLink")}
              </Link>
            </p>
          </Card>
        </div>
      </div>
    </div>
  );
}
