"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { validationMessage } from "@/components/i18n/validation-message";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { formatMoney } from "@/lib/domain/money";
import { REPORTING_CURRENCIES } from "@/lib/schemas/settings-form";
import { previewSettingsAction, saveSettingsAction, type PreviewState, type SaveState } from "./actions";
import { RecomputeProgress } from "./recompute-progress";

type Props = { values: Record<string, string>; version: number };

const CONTROL = "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-slate-300 ring-inset aria-invalid:ring-red-500";

/**
 * All admin settings in one versioned form: preview the effect on the segments, then save. Saving takes a fresh
 * preview of exactly the values in the form: editing a field drops the preview, and Save without one shows the
 * preview first (the server refuses a save without the preview's token too).
 */
export function SettingsForm({ values: initial, version }: Props) {
  const t = useTranslations();
  const formRef = useRef<HTMLFormElement>(null);
  const [saveState, saveAction, isSaving] = useActionState<SaveState, FormData>(saveSettingsAction, { status: "idle" });
  const [preview, setPreview] = useState<{ state: PreviewState; version: number }>({ state: { status: "idle" }, version });
  const [isPreviewing, startPreview] = useTransition();
  const [mode, setMode] = useState(initial["vip.mode"]);
  const values = saveState.status === "error" ? { ...initial, ...(saveState.values ?? {}) } : initial;
  const currentVersion = saveState.status === "success" && saveState.version ? saveState.version : version;
  // A preview belongs to the version it was made against: after a save it no longer describes what saving does.
  const previewState: PreviewState = preview.version === currentVersion ? preview.state : { status: "idle" };
  const freshToken = previewState.status === "ready" ? previewState.preview.token : null;
  const fieldErrors = (saveState.status === "error" ? saveState.fieldErrors : undefined) ?? (previewState.status === "error" ? previewState.fieldErrors : undefined) ?? {};
  const errorsOf = (name: string) => fieldErrors[name]?.map((key) => validationMessage(t, key));
  const runPreview = () => {
    const data = new FormData(formRef.current!);
    startPreview(async () => setPreview({ state: await previewSettingsAction(previewState, data), version: currentVersion }));
  };

  const field = (name: string, label: string, input: ReactNode, hint?: string) => {
    const errors = errorsOf(name);
    return (
      <div className="space-y-1">
        <label htmlFor={name} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        {input}
        {hint && !errors?.length ? <p className="text-xs text-slate-500">{hint}</p> : null}
        <div id={`${name}-error`} aria-live="polite">
          {errors?.map((error) => (
            <p key={error} className="text-sm text-red-600">
              {error}
            </p>
          ))}
        </div>
      </div>
    );
  };
  const text = (name: string, inputMode: "numeric" | "decimal" = "decimal") => (
    <input
      id={name}
      name={name}
      defaultValue={values[name]}
      inputMode={inputMode}
      className={CONTROL}
      aria-invalid={fieldErrors[name] ? true : undefined}
      aria-describedby={fieldErrors[name] ? `${name}-error` : undefined}
    />
  );
  const select = (name: string, options: readonly string[], label: (option: string) => string, onChange?: (value: string) => void) => (
    <select id={name} name={name} defaultValue={values[name]} className={CONTROL} onChange={onChange ? (event) => onChange(event.target.value) : undefined}>
      {options.map((option) => (
        <option key={option} value={option}>
          {label(option)}
        </option>
      ))}
    </select>
  );

  return (
    <form
      ref={formRef}
      action={saveAction}
      aria-label={t("settings.formLabel")}
      className="space-y-6"
      onChange={(event) => {
        // Any edit of a setting makes the preview stale (whether workflows start is not a setting).
        if ((event.target as unknown as { name?: string }).name !== "suppressWorkflows" && previewState.status !== "idle") setPreview({ state: { status: "idle" }, version: currentVersion });
      }}
      onSubmit={(event) => {
        if (freshToken) return;
        event.preventDefault();
        runPreview();
      }}
    >
      <input type="hidden" name="expectedVersion" value={currentVersion} />
      <input type="hidden" name="previewToken" value={freshToken ?? ""} />

      <Section title={t("settings.sections.clv")}>
        {field("clv.horizonMonths", t("settings.fields.horizonMonths"), text("clv.horizonMonths", "numeric"))}
        {field("clv.annualDiscountRatePercent", t("settings.fields.annualDiscountRatePercent"), text("clv.annualDiscountRatePercent"))}
        {field("clv.grossMarginPercent", t("settings.fields.grossMarginPercent"), text("clv.grossMarginPercent"))}
        {field("clv.model", t("settings.fields.model"), select("clv.model", ["auto", "bgnbd", "pnbd"], (option) => t(`settings.models.${option}` as never)), t("settings.hints.model"))}
        {field("clv.currency", t("settings.fields.currency"), select("clv.currency", REPORTING_CURRENCIES, (option) => option))}
      </Section>

      <Section title={t("settings.sections.vip")}>
        {field("vip.basis", t("settings.fields.basis"), select("vip.basis", ["total", "predicted"], (option) => t(`settings.bases.${option}` as never)))}
        {field("vip.mode", t("settings.fields.mode"), select("vip.mode", ["topPercent", "amount"], (option) => t(`settings.modes.${option}` as never), setMode), t("settings.hints.mode"))}
        {/* Both pairs stay in the form (the other mode keeps its values); only the active one is shown. */}
        <div className={mode === "amount" ? "contents" : "hidden"}>
          {field("vip.enterAmountMinor", t("settings.fields.enterAmountMinor"), text("vip.enterAmountMinor"))}
          {field("vip.exitAmountMinor", t("settings.fields.exitAmountMinor"), text("vip.exitAmountMinor"), t("settings.hints.exitLines"))}
        </div>
        <div className={mode === "amount" ? "hidden" : "contents"}>
          {field("vip.enterTopPercent", t("settings.fields.enterTopPercent"), text("vip.enterTopPercent"))}
          {field("vip.exitTopPercent", t("settings.fields.exitTopPercent"), text("vip.exitTopPercent"), t("settings.hints.exitLines"))}
        </div>
      </Section>

      <Section title={t("settings.sections.lifecycle")}>
        {field("lifecycle.newDays", t("settings.fields.newDays"), text("lifecycle.newDays", "numeric"))}
        {field("lifecycle.atRiskBelow", t("settings.fields.atRiskBelow"), text("lifecycle.atRiskBelow"))}
        {field("lifecycle.lostBelow", t("settings.fields.lostBelow"), text("lifecycle.lostBelow"))}
        {field("lifecycle.atRiskDays", t("settings.fields.atRiskDays"), text("lifecycle.atRiskDays", "numeric"))}
        {field("lifecycle.lostDays", t("settings.fields.lostDays"), text("lifecycle.lostDays", "numeric"))}
      </Section>

      <Section title={t("settings.sections.rfm")}>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700">{t("settings.fields.rfmEdges")}</legend>
          <div className="mt-1 flex gap-2">
            {[0, 1, 2, 3].map((index) => (
              <input
                key={index}
                name={`rfmEdges.${index}`}
                aria-label={`${t("settings.fields.rfmEdges")} ${index + 2}`}
                defaultValue={values[`rfmEdges.${index}`]}
                inputMode="decimal"
                className={`${CONTROL} w-20`}
                aria-invalid={fieldErrors.rfmEdges ? true : undefined}
              />
            ))}
          </div>
          <div aria-live="polite">
            {errorsOf("rfmEdges")?.map((error) => (
              <p key={error} className="text-sm text-red-600">
                {error}
              </p>
            ))}
          </div>
        </fieldset>
      </Section>

      <Section title={t("settings.sections.cac")} hint={t("settings.hints.cac")}>
        {ACQUISITION_CHANNELS.map((channel) => field(`acquisitionCostMinor.${channel}`, t(`channels.${channel}` as never), text(`acquisitionCostMinor.${channel}`)))}
      </Section>

      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="suppressWorkflows" className="size-4 rounded border-slate-300" />
        {t("settings.fields.suppressWorkflows")}
      </label>

      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" disabled={isPreviewing} onClick={runPreview}>
          {isPreviewing ? t("settings.previewing") : t("settings.preview")}
        </Button>
        <Button type="submit" disabled={isSaving || isPreviewing}>
          {isSaving ? t("common.saving") : t("settings.save")}
        </Button>
      </div>
      {freshToken ? null : <p className="text-sm text-slate-600">{t("settings.previewFirst")}</p>}

      <PreviewResult preview={previewState} currency={values["clv.currency"] ?? "EUR"} />

      <div aria-live="polite">
        {saveState.status === "success" ? (
          <FormMessage tone="success">{(t as (key: string, values?: Record<string, number>) => string)(saveState.message ?? "settings.saved", { count: saveState.count ?? 0 })}</FormMessage>
        ) : saveState.status === "error" ? (
          <FormMessage tone="error">{t(saveState.message as never)}</FormMessage>
        ) : null}
      </div>
      {saveState.status === "success" && saveState.recomputeRunId ? <RecomputeProgress runId={saveState.recomputeRunId} /> : null}
    </form>
  );
}

