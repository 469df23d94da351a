"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldFrame, TextInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { toSignInFormError, type SignInFormError } from "@/lib/auth/sign-in-errors";


export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const t = useTranslations("login");
  const [error, setError] = useState<SignInFormError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const nextFieldErrors = {
      email: email ? undefined : t("emailRequired"),
      password: password ? undefined : t("passwordRequired"),
    };
    setFieldErrors(nextFieldErrors);
    setError(null);
    if (nextFieldErrors.email || nextFieldErrors.password) return;

    setIsSubmitting(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so the server renders the app in the user's saved language.
        window.location.assign(callbackPath);
        return;
      }
      setError(toSignInFormError(result?.error));
    } catch {
      setError({ key: "unexpected" });
    }
    setIsSubmitting(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("title")}>
      {error ? <FormMessage tone="error">{t(`errors.${error.key}`, { minutes: error.minutes ?? 0 })}</FormMessage> : null}
      <FieldFrame id="email" label={t("email")} errors={fieldErrors.email ? [fieldErrors.email] : undefined}>
        <TextInput id="email" type="email" autoComplete="username" required errors={fieldErrors.email ? [fieldErrors.email] : undefined} />
      </FieldFrame>
      <FieldFrame id="password" label={t("password")} errors={fieldErrors.password ? [fieldErrors.password] : undefined}>
        <TextInput id="password" type="password" autoComplete="current-password" required errors={fieldErrors.password ? [fieldErrors.password] : undefined} />
      </FieldFrame>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
