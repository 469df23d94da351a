"use client";

/**
 * A workflow's status buttons in the list: pause an active one, resume a paused one, archive either (after a
 * confirmation). The button pressed names the new status; the answer is announced next to the buttons.
 */
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

type Status = "ACTIVE" | "PAUSED" | "ARCHIVED";

type Props = {
  workflowId: string;
  name: string;
  status: Status;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
};

export function WorkflowStatusActions({ workflowId, name, status, action }: Props) {
  const t = useTranslations("workflows.actions");
  const tAll = useTranslations();
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const done =
    state.status !== "success" ? null : state.message === "PAUSED" ? t("paused") : state.message === "ARCHIVED" ? t("archived") : t("resumed", { count: state.count ?? 0 });
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="workflowId" value={workflowId} />
      <div className="flex flex-wrap justify-end gap-1">
        {status === "ACTIVE" ? (
          <Button type="submit" variant="secondary" name="status" value="PAUSED" disabled={isPending} aria-label={t("pauseNamed", { name })}>
            {t("pause")}
          </Button>
        ) : null}
        {status === "PAUSED" ? (
          <Button type="submit" variant="secondary" name="status" value="ACTIVE" disabled={isPending} aria-label={t("resumeNamed", { name })}>
            {t("resume")}
          </Button>
        ) : null}
        {status !== "ARCHIVED" ? (
          <Button
            type="submit"
            variant="danger"
            name="status"
            value="ARCHIVED"
            disabled={isPending}
            aria-label={t("archiveNamed", { name })}
            onClick={(event) => {
              if (!window.confirm(t("confirmArchive"))) event.preventDefault();
            }}
          >
            {t("archive")}
          </Button>
        ) : null}
      </div>
      <div aria-live="polite" className="text-xs">
        {isPending ? <span className="text-slate-500">{t("working")}</span> : null}
        {!isPending && done ? <span className="text-emerald-700">{done}</span> : null}
        {!isPending && state.status === "error" ? (
          <span role="alert" className="text-red-600">
            {tAll(state.message)}
          </span>
        ) : null}
      </div>
    </form>
  );
}