function PreviewResult({ preview, currency }: { preview: PreviewState; currency: string }) {
  const t = useTranslations();
  const locale = useLocale();
  if (preview.status === "idle") return null;
  if (preview.status === "error") return <FormMessage tone="error">{t(preview.message as never)}</FormMessage>;
  const vip = preview.preview.segments.find((segment) => segment.key === "vip");
  return (
    <div role="status" aria-label={t("settings.previewTitle")} className="rounded-lg bg-brand-50 px-4 py-3 text-sm ring-1 ring-brand-100">
      <p className="font-medium">{t("settings.previewTitle")}</p>
      {vip ? <p className="mt-1">{t("settings.previewVip", { entering: vip.entering, leaving: vip.leaving })}</p> : null}
      {preview.preview.vipLines.enterMinor < Number.MAX_SAFE_INTEGER ? (
        <p className="text-slate-700">{t("settings.previewLines", { enter: formatMoney(preview.preview.vipLines.enterMinor, currency, locale), exit: formatMoney(preview.preview.vipLines.exitMinor, currency, locale) })}</p>
      ) : null}
      <ul className="mt-1 list-disc pl-5 text-slate-700">
        {preview.preview.segments.map((segment) => (
          <li key={segment.key}>
            {t("settings.previewRow", { segment: t(`value.segmentNames.${segment.key}` as never), after: segment.membersAfter, entering: segment.entering, leaving: segment.leaving })}
          </li>
        ))}
      </ul>
      {preview.preview.recomputeNeeded ? <p className="mt-2 text-amber-900">{t("settings.previewRecompute")}</p> : null}
    </div>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <legend className="px-1 text-base font-semibold">{title}</legend>
      {hint ? <p className="mb-2 text-xs text-slate-500">{hint}</p> : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}
