"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { runWorkflowAction } from "@/app/(app)/workflows/run-actions";

export type RunnableWorkflow = { id: string; name: string; status: "ACTIVE" | "PAUSED" };

type Props = {
  /** The customers to run the workflow for (one on a profile, the ticked rows in the customers list). */
  customerIds: readonly string[];
  /** Workflows that are not archived (paused ones hold their runs until they are active again). */
  workflows: readonly RunnableWorkflow[];
};

/**
 * "Run workflow…": a modal dialog to start a workflow now for some customers. Each opening makes a new request
 * id, so a double click or a repeated submit of the same dialog starts nothing more. Only rendered for staff who
 * may run workflows; the server action checks again.
 */
export function RunWorkflowDialog({ customerIds, workflows }: Props) {
  const t = useTranslations("workflowRuns.run");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [requestId, setRequestId] = useState<string | null>(null);

  function open() {
    setRequestId(newRequestId());
    dialog.current?.showModal();
  }

  return (
    <>
      <Button type="button" variant="secondary" onClick={open} disabled={customerIds.length === 0} aria-haspopup="dialog">
        {t("button")}
      </Button>
      <dialog
        ref={dialog}
        role="dialog"
        aria-labelledby={titleId}
        aria-modal="true"
        onClose={() => setRequestId(null)}
        className="m-auto w-full max-w-md rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
      >
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {t("title")}
          </h2>
          {requestId ? (
            // A new form per opening: a fresh request id and no message left from the last run.
            <RunForm key={requestId} requestId={requestId} customerIds={customerIds} workflows={workflows} onClose={() => dialog.current?.close()} />
          ) : null}
        </div>
      </dialog>
    </>
  );
}

/** A v4 UUID; crypto.randomUUID exists only in secure contexts (HTTPS or localhost), getRandomValues everywhere. */
function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function RunForm({ requestId, customerIds, workflows, onClose }: Props & { requestId: string; onClose: () => void }) {
  const t = useTranslations("workflowRuns.run");
  const tAll = useTranslations();
  const [state, formAction, isPending] = useActionState(runWorkflowAction, IDLE);
  const fieldErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4">
      <p className="text-sm text-slate-600">{t("description", { count: customerIds.length })}</p>
      <input type="hidden" name="requestId" value={requestId} />
      {customerIds.map((id) => (
        <input key={id} type="hidden" name="customerIds" value={id} />
      ))}
      {workflows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noWorkflows")}</p>
      ) : (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("workflow")}
          <select
            name="workflowId"
            required
            defaultValue={state.status === "error" ? (state.values?.workflowId ?? "") : ""}
            aria-invalid={fieldErrors.workflowId ? true : undefined}
            className="rounded-md border-0 py-1.5 pr-8 pl-2.5 text-sm ring-1 ring-slate-300 ring-inset"
          >
            <option value="" disabled>
              {t("choose")}
            </option>
            {workflows.map((workflow) => (
              <option key={workflow.id} value={workflow.id}>
                {workflow.status === "PAUSED" ? t("paused", { name: workflow.name }) : workflow.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div aria-live="polite" className="text-sm empty:hidden">
        {state.status === "success" ? <p role="status" className="text-emerald-700">{t("started", { count: state.count ?? 0 })}</p> : null}
        {state.status === "error" ? (
          <p role="alert" className="text-red-600">
            {fieldErrors.workflowId ? t("invalidWorkflow") : fieldErrors.customerIds ? t("invalidCustomers") : tAll(state.message as never)}
          </p>
        ) : null}
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onClose}>
          {t("close")}
        </Button>
        {state.status !== "success" && workflows.length > 0 ? (
          <Button type="submit" disabled={isPending}>
            {isPending ? t("running") : t("submit")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
