"use client";

/**
 * Create or edit a custom segment: name, description, the rule builder and a live preview. The rule travels to
 * the server action as JSON and is validated there with SegmentRuleSchema; errors come back keyed by their path
 * and are shown next to the condition they belong to.
 */
import Link from "next/link";
import type { Route } from "next";
import { useLocale, useTranslations } from "next-intl";
import { startTransition, useActionState, useMemo, useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FieldFrame, TextArea, TextInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { draftToRuleJson, errorsByEntry, SEGMENT_DESCRIPTION_MAX, SEGMENT_NAME_MAX, type RuleDraft } from "@/lib/domain/segments/rule-form";
import type { PreviewRule } from "./preview-state";
import { RuleBuilder } from "./rule-builder";
import { RulePreview } from "./rule-preview";

export type SegmentFormValues = { name: string; description: string; draft: RuleDraft };

type Props = {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  preview: PreviewRule;
  /** The segment being edited; null for a new one. */
  segmentId: string | null;
  initial: SegmentFormValues;
  currency: string;
  cancelHref: Route;
  /** Shown above the form (a stored rule that no longer reads). */
  notice?: string;
};

export function SegmentForm({ action, preview, segmentId, initial, currency, cancelHref, notice }: Props) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const locale = useLocale();
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [draft, setDraft] = useState(initial.draft);
  const [isQuiet, setIsQuiet] = useState(false);
  // Errors name conditions by position in the draft that was sent; ids keep them on the right condition after edits.
  const [sentDraft, setSentDraft] = useState(initial.draft);
  const ruleJson = useMemo(() => JSON.stringify(draftToRuleJson(draft, { locale, currency })), [draft, locale, currency]);

  const message = (key: string) => (t.has(`validation.${key}`) ? t(`validation.${key}`) : t("validation.invalid"));
  const fieldErrors = useMemo(() => (state.status === "error" ? (state.fieldErrors ?? {}) : {}), [state]);
  const draftErrors = useMemo(() => errorsByEntry(sentDraft, fieldErrors), [sentDraft, fieldErrors]);
  const errorsOf = (field: string) => fieldErrors[field]?.map(message);
  const formError =
    state.status !== "error" ? null : fieldErrors.form?.[0] ? message(fieldErrors.form[0]) : Object.keys(fieldErrors).length === 0 ? tAll(state.message) : tAll("errors.fixFields");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData();
    if (segmentId) formData.set("segmentId", segmentId);
    formData.set("name", name);
    formData.set("description", description);
    formData.set("rule", ruleJson);
    if (isQuiet) formData.set("suppressWorkflows", "on");
    setSentDraft(draft);
    startTransition(() => formAction(formData));
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={t("form.label")}>
      {notice ? <FormMessage tone="error">{notice}</FormMessage> : null}
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FieldFrame id="segment-name" label={t("form.name")} errors={errorsOf("name")}>
          <TextInput id="segment-name" required maxLength={SEGMENT_NAME_MAX} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} errors={errorsOf("name")} />
        </FieldFrame>
        <FieldFrame id="segment-description" label={t("form.description")} errors={errorsOf("description")} hint={t("form.descriptionHint")}>
          <TextArea
            id="segment-description"
            rows={2}
            maxLength={SEGMENT_DESCRIPTION_MAX}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            errors={errorsOf("description")}
          />
        </FieldFrame>
      </div>
      <RuleBuilder draft={draft} errors={draftErrors} currency={currency} onChange={setDraft} message={message} />
      <RulePreview segmentId={segmentId} draft={draft} ruleJson={ruleJson} preview={preview} message={message} />
      {/* A new segment has no workflows yet; a changed rule can move thousands into or out of one that has. */}
      {segmentId ? <SuppressWorkflowsCheckbox id="segment-suppress-workflows" checked={isQuiet} onChange={setIsQuiet} /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? t("form.saving") : t("form.save")}
        </Button>
        <Link href={cancelHref} className={buttonClasses("ghost")}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}

/** "Don't trigger workflows" for the entries and exits a save or an archive causes. */
export function SuppressWorkflowsCheckbox({ id, checked, onChange }: { id: string; checked?: boolean; onChange?: (checked: boolean) => void }) {
  const t = useTranslations("segments.form");
  return (
    <label htmlFor={id} className="flex items-start gap-2 text-sm text-slate-700">
      <input
        id={id}
        type="checkbox"
        name="suppressWorkflows"
        className="mt-0.5 size-4 rounded border-slate-300"
        aria-describedby={`${id}-hint`}
        {...(onChange ? { checked, onChange: (event) => onChange(event.target.checked) } : {})}
      />
      <span>
        {t("suppressWorkflows")}
        <span id={`${id}-hint`} className="block text-xs text-slate-500">
          {t("suppressWorkflowsHint")}
        </span>
      </span>
    </label>
  );
}
