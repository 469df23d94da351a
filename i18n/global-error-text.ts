/**
 * The words of the page shown when the root layout itself failed (app/global-error.tsx). No translations are
 * loaded there, and the whole catalogs are too big to send for two sentences, so they are copied here; a test
 * holds them to errors.unexpectedTitle and errors.retry in the catalogs.
 */
import { localeFromAcceptLanguage, type Locale } from "./locales";

export const GLOBAL_ERROR_TEXT: Record<Locale, { title: string; retry: string }> = {
  en: { title: "Something went wrong", retry: "Try again" },
  de: { title: "Etwas ist schiefgelaufen", retry: "Erneut versuchen" },
  pl: { title: "Coś poszło nie tak", retry: "Spróbuj ponownie" },
};

/** The browser's preferred languages (navigator.languages), best first, to a supported locale. */
export function globalErrorLocale(languages: readonly string[]): Locale {
  return localeFromAcceptLanguage(languages.join(","));
}
