"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { validationMessage } from "@/components/i18n/validation-message";
import { IDLE } from "@/lib/actions/action-state";
import { RunWorkflowDialog, type RunnableWorkflow } from "@/components/workflows/run-workflow-dialog";
import { bulkUpdateCustomersAction } from "./actions";

export type OwnerOption = { id: string; name: string };

type Props = {
  selectedIds: string[];
  /** How many customers match the current filters (all pages). */
  matching: number;
  /** The list's URL search string, which the server turns back into the same filters. */
  search: string;
  owners: OwnerOption[];
  /** Workflows to run for the ticked rows; null for staff who may not run workflows. */
  workflows?: readonly RunnableWorkflow[] | null;
  onDone: () => void;
};

const CONTROL = "rounded-md border-0 py-1.5 pl-2.5 text-sm ring-1 ring-slate-300 ring-inset";

/** Tag, untag or assign an owner to the ticked rows or to every matching customer, after a confirmation. */
export function BulkActions({ selectedIds, matching, search, owners, workflows = null, onDone }: Props) {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(bulkUpdateCustomersAction, IDLE);
  const [target, setTarget] = useState<"selected" | "matching">("selected");
  const [action, setAction] = useState<"addTag" | "removeTag" | "assignOwner">("addTag");
  const effectiveTarget = selectedIds.length === 0 ? "matching" : target;
  const count = effectiveTarget === "selected" ? selectedIds.length : matching;

  useEffect(() => {
    if (state.status === "success") onDone();
  }, [state, onDone]);

  const errors = state.status === "error" ? Object.values(state.fieldErrors ?? {}).flat() : [];
  // Folded away until rows are ticked (or someone opens it to change every matching customer).
  return (
    <details open={selectedIds.length > 0 || state.status !== "idle" ? true : undefined} className="rounded-lg bg-slate-50 ring-1 ring-slate-200">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">{t("customers.bulk.title")}</summary>
    <form
      action={formAction}
      aria-label={t("customers.bulk.title")}
      className="flex flex-wrap items-end gap-2 px-3 pb-3"
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        const subject = action === "assignOwner" ? owners.find((owner) => owner.id === form.get("ownerId"))?.name ?? t("customers.bulk.nobody") : String(form.get("tag") ?? "").trim();
        const question = t(`customers.bulk.confirm.${action}`, { count, subject });
        const quiet = form.get("suppressWorkflows") === "on" ? `\n\n${t("customers.bulk.confirmSuppressed")}` : "";
        if (!window.confirm(`${question}${quiet}`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="target" value={effectiveTarget} />
      <input type="hidden" name="ids" value={JSON.stringify(effectiveTarget === "selected" ? selectedIds : [])} />
      <input type="hidden" name="search" value={search} />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t("customers.bulk.target")}
        <select className={`${CONTROL} pr-8`} value={effectiveTarget} onChange={(event) => setTarget(event.target.value as "selected" | "matching")}>
          <option value="selected" disabled={selectedIds.length === 0}>
            {t("customers.bulk.selected", { count: selectedIds.length })}
          </option>
          <option value="matching">{t("customers.bulk.allMatching", { count: matching })}</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {t("customers.bulk.action")}
        <select name="action" className={`${CONTROL} pr-8`} value={action} onChange={(event) => setAction(event.target.value as typeof action)}>
          <option value="addTag">{t("customers.bulk.actions.addTag")}</option>
          <option value="removeTag">{t("customers.bulk.actions.removeTag")}</option>
          <option value="assignOwner">{t("customers.bulk.actions.assignOwner")}</option>
        </select>
      </label>
      {action === "assignOwner" ? (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("customers.bulk.owner")}
          <select name="ownerId" className={`${CONTROL} pr-8`} defaultValue="">
            <option value="">{t("customers.bulk.nobody")}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t("customers.bulk.tag")}
          <input name="tag" required maxLength={40} className={`${CONTROL} pr-2.5`} aria-invalid={errors.length ? true : undefined} />
        </label>
      )}
      {/* Tags and owners feed custom segment rules, so a bulk change can move many customers in or out of them. */}
      <label className="flex items-center gap-2 self-center text-sm text-slate-700">
        <input type="checkbox" name="suppressWorkflows" className="size-4 rounded border-slate-300" />
        {t("customers.bulk.suppressWorkflows")}
      </label>
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? t("common.saving") : t("customers.bulk.apply", { count })}
      </Button>
      <div aria-live="polite" className="w-full text-sm empty:hidden">
        {state.status === "success" ? <p role="status" className="text-emerald-700">{t("customers.bulk.done", { count: state.count ?? 0 })}</p> : null}
        {state.status === "error" ? (
          <p role="alert" className="text-red-600">
            {errors.length ? errors.map((key) => validationMessage(t, key)).join(" ") : t(state.message as never)}
          </p>
        ) : null}
      </div>
    </form>
    {workflows && selectedIds.length > 0 ? (
      <div className="px-3 pb-3">
        <RunWorkflowDialog customerIds={selectedIds} workflows={workflows} />
      </div>
    ) : null}
    </details>
  );
}
