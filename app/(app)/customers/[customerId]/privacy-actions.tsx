"use client";

import type { Route } from "next";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { eraseCustomerAction } from "./actions";

/** A person's rights: download everything held about them, or erase it (after an explicit confirmation). */
export function PrivacyActions({ customerId, customerName, isErased }: { customerId: string; customerName: string; isErased: boolean }) {
  const t = useTranslations("profile.privacy");
  const [state, action, isPending] = useActionState(eraseCustomerAction, IDLE);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={`/customers/${customerId}/export` as Route} download className={buttonClasses("secondary")}>
        {t("export")}
      </a>
      {isErased ? null : (
        <form
          action={action}
          onSubmit={(event) => {
            if (!window.confirm(t("confirmErase", { name: customerName }))) event.preventDefault();
          }}
        >
          <input type="hidden" name="customerId" value={customerId} />
          <Button type="submit" variant="danger" disabled={isPending}>
            {t("erase")}
          </Button>
        </form>
      )}
      {state.status === "error" ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {t("eraseFailed")}
        </p>
      ) : null}
    </div>
  );
}
