"use client";

import { useSyncExternalStore } from "react";
import { GLOBAL_ERROR_TEXT, globalErrorLocale } from "@/i18n/global-error-text";
import type { Locale } from "@/i18n/locales";

const neverChanges = () => () => {};

// The root layout itself failed, so no translations are loaded: a few words per language, in the browser's
// language (English while rendered on the server, so the first render matches).
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  const locale = useSyncExternalStore<Locale>(neverChanges, () => globalErrorLocale(navigator.languages ?? [navigator.language]), () => "en");
  const text = GLOBAL_ERROR_TEXT[locale];
  return (
    <html lang={locale}>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem", textAlign: "center" }}>
        <h1>{text.title}</h1>
        <button type="button" onClick={reset}>
          {text.retry}
        </button>
      </body>
    </html>
  );
}
