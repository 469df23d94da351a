"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/actions/action-state";
import type { MergeField } from "@/lib/schemas/customer-merge";
import { mergeCustomersAction } from "./actions";

/** Which of the two customers shown: "a" on the left, "b" on the right. */
export type Pick = "a" | "b";

/** One customer as the form shows it: display strings only, prepared on the server in the reader's language. */
export type MergeSideView = {
  key: Pick;
  number: number;
  id: string;
  name: string;
  updatedAt: string;
  values: Record<MergeField, string>;
  tags: string;
  attributes: string;
  moves: { orders: number; notes: number; tasks: number };
};

type Props = {
  sides: [MergeSideView, MergeSideView];
  fields: readonly MergeField[];
  defaultSurvivor: Pick;
  /** Each field's side when the user has not picked one, per survivor. */
  defaults: Record<Pick, Record<MergeField, Pick>>;
  unionTags: string;
  hasTags: boolean;
  hasAttributes: boolean;
};

const ROW = "grid gap-2 border-t border-slate-100 px-4 py-3 sm:grid-cols-[11rem_1fr_1fr] sm:items-start";
const OPTION = "flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-200 ring-inset has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600";

export function MergeForm({ sides, fields, defaultSurvivor, defaults, unionTags, hasTags, hasAttributes }: Props) {
  const t = useTranslations("duplicates");
  const tRoot = useTranslations();
  const [state, formAction, isPending] = useActionState(mergeCustomersAction, IDLE);
  const [survivor, setSurvivor] = useState<Pick>(defaultSurvivor);
  const [picks, setPicks] = useState<Record<MergeField, Pick>>(defaults[defaultSurvivor]);
  const [touched, setTouched] = useState<ReadonlySet<MergeField>>(new Set());
  const [tags, setTags] = useState<"union" | Pick>("union");
  const [attributes, setAttributes] = useState<"merge" | Pick>("merge");
  const kept = sides.find((side) => side.key === survivor)!;
  const merged = sides.find((side) => side.key !== survivor)!;

  const chooseSurvivor = (next: Pick) => {
    setSurvivor(next);
    // Fields the user picked stay as picked; the others follow the new survivor's defaults.
    setPicks((current) => ({ ...defaults[next], ...Object.fromEntries([...touched].map((field) => [field, current[field]])) }));
  };
  const pick = (field: MergeField, side: Pick) => {
    setPicks((current) => ({ ...current, [field]: side }));
    setTouched((current) => new Set(current).add(field));
  };

  const errorKey = state.status === "error" ? Object.values(state.fieldErrors ?? {}).flat()[0] : undefined;
  const error = state.status === "error" ? (errorKey && t.has(`errors.${errorKey}`) ? t(`errors.${errorKey}`) : tRoot(state.message)) : null;

  return (
    <form
      action={formAction}
      aria-label={t("formLabel")}
      className="rounded-lg bg-white shadow-xs ring-1 ring-slate-200"
      onSubmit={(event) => {
        if (!window.confirm(t("confirm", { mergedName: merged.name, keptName: kept.name }))) event.preventDefault();
      }}
    >
      {sides.map((side) => (
        <span key={side.key}>
          <input type="hidden" name={side.key} value={side.id} />
          <input type="hidden" name={`${side.key}UpdatedAt`} value={side.updatedAt} />
        </span>
      ))}
      {error ? (
        <div className="px-4 pt-4">
          <FormMessage tone="error">{error}</FormMessage>
        </div>
      ) : null}

      <fieldset className={`${ROW} border-t-0`}>
        <legend className="sr-only">{t("survivorLegend")}</legend>
        <span aria-hidden className="text-sm font-semibold text-slate-900">
          {t("survivorLegend")}
        </span>
        {sides.map((side) => (
          <label key={side.key} className={OPTION}>
            <input type="radio" name="survivor" value={side.key} checked={survivor === side.key} onChange={() => chooseSurvivor(side.key)} className="mt-0.5" />
            <span className="font-medium">{t("keep", { number: side.number, name: side.name })}</span>
          </label>
        ))}
      </fieldset>

      {fields.map((field) => (
        <fieldset key={field} className={ROW}>
          <legend className="sr-only">{t(`fields.${field}`)}</legend>
          <span aria-hidden className="text-sm text-slate-600">
            {t(`fields.${field}`)}
          </span>
          {sides.map((side) => (
            <label key={side.key} className={OPTION}>
              <input
                type="radio"
                name={field}
                value={side.key}
                checked={picks[field] === side.key}
                onChange={() => pick(field, side.key)}
                aria-label={t("fieldOption", { number: side.number, value: side.values[field] })}
                className="mt-0.5"
              />
              <span className="break-all">{side.values[field]}</span>
            </label>
          ))}
        </fieldset>
      ))}

      {hasTags ? (
        <fieldset className={ROW}>
          <legend className="sr-only">{t("fields.tags")}</legend>
          <span aria-hidden className="text-sm text-slate-600">
            {t("fields.tags")}
          </span>
          <div className="grid gap-2 sm:col-span-2">
            <label className={OPTION}>
              <input type="radio" name="tags" value="union" checked={tags === "union"} onChange={() => setTags("union")} className="mt-0.5" />
              <span>{t("tagsUnion", { tags: unionTags })}</span>
            </label>
            {sides.map((side) => (
              <label key={side.key} className={OPTION}>
                <input type="radio" name="tags" value={side.key} checked={tags === side.key} onChange={() => setTags(side.key)} className="mt-0.5" />
                <span>{t("tagsOf", { number: side.number, tags: side.tags })}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="tags" value="union" />
      )}

      {hasAttributes ? (
        <fieldset className={ROW}>
          <legend className="sr-only">{t("fields.customAttributes")}</legend>
          <span aria-hidden className="text-sm text-slate-600">
            {t("fields.customAttributes")}
          </span>
          <div className="grid gap-2 sm:col-span-2">
            <label className={OPTION}>
              <input type="radio" name="customAttributes" value="merge" checked={attributes === "merge"} onChange={() => setAttributes("merge")} className="mt-0.5" />
              <span>{t("attributesMerge")}</span>
            </label>
            {sides.map((side) => (
              <label key={side.key} className={OPTION}>
                <input type="radio" name="customAttributes" value={side.key} checked={attributes === side.key} onChange={() => setAttributes(side.key)} className="mt-0.5" />
                <span className="break-all">{t("attributesOf", { number: side.number, attributes: side.attributes })}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="customAttributes" value="merge" />
      )}

      <section aria-labelledby="merge-summary" className="space-y-3 border-t border-slate-200 bg-slate-50 px-4 py-4">
        <h2 id="merge-summary" className="text-sm font-semibold text-slate-900">
          {t("summaryTitle")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700" aria-live="polite">
          {t("summary", { merged: merged.number, mergedName: merged.name, kept: kept.number, keptName: kept.name, ...merged.moves })}
        </p>
        <Button type="submit" disabled={isPending}>
          {isPending ? t("merging") : t("merge")}
        </Button>
      </section>
    </form>
  );
}
