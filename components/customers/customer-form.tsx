"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { validationMessage } from "@/components/i18n/validation-message";
import { useActionState, useMemo } from "react";
import type { Route } from "next";
import { Button, buttonClasses } from "@/components/ui/button";
import { FieldFrame, Select, TextInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { COUNTRY_CODES } from "@/lib/domain/countries";

export type CustomerFormValues = {
  id?: string;
  loadedUpdatedAt?: string;
  name: string;
  email: string;
  phone: string;
  company: string;
  country: string;
  city: string;
  acquisitionChannel: string;
  marketingConsent: boolean;
  tags: string;
  ownerId: string;
};

type Props = {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  initial: CustomerFormValues;
  /** Owner choices; an inactive one (the current owner, deactivated) is labelled as such. */
  users: { id: string; name: string; isActive?: boolean }[];
  cancelHref: string;
  submitLabel: string;
};

export function CustomerForm({ action, initial, users, cancelHref, submitLabel }: Props) {
  const t = useTranslations();
  const locale = useLocale();
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const values: Record<string, string> = state.status === "error" && state.values ? state.values : (initial as unknown as Record<string, string>);
  const fieldErrors = (field: string) => errors[field]?.map((key) => validationMessage(t, key));
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [locale]);
  const consentChecked = state.status === "error" && state.values ? state.values.marketingConsent === "on" : initial.marketingConsent;
  const formError = errors.form?.[0] ? validationMessage(t, errors.form[0]) : state.status === "error" && Object.keys(errors).length === 0 ? t(state.message) : null;

  return (
    <form action={formAction} noValidate className="space-y-5" aria-label={submitLabel}>
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {initial.loadedUpdatedAt ? <input type="hidden" name="loadedUpdatedAt" value={initial.loadedUpdatedAt} /> : null}
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : state.status === "error" ? <FormMessage tone="error">{t("errors.fixFields")}</FormMessage> : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <FieldFrame id="name" label={t("customerForm.name")} errors={fieldErrors("name")}>
          <TextInput id="name" required maxLength={200} defaultValue={values.name} errors={fieldErrors("name")} autoComplete="off" />
        </FieldFrame>
        <FieldFrame id="company" label={t("customerForm.company")} errors={fieldErrors("company")}>
          <TextInput id="company" maxLength={200} defaultValue={values.company} errors={fieldErrors("company")} />
        </FieldFrame>
        <FieldFrame id="email" label={t("customerForm.email")} errors={fieldErrors("email")}>
          <TextInput id="email" type="email" maxLength={254} defaultValue={values.email} errors={fieldErrors("email")} autoComplete="off" />
        </FieldFrame>
        <FieldFrame id="phone" label={t("customerForm.phone")} errors={fieldErrors("phone")} hint={t("customerForm.phoneHint")}>
          <TextInput id="phone" type="tel" maxLength={32} defaultValue={values.phone} errors={fieldErrors("phone")} />
        </FieldFrame>
        <FieldFrame id="city" label={t("customerForm.city")} errors={fieldErrors("city")}>
          <TextInput id="city" maxLength={100} defaultValue={values.city} errors={fieldErrors("city")} />
        </FieldFrame>
        <FieldFrame id="country" label={t("customerForm.country")} errors={fieldErrors("country")}>
          <Select id="country" defaultValue={values.country} errors={fieldErrors("country")}>
            <option value="">—</option>
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </Select>
        </FieldFrame>
        <FieldFrame id="acquisitionChannel" label={t("customerForm.channel")} errors={fieldErrors("acquisitionChannel")}>
          <Select id="acquisitionChannel" defaultValue={values.acquisitionChannel} errors={fieldErrors("acquisitionChannel")}>
            <option value="">—</option>
            {ACQUISITION_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channels.${channel}`)}
              </option>
            ))}
          </Select>
        </FieldFrame>
        <FieldFrame id="ownerId" label={t("customerForm.owner")} errors={fieldErrors("ownerId")}>
          <Select id="ownerId" defaultValue={values.ownerId} errors={fieldErrors("ownerId")}>
            <option value="">{t("customerForm.noOwner")}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.isActive === false ? t("customerForm.ownerDeactivated", { name: user.name }) : user.name}
              </option>
            ))}
          </Select>
        </FieldFrame>
        <FieldFrame id="tags" label={t("customerForm.tags")} errors={fieldErrors("tags")} hint={t("customerForm.tagsHint")}>
          <TextInput id="tags" defaultValue={values.tags} errors={fieldErrors("tags")} />
        </FieldFrame>
        <div className="flex items-center gap-2 self-end pb-2">
          <input id="marketingConsent" name="marketingConsent" type="checkbox" defaultChecked={consentChecked} className="size-4 rounded border-slate-300" />
          <label htmlFor="marketingConsent" className="text-sm text-slate-700">
            {t("customerForm.consent")}
          </label>
        </div>
      </div>

      <div className="flex gap-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? t("common.saving") : submitLabel}
        </Button>
        <Link href={cancelHref as Route} className={buttonClasses("ghost")}>
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}
