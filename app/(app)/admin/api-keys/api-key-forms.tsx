"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FieldFrame, Select, TextInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { validationMessage } from "@/components/i18n/validation-message";
import { IDLE } from "@/lib/actions/action-state";
import { ROLES } from "@/lib/auth/permissions";
import { createApiKeyAction, revokeApiKeyAction, type CreateKeyState } from "./actions";

export function CreateApiKeyForm() {
  const t = useTranslations();
  const [state, action, isPending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, IDLE);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const fieldErrors = (field: string) => errors[field]?.map((key) => validationMessage(t, key));
  return (
    <form action={action} noValidate className="space-y-3" aria-label={t("apiKeys.createTitle")}>
      <FieldFrame id="name" label={t("apiKeys.name")} errors={fieldErrors("name")} hint={t("apiKeys.nameHint")}>
        <TextInput id="name" maxLength={80} errors={fieldErrors("name")} autoComplete="off" />
      </FieldFrame>
      <FieldFrame id="scope" label={t("apiKeys.scope")}>
        <Select id="scope" defaultValue="READ_WRITE">
          <option value="READ_WRITE">{t("apiKeys.scopes.READ_WRITE")}</option>
          <option value="READ">{t("apiKeys.scopes.READ")}</option>
        </Select>
      </FieldFrame>
      <FieldFrame id="role" label={t("apiKeys.role")} hint={t("apiKeys.roleHint")}>
        <Select id="role" defaultValue="MANAGER">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`nav.roles.${role}`)}
            </option>
          ))}
        </Select>
      </FieldFrame>
      <Button type="submit" disabled={isPending}>
        {t("apiKeys.create")}
      </Button>
      {state.status === "success" && state.secret ? (
        <div role="status" className="space-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm ring-1 ring-amber-200">
          <p className="font-medium text-amber-900">{t("apiKeys.shownOnce")}</p>
          <code aria-label={t("apiKeys.secret")} className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            {state.secret}
          </code>
        </div>
      ) : null}
      {state.status === "error" && Object.keys(errors).length === 0 ? <FormMessage tone="error">{t(state.message as never)}</FormMessage> : null}
    </form>
  );
}

export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations();
  const [state, action, isPending] = useActionState(revokeApiKeyAction, IDLE);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(t("apiKeys.confirmRevoke", { name }))) event.preventDefault();
      }}
    >
      <input type="hidden" name="keyId" value={keyId} />
      <Button type="submit" variant="danger" disabled={isPending} aria-label={t("apiKeys.revokeNamed", { name })}>
        {t("apiKeys.revoke")}
      </Button>
      {state.status === "error" ? <span className="ml-2 text-xs text-red-600">{t(state.message as never)}</span> : null}
    </form>
  );
}
