"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { changeUserAccessAction } from "./actions";

export function UserAccessControls({ userId, userName, role, isActive }: { userId: string; userName: string; role: Role; isActive: boolean }) {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(changeUserAccessAction, IDLE);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <form action={formAction} className="flex items-center gap-1">
          <input type="hidden" name="change" value="role" />
          <input type="hidden" name="userId" value={userId} />
          <label className="sr-only" htmlFor={`role-${userId}`}>
            {t("users.roleFor", { name: userName })}
          </label>
          <select
            id={`role-${userId}`}
            name="role"
            defaultValue={role}
            disabled={isPending || !isActive}
            className="rounded-md border-0 py-1 pr-7 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`nav.roles.${option}`)}
              </option>
            ))}
          </select>
        </form>
        <form action={formAction}>
          <input type="hidden" name="change" value="active" />
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="isActive" value={String(!isActive)} />
          <Button type="submit" variant={isActive ? "danger" : "secondary"} disabled={isPending} aria-label={t(isActive ? "users.deactivateNamed" : "users.reactivateNamed", { name: userName })}>
            {isActive ? t("users.deactivate") : t("users.reactivate")}
          </Button>
        </form>
        {!isActive ? <span className="text-xs">{t("users.inactive")}</span> : null}
      </div>
      {state.status === "error" ? (
        <p role="alert" className="text-xs text-red-600">
          {t(state.message)}
        </p>
      ) : null}
    </div>
  );
}
