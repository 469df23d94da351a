"use client";

import { useTranslations } from "next-intl";
import { validationMessage } from "@/components/i18n/validation-message";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FieldFrame, Select, TextInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/actions/action-state";
import { ROLES } from "@/lib/auth/permissions";
import { createUserAction } from "./actions";

export function CreateUserForm() {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(createUserAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const fieldErrors = (field: string) => errors[field]?.map((key) => validationMessage(t, key));
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-3" aria-label={t("users.createTitle")}>
      {state.status === "success" && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
      {state.status === "error" && Object.keys(errors).length === 0 ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      <FieldFrame id="name" label={t("users.name")} errors={fieldErrors("name")}>
        <TextInput id="name" maxLength={100} defaultValue={values.name} errors={fieldErrors("name")} autoComplete="off" />
      </FieldFrame>
      <FieldFrame id="email" label={t("users.email")} errors={fieldErrors("email")}>
        <TextInput id="email" type="email" defaultValue={values.email} errors={fieldErrors("email")} autoComplete="off" />
      </FieldFrame>
      <FieldFrame id="role" label={t("users.role")} errors={fieldErrors("role")}>
        <Select id="role" defaultValue={values.role ?? "AGENT"} errors={fieldErrors("role")}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`nav.roles.${role}`)}
            </option>
          ))}
        </Select>
      </FieldFrame>
      <FieldFrame id="password" label={t("users.initialPassword")} errors={fieldErrors("password")} hint={t("users.passwordHint")}>
        <TextInput id="password" type="password" autoComplete="new-password" errors={fieldErrors("password")} />
      </FieldFrame>
      <Button type="submit" disabled={isPending}>
        {isPending ? t("common.saving") : t("users.create")}
      </Button>
    </form>
  );
}
