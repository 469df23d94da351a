"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { requestRecomputeAction, type RecomputeState } from "./actions";
import { RecomputeProgress } from "./recompute-progress";

/** "Recompute now": queues a run (or joins the one already queued) and shows its progress. */
export function RecomputeButton({ activeRunId }: { activeRunId: string | null }) {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState<RecomputeState, FormData>(requestRecomputeAction, activeRunId ? { status: "queued", runId: activeRunId, isNew: false } : { status: "idle" });
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isPending}>
          {t("settings.recompute.button")}
        </Button>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="suppressWorkflows" className="size-4 rounded border-slate-300" />
          {t("settings.fields.suppressWorkflows")}
        </label>
      </form>
      {state.status === "error" ? <FormMessage tone="error">{t(state.message as never)}</FormMessage> : null}
      {state.status === "queued" ? (
        <>
          {!state.isNew ? <p className="text-sm text-slate-600">{t("settings.recompute.joined")}</p> : null}
          <RecomputeProgress key={state.runId} runId={state.runId} />
        </>
      ) : null}
    </div>
  );
}
