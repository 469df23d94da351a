"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { EncodingVerdict } from "@/lib/import/csv-format";
import { fieldsFor, LINE_FIELD_KEYS_IN_ORDERS, type ColumnMapping, type FieldSpec, type MappingTarget } from "@/lib/import/import-fields";
import { previewImportAction, startImportAction, type PreviewInput, type PreviewState, type StartState } from "./actions";
import { PreviewTable } from "./preview-table";

type SeparatorName = "semicolon" | "comma" | "tab";
type UploadedFile = { id: string; name: string; header: string[]; separator: SeparatorName; encoding: EncodingVerdict };
type Props = {
  kind: "CUSTOMERS" | "ORDERS";
  file: UploadedFile;
  linesFile: UploadedFile | null;
  initialMapping: ColumnMapping;
  initialLinesMapping: ColumnMapping | null;
  initialPreview: PreviewState;
  currency: string;
};

const CONTROL = "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-slate-300 ring-inset aria-invalid:ring-red-500";

/** Step 2: pick the column for each field, see the first rows as they will be stored, then start the import. */
export function MappingForm({ kind, file, linesFile, initialMapping, initialLinesMapping, initialPreview, currency }: Props) {
  const t = useTranslations("imports");
  const tRoot = useTranslations();
  const router = useRouter();
  const searchParams = useSearchParams();
  const [mapping, setMapping] = useState(initialMapping);
  const [linesMapping, setLinesMapping] = useState(initialLinesMapping ?? {});
  const [decimalSeparator, setDecimalSeparator] = useState<"auto" | "," | ".">("auto");
  const [defaultSource, setDefaultSource] = useState("import");
  const [preview, setPreview] = useState<PreviewState>(initialPreview);
  const [isPreviewing, startPreview] = useTransition();
  const [startState, startAction, isStarting] = useActionState<StartState, FormData>(startImportAction, { status: "idle" });
  const isFirstRender = useRef(true);

  // A new preview shortly after the mapping or options change.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    const input: PreviewInput = {
      kind,
      file: file.id,
      lines: linesFile?.id ?? null,
      separator: file.separator,
      linesSeparator: linesFile?.separator ?? null,
      decimalSeparator,
      defaultSource,
      mapping,
      linesMapping: linesFile ? linesMapping : null,
    };
    const timer = setTimeout(() => startPreview(async () => setPreview(await previewImportAction(input))), 250);
    return () => clearTimeout(timer);
  }, [kind, file.id, file.separator, linesFile, mapping, linesMapping, decimalSeparator, defaultSource]);

  const changeSeparator = (param: "sep" | "linesSep", value: string) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set(param, value);
    router.replace(`/imports/new?${params.toString()}`);
  };

  const encodingProblem = [file, linesFile].find((candidate) => candidate && !candidate.encoding.ok);
  if (encodingProblem && !encodingProblem.encoding.ok) {
    return <FormMessage tone="error">{t(`errors.${encodingProblem.encoding.reason}`)}</FormMessage>;
  }
  const missing = new Set(startState.status === "error" ? (startState.missing ?? []) : []);
  const fieldLabel = (target: MappingTarget, field: string) => t(`fields.${target}.${field}` as never);
  const mainFields = fieldsFor(kind).filter((spec) => !(linesFile && LINE_FIELD_KEYS_IN_ORDERS.includes(spec.key as (typeof LINE_FIELD_KEYS_IN_ORDERS)[number])));
  const selects = (target: MappingTarget, fields: readonly FieldSpec[], header: string[], values: ColumnMapping, onChange: (next: ColumnMapping) => void, prefix: string, missingPrefix = "") =>
    fields.map((spec) => {
      const id = `${prefix}${spec.key}`;
      const isMissing = missing.has(`${missingPrefix}${spec.key}`);
      return (
        <div key={spec.key} className="space-y-1">
          <label htmlFor={id} className="block text-sm font-medium text-slate-700">
            {fieldLabel(target, spec.key)}
            {spec.isRequired ? <span className="text-xs font-normal text-slate-500">{` (${t("mapping.required")})`}</span> : null}
          </label>
          <select
            id={id}
            name={id}
            value={values[spec.key] ?? ""}
            onChange={(event) => onChange({ ...values, [spec.key]: event.target.value })}
            className={CONTROL}
            aria-invalid={isMissing ? true : undefined}
          >
            <option value="">{t("mapping.notMapped")}</option>
            {header.map((column, index) => (
              <option key={`${index}:${column}`} value={column}>
                {column || t("mapping.unnamedColumn", { number: index + 1 })}
              </option>
            ))}
          </select>
        </div>
      );
    });
  const orderFields = mainFields.filter((spec) => !spec.key.startsWith("line"));
  const lineFieldsInOrders = mainFields.filter((spec) => spec.key.startsWith("line"));

  return (
    <form action={startAction} aria-label={t("mapping.formLabel")} className="space-y-6">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="file" value={file.id} />
      {linesFile ? <input type="hidden" name="lines" value={linesFile.id} /> : null}
      <input type="hidden" name="separator" value={file.separator} />
      {linesFile ? <input type="hidden" name="linesSeparator" value={linesFile.separator} /> : null}

      <Section title={t("mapping.columnsOf", { file: file.name })}>
        {file.header.length === 0 ? <p className="text-sm text-red-700">{t("mapping.noHeader")}</p> : selects(kind, kind === "ORDERS" ? orderFields : mainFields, file.header, mapping, setMapping, "map.")}
      </Section>
      {kind === "ORDERS" && !linesFile ? (
        <Section title={t("mapping.sameFileLines")} hint={t("mapping.sameFileLinesHint")}>
          {selects(kind, lineFieldsInOrders, file.header, mapping, setMapping, "map.")}
        </Section>
      ) : null}
      {linesFile ? (
        <Section title={t("mapping.linesColumnsOf", { file: linesFile.name })}>
          {selects("LINES", fieldsFor("LINES"), linesFile.header, linesMapping, setLinesMapping, "linesMap.", "lines.")}
        </Section>
      ) : null}

      <Section title={t("mapping.options")}>
        <Field id="separator-choice" label={t("mapping.separator")}>
          <select id="separator-choice" value={file.separator} onChange={(event) => changeSeparator("sep", event.target.value)} className={CONTROL}>
            {(["semicolon", "comma", "tab"] as const).map((option) => (
              <option key={option} value={option}>
                {t(`mapping.separators.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        {linesFile ? (
          <Field id="lines-separator-choice" label={t("mapping.linesSeparator")}>
            <select id="lines-separator-choice" value={linesFile.separator} onChange={(event) => changeSeparator("linesSep", event.target.value)} className={CONTROL}>
              {(["semicolon", "comma", "tab"] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`mapping.separators.${option}`)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id="decimalSeparator" label={t("mapping.decimal")}>
          <select id="decimalSeparator" name="decimalSeparator" value={decimalSeparator} onChange={(event) => setDecimalSeparator(event.target.value as "auto" | "," | ".")} className={CONTROL}>
            <option value="auto">{t("mapping.decimals.auto")}</option>
            <option value=",">{t("mapping.decimals.comma")}</option>
            <option value=".">{t("mapping.decimals.point")}</option>
          </select>
        </Field>
        {kind === "ORDERS" ? (
          <Field id="defaultSource" label={t("mapping.source")} hint={t("mapping.sourceHint")}>
            <input id="defaultSource" name="defaultSource" value={defaultSource} onChange={(event) => setDefaultSource(event.target.value)} className={CONTROL} maxLength={40} />
          </Field>
        ) : null}
        <div className="space-y-2 sm:col-span-2">
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name="isDryRun" className="mt-0.5 size-4 rounded border-slate-300" />
            {t("mapping.dryRun")}
          </label>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name="suppressWorkflows" className="mt-0.5 size-4 rounded border-slate-300" aria-describedby="suppress-hint" />
            <span>
              {t("mapping.suppressWorkflows")}
              <span id="suppress-hint" className="block text-xs text-slate-500">
                {t("mapping.suppressWorkflowsHint")}
              </span>
            </span>
          </label>
        </div>
      </Section>

      <section aria-label={t("mapping.preview")} className="space-y-2">
        <div className="flex items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold">{t("mapping.preview")}</h2>
          <span aria-live="polite" className="text-xs text-slate-500">
            {isPreviewing ? t("mapping.previewUpdating") : null}
          </span>
        </div>
        <p className="text-xs text-slate-500">{t("mapping.previewHint")}</p>
        {preview.status === "error" ? (
          <FormMessage tone="error">{tRoot.has(preview.message as never) ? tRoot(preview.message as never) : tRoot("errors.unexpectedBody")}</FormMessage>
        ) : (
          <>
            <PreviewTable preview={preview.main} target={kind} currency={currency} caption={t("mapping.previewOf", { file: file.name })} />
            {preview.lines && linesFile ? <PreviewTable preview={preview.lines} target="LINES" currency={currency} caption={t("mapping.previewOf", { file: linesFile.name })} /> : null}
          </>
        )}
      </section>

      <div className="space-y-3">
        <div aria-live="polite">
          {startState.status === "error" ? (
            <FormMessage tone="error">
              {startState.message === "imports.mapping.missingRequired"
                ? t("mapping.missingRequired", {
                    fields: [...missing].map((key) => (key.startsWith("lines.") ? fieldLabel("LINES", key.slice(6)) : fieldLabel(kind, key))).join(", "),
                  })
                : tRoot.has(startState.message as never)
                  ? tRoot(startState.message as never)
                  : tRoot("errors.unexpectedBody")}
            </FormMessage>
          ) : null}
        </div>
        <Button type="submit" disabled={isStarting || file.header.length === 0}>
          {isStarting ? t("mapping.starting") : t("mapping.start")}
        </Button>
      </div>
    </form>
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

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
