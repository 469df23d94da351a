"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { SuppressWorkflowsCheckbox } from "./segment-form";

type Props = { segmentId: string; action: (previous: ActionState, formData: FormData) => Promise<ActionState> };

/** Archives a custom segment after a confirmation; its members leave it, each with an exit event. */
export function ArchiveSegmentForm({ segmentId, action }: Props) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const formError = state.status === "error" ? state.fieldErrors?.form?.[0] : undefined;
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(t("form.confirmArchive"))) event.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="segmentId" value={segmentId} />
      {/* Archiving makes every member leave: the option keeps those exits from starting workflows. */}
      <SuppressWorkflowsCheckbox id="archive-suppress-workflows" />
      <Button type="submit" variant="danger" disabled={isPending}>
        {isPending ? t("form.archiving") : t("form.archive")}
      </Button>
      {state.status === "error" ? (
        <p role="alert" className="text-sm text-red-600">
          {formError && t.has(`validation.${formError}`) ? t(`validation.${formError}`) : tAll(state.message)}
        </p>
      ) : null}
    </form>
  );
}
