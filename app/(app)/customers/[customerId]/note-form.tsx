"use client";

import { useTranslations } from "next-intl";
import { validationMessage } from "@/components/i18n/validation-message";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/actions/action-state";
import { NOTE_KINDS } from "@/lib/schemas/note-task";
import { addNoteAction } from "./actions";

export function NoteForm({ customerId }: { customerId: string }) {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(addNoteAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  const bodyErrors = state.status === "error" ? state.fieldErrors?.body : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-2" aria-label={t("profile.notes.formLabel")}>
      <input type="hidden" name="customerId" value={customerId} />
      <label htmlFor="note-body" className="sr-only">
        {t("profile.notes.body")}
      </label>
      <textarea
        id="note-body"
        name="body"
        rows={2}
        maxLength={5000}
        placeholder={t("profile.notes.placeholder")}
        defaultValue={state.status === "error" ? state.values?.body : undefined}
        aria-invalid={bodyErrors ? true : undefined}
        aria-describedby={bodyErrors ? "note-body-error" : undefined}
        className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
      />
      <div id="note-body-error" aria-live="polite">
        {bodyErrors?.map((key) => (
          <p key={key} className="text-sm text-red-600">
            {validationMessage(t, key)}
          </p>
        ))}
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="note-kind" className="sr-only">
          {t("profile.notes.kind")}
        </label>
        <select id="note-kind" name="kind" defaultValue="NOTE" className="rounded-md border-0 py-1.5 pr-8 pl-2.5 text-sm ring-1 ring-slate-300 ring-inset">
          {NOTE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`noteKinds.${kind}`)}
            </option>
          ))}
        </select>
        <Button type="submit" disabled={isPending}>
          {isPending ? t("common.saving") : t("profile.notes.add")}
        </Button>
        {state.status === "success" && state.message ? <span role="status" className="text-sm text-emerald-700">{t(state.message)}</span> : null}
      </div>
      {state.status === "error" && !bodyErrors ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
    </form>
  );
}
