"use client";

import { useTranslations } from "next-intl";

/** Unexpected failures: a plain apology and a retry; the details stay in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("unexpectedTitle")}</h1>
      <p className="text-slate-600">{t("unexpectedBody")}</p>
      {error.digest ? <p className="text-xs text-slate-400">{t("reference", { digest: error.digest })}</p> : null}
      <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
        {t("retry")}
      </button>
    </main>
  );
}
