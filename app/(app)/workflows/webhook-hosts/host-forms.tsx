"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { allowWebhookHostAction, disallowWebhookHostAction } from "./actions";

const CONTROL = "rounded-md border-0 py-1.5 px-2.5 text-sm ring-1 ring-slate-300 ring-inset";

/** Adds a host to the webhook allowlist; the server checks the name or address again. */
export function AllowHostForm() {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(allowWebhookHostAction, IDLE);
  const invalid = state.status === "error" && Boolean(state.fieldErrors?.host?.length);
  return (
    <form action={formAction} className="space-y-2" aria-label={t("workflowRuns.hosts.add")}>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("workflowRuns.hosts.host")}
          <input
            name="host"
            required
            maxLength={253}
            autoComplete="off"
            spellCheck={false}
            // A failed submit keeps what was typed; a successful one starts empty.
            key={state.status === "success" ? `added-${state.id}` : "host"}
            defaultValue={state.status === "error" ? state.values?.host : undefined}
            aria-invalid={invalid ? true : undefined}
            aria-describedby="webhook-host-hint"
            className={`${CONTROL} w-72`}
          />
        </label>
        <Button type="submit" disabled={isPending}>
          {isPending ? t("workflowRuns.hosts.adding") : t("workflowRuns.hosts.add")}
        </Button>
      </div>
      <p id="webhook-host-hint" className="text-xs text-slate-500">
        {t("workflowRuns.hosts.hostHint")}
      </p>
      <div aria-live="polite" className="text-sm empty:hidden">
        {state.status === "success" ? <p role="status" className="text-emerald-700">{t("workflowRuns.hosts.added", { host: state.id ?? "" })}</p> : null}
        {state.status === "error" ? <p role="alert" className="text-red-600">{invalid ? t("workflowRuns.hosts.invalidHost") : t(state.message as never)}</p> : null}
      </div>
    </form>
  );
}

/** Removes one host from the allowlist, after a confirmation. */
export function RemoveHostButton({ host }: { host: string }) {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(disallowWebhookHostAction, IDLE);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(t("workflowRuns.hosts.confirmRemove", { host }))) event.preventDefault();
      }}
    >
      <input type="hidden" name="host" value={host} />
      <Button type="submit" variant="danger" disabled={isPending} aria-label={t("workflowRuns.hosts.removeLabel", { host })}>
        {t("workflowRuns.hosts.remove")}
      </Button>
      {state.status === "error" ? (
        <p role="alert" className="text-xs text-red-600">
          {t(state.message as never)}
        </p>
      ) : null}
    </form>
  );
}
