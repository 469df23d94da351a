"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { retryRunAction } from "./actions";

/** Sends a failed run back to its failed step, after a confirmation (admins only; the action checks again). */
export function RetryButton({ runId, customerName }: { runId: string; customerName: string }) {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(retryRunAction, IDLE);
  return (
    <form
      action={formAction}
      className="mt-1"
      onSubmit={(event) => {
        if (!window.confirm(t("workflowRuns.retry.confirm", { name: customerName }))) event.preventDefault();
      }}
    >
      <input type="hidden" name="runId" value={runId} />
      <Button type="submit" variant="secondary" disabled={isPending} title={t("workflowRuns.retry.label", { name: customerName })}>
        {isPending ? t("workflowRuns.retry.retrying") : t("workflowRuns.retry.button")}
      </Button>
      <div aria-live="polite" className="text-xs empty:hidden">
        {state.status === "success" ? <p role="status" className="text-emerald-700">{t("workflowRuns.retry.done")}</p> : null}
        {state.status === "error" ? <p role="alert" className="text-red-600">{t(state.message as never)}</p> : null}
      </div>
    </form>
  );
}
