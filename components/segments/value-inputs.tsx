"use client";

/**
 * The value side of one rule condition, by the field's kind: amounts in the reporting currency, P(alive) in
 * percent, whole days and counts as text inputs; consent as yes/no; channels and RFM groups as checkboxes;
 * countries as a picker with removable chips. Every control is labelled with its condition's position.
 */
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { COUNTRY_CODES } from "@/lib/domain/countries";
import { RFM_GROUPS } from "@/lib/domain/rfm";
import { fieldKind, valueCount, type ConditionDraft } from "@/lib/domain/segments/rule-form";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-invalid:ring-red-500";

export type ValueInputsProps = {
  condition: ConditionDraft;
  /** "seg-e3": the prefix of every control id in this condition. */
  baseId: string;
  /** " (condition 2)", appended to every label for screen readers. */
  suffix: string;
  currency: string;
  /** The parts that failed validation (value, value2, values) and the id of the error text. */
  invalidParts: readonly string[];
  errorId: string;
  onChange: (condition: ConditionDraft) => void;
};

function invalid(part: string, props: ValueInputsProps) {
  return props.invalidParts.includes(part) ? { "aria-invalid": true, "aria-describedby": props.errorId } : {};
}

export function ValueInputs(props: ValueInputsProps) {
  const { condition } = props;
  const kind = fieldKind(condition.field);
  switch (kind) {
    case "money":
    case "count":
    case "days":
    case "probability":
      return <NumberInputs {...props} kind={kind} />;
    case "tag":
      return <TagInput {...props} />;
    case "boolean":
      return <ConsentSelect {...props} />;
    case "country":
      return <CountryPicker {...props} />;
    case "channel":
      return <Checklist {...props} legend="form.channels" options={ACQUISITION_CHANNELS} namespace="channels" />;
    case "rfmGroup":
      return <Checklist {...props} legend="form.rfmGroups" options={RFM_GROUPS} namespace="rfm" />;
  }
}

function Label({ htmlFor, text, suffix }: { htmlFor: string; text: string; suffix: string }) {
  return (
    <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-600">
      {text}
      <span className="sr-only"> {suffix}</span>
    </label>
  );
}

function NumberInputs(props: ValueInputsProps & { kind: "money" | "count" | "days" | "probability" }) {
  const t = useTranslations("segments.form");
  const { condition, baseId, suffix, kind } = props;
  const count = valueCount(condition.op);
  if (count === 0) return null;
  const unit = kind === "money" ? props.currency : kind === "probability" ? t("unitPercent") : kind === "days" ? t("unitDays") : null;
  const input = (part: "value" | "value2", label: string) => (
    <div className="min-w-28 flex-1 space-y-1">
      <Label htmlFor={`${baseId}-${part}`} text={label} suffix={suffix} />
      <div className="flex items-center gap-1.5">
        <input
          id={`${baseId}-${part}`}
          type="text"
          inputMode={kind === "count" || kind === "days" ? "numeric" : "decimal"}
          autoComplete="off"
          className={CONTROL}
          value={condition[part]}
          onChange={(event) => props.onChange({ ...condition, [part]: event.target.value })}
          {...invalid(part, props)}
        />
        {unit ? (
          <span className="text-xs whitespace-nowrap text-slate-500" title={kind === "money" ? t("unitCurrency", { currency: props.currency }) : undefined}>
            {unit}
          </span>
        ) : null}
      </div>
    </div>
  );
  return (
    <div className="flex flex-wrap gap-2">
      {input("value", count === 2 ? t("valueFrom") : t("value"))}
      {count === 2 ? input("value2", t("valueTo")) : null}
    </div>
  );
}

function TagInput(props: ValueInputsProps) {
  const t = useTranslations("segments.form");
  const { condition, baseId, suffix } = props;
  return (
    <div className="space-y-1">
      <Label htmlFor={`${baseId}-value`} text={t("value")} suffix={suffix} />
      <input
        id={`${baseId}-value`}
        type="text"
        maxLength={40}
        autoComplete="off"
        placeholder={t("tagPlaceholder")}
        className={CONTROL}
        value={condition.value}
        onChange={(event) => props.onChange({ ...condition, value: event.target.value })}
        {...invalid("value", props)}
      />
    </div>
  );
}

function ConsentSelect(props: ValueInputsProps) {
  const t = useTranslations("segments.form");
  const { condition, baseId, suffix } = props;
  return (
    <div className="space-y-1">
      <Label htmlFor={`${baseId}-value`} text={t("value")} suffix={suffix} />
      <select id={`${baseId}-value`} className={`${CONTROL} pr-8`} value={condition.value} onChange={(event) => props.onChange({ ...condition, value: event.target.value })} {...invalid("value", props)}>
        <option value="true">{t("consentGiven")}</option>
        <option value="false">{t("consentNotGiven")}</option>
      </select>
    </div>
  );
}

function toggle(values: readonly string[], value: string, isOn: boolean): string[] {
  return isOn ? [...values.filter((entry) => entry !== value), value] : values.filter((entry) => entry !== value);
}

function Checklist(props: ValueInputsProps & { legend: string; options: readonly string[]; namespace: "channels" | "rfm" }) {
  const t = useTranslations("segments");
  const tChannels = useTranslations("channels");
  const { condition, baseId, suffix } = props;
  const label = (option: string) => (props.namespace === "channels" ? tChannels(option) : t(`rfm.${option}.name`));
  return (
    <fieldset className="space-y-1" {...(props.invalidParts.includes("values") ? { "aria-describedby": props.errorId } : {})}>
      <legend className="text-xs font-medium text-slate-600">
        {t(props.legend)}
        <span className="sr-only"> {suffix}</span>
      </legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {props.options.map((option) => (
          <label key={option} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              id={`${baseId}-${option}`}
              className="size-4 rounded border-slate-300 text-brand-600"
              checked={condition.values.includes(option)}
              onChange={(event) => props.onChange({ ...condition, values: toggle(condition.values, option, event.target.checked) })}
            />
            {label(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function CountryPicker(props: ValueInputsProps) {
  const t = useTranslations("segments.form");
  const locale = useLocale();
  const { condition, baseId, suffix } = props;
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [locale]);
  const nameOf = (code: string) => countries.find((country) => country.code === code)?.name ?? code;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={`${baseId}-add`} text={t("addCountry")} suffix={suffix} />
      <select
        id={`${baseId}-add`}
        className={`${CONTROL} pr-8`}
        value=""
        onChange={(event) => {
          const code = event.target.value;
          if (code && !condition.values.includes(code)) props.onChange({ ...condition, values: [...condition.values, code] });
        }}
        {...invalid("values", props)}
      >
        <option value="">{t("chooseCountry")}</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code} disabled={condition.values.includes(country.code)}>
            {country.name}
          </option>
        ))}
      </select>
      <ul aria-label={`${t("countries")} ${suffix}`} className="flex flex-wrap gap-1.5">
        {condition.values.length === 0 ? <li className="text-xs text-slate-500">{t("noneChosen")}</li> : null}
        {condition.values.map((code) => (
          <li key={code} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
            {nameOf(code)}
            <button
              type="button"
              className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800"
              aria-label={t("removeValue", { value: nameOf(code) })}
              onClick={() => props.onChange({ ...condition, values: condition.values.filter((value) => value !== code) })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
