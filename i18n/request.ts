/**
 * The language of each request: the signed-in user's choice, else the language picked on the sign-in page
 * (a cookie), else the browser's Accept-Language, else English. No locale in the URL: a CRM link shared
 * between colleagues should open in each reader's own language.
 */
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { CATALOGS } from "./catalogs";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "./locales";

async function resolveLocale(): Promise<Locale> {
  const user = await getCurrentUser().catch(() => null);
  if (isLocale(user?.locale)) return user.locale;
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookieLocale)) return cookieLocale;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    messages: CATALOGS[locale],
    timeZone: process.env.CRM_TIME_ZONE ?? "Europe/Berlin",
  };
});
