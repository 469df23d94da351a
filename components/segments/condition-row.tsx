"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { withField, withOp, type ConditionDraft, type EntryErrors } from "@/lib/domain/segments/rule-form";
import { RULE_FIELD_OPS, RULE_FIELDS, type RuleField, type RuleOp } from "@/lib/domain/segments/segment-rule";
import { ValueInputs } from "./value-inputs";

const SELECT =
  "block w-full rounded-md border-0 bg-white py-1.5 pr-8 pl-2.5 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-invalid:ring-red-500";

type Props = {
  condition: ConditionDraft;
  /** "2" or "3.1": how labels and messages name this condition. */
  position: string;
  errors: EntryErrors | undefined;
  currency: string;
  canRemove: boolean;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
  /** Translates a validation key under segments.validation. */
  message: (key: string) => string;
};

/** One condition: field, comparison and the value inputs its field takes, with its errors underneath. */
export function ConditionRow({ condition, position, errors, currency, canRemove, onChange, onRemove, message }: Props) {
  const t = useTranslations("segments");
  const baseId = `seg-${condition.id}`;
  const errorId = `${baseId}-error`;
  const suffix = t("form.conditionSuffix", { position });
  const parts = errors?.parts ?? [];
  const hasErrors = Boolean(errors?.messages.length);
  const invalid = (part: string) => (parts.includes(part) ? { "aria-invalid": true, "aria-describedby": errorId } : {});
  return (
    <fieldset
      className={`rounded-md p-3 ring-1 ring-inset ${hasErrors ? "bg-red-50/40 ring-red-300" : "bg-slate-50 ring-slate-200"}`}
      {...(hasErrors ? { "aria-describedby": errorId } : {})}
    >
      <legend className="sr-only">{t("form.condition", { position })}</legend>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-44 flex-1 space-y-1">
          <label htmlFor={`${baseId}-field`} className="block text-xs font-medium text-slate-600">
            {t("form.field")}
            <span className="sr-only"> {suffix}</span>
          </label>
          <select id={`${baseId}-field`} className={SELECT} value={condition.field} onChange={(event) => onChange(withField(condition, event.target.value as RuleField))} {...invalid("field")}>
            {RULE_FIELDS.map((field) => (
              <option key={field} value={field}>
                {t(`fields.${field}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-36 space-y-1">
          <label htmlFor={`${baseId}-op`} className="block text-xs font-medium text-slate-600">
            {t("form.op")}
            <span className="sr-only"> {suffix}</span>
          </label>
          <select id={`${baseId}-op`} className={SELECT} value={condition.op} onChange={(event) => onChange(withOp(condition, event.target.value as RuleOp))} {...invalid("op")}>
            {RULE_FIELD_OPS[condition.field].map((op) => (
              <option key={op} value={op}>
                {t(`ops.${op}`)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="ghost" className="ml-auto" disabled={!canRemove} onClick={onRemove} aria-label={t("form.removeCondition", { position })} title={t("form.removeCondition", { position })}>
          <span aria-hidden>✕</span>
        </Button>
      </div>
      <div className="mt-2">
        <ValueInputs condition={condition} baseId={baseId} suffix={suffix} currency={currency} invalidParts={parts} errorId={errorId} onChange={onChange} />
      </div>
      <div id={errorId} aria-live="polite" aria-atomic="true">
        {errors?.messages.map((key) => (
          <p key={key} className="mt-1 text-sm text-red-600">
            {message(key)}
          </p>
        ))}
      </div>
    </fieldset>
  );
}
