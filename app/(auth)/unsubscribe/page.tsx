import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { env } from "@/lib/env";
import { verifiedCustomerId } from "@/lib/services/unsubscribe";
import { UnsubscribeForm } from "./unsubscribe-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("unsubscribe");
  return { title: t("title"), robots: { index: false } };
}

/**
 * The page behind the unsubscribe link in workflow emails. Opening it changes nothing (mail scanners open links);
 * the customer confirms with a button.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ c?: string; t?: string }> }) {
  const query = await searchParams;
  const t = await getTranslations();
  const customerId = verifiedCustomerId(query, env().NEXTAUTH_SECRET);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-6">
        <p className="text-center text-2xl font-semibold tracking-tight text-slate-900">{t("app.name")}</p>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-4 text-lg font-semibold">{t("unsubscribe.title")}</h1>
          {customerId ? <UnsubscribeForm customerId={customerId} token={query.t ?? ""} /> : <p className="text-sm text-red-700">{t("unsubscribe.invalidLink")}</p>}
        </div>
        <div className="flex justify-center">
          <LanguageSwitcher />
        </div>
      </div>
    </main>
  );
}
