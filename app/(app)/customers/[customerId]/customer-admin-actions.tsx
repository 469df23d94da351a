"use client";

import { useTranslations } from "next-intl";
import { validationMessage } from "@/components/i18n/validation-message";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { deleteCustomerAction, setArchivedAction } from "./actions";

export function CustomerAdminActions({ customerId, isArchived, canDelete }: { customerId: string; isArchived: boolean; canDelete: boolean }) {
  const t = useTranslations();
  const [archiveState, archiveAction, isArchiving] = useActionState(setArchivedAction, IDLE);
  const [deleteState, deleteAction, isDeleting] = useActionState(deleteCustomerAction, IDLE);
  const error = archiveState.status === "error" ? archiveState : deleteState.status === "error" ? deleteState : null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form
        action={archiveAction}
        onSubmit={(event) => {
          if (!isArchived && !window.confirm(t("profile.confirmArchive"))) event.preventDefault();
        }}
      >
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="archive" value={String(!isArchived)} />
        <Button type="submit" variant="secondary" disabled={isArchiving}>
          {isArchived ? t("profile.restore") : t("profile.archive")}
        </Button>
      </form>
      {canDelete ? (
        <form
          action={deleteAction}
          onSubmit={(event) => {
            if (!window.confirm(t("profile.confirmDelete"))) event.preventDefault();
          }}
        >
          <input type="hidden" name="customerId" value={customerId} />
          <Button type="submit" variant="danger" disabled={isDeleting}>
            {t("profile.delete")}
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {error.fieldErrors?.form?.[0] ? validationMessage(t, error.fieldErrors.form[0]) : t(error.message)}
        </p>
      ) : null}
    </div>
  );
}
