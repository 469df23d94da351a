"use client";

import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { LOCALES } from "@/i18n/locales";
import { changeLanguage } from "./actions";

const NATIVE_NAMES = { en: "English", de: "Deutsch", pl: "Polski" } as const;

export function LanguageSwitcher() {
  const t = useTranslations("nav");
  const locale = useLocale();
  const [isPending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-600">
      <span className="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        className="rounded-md border-0 bg-transparent py-1 pr-7 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
        value={locale}
        disabled={isPending}
        onChange={(event) => {
          const formData = new FormData();
          formData.set("locale", event.target.value);
          startTransition(() => changeLanguage(formData));
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {NATIVE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
