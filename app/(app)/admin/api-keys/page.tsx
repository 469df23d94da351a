import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/db/api-keys";
import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-key-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiKeys");
  return { title: t("title") };
}

/** Keys for other systems (a shop, scripts): created here, shown once, revoked here. */
export default async function ApiKeysPage() {
  await requirePageUser("apikey:manage");
  const [t, tRoles, format, keys] = await Promise.all([getTranslations("apiKeys"), getTranslations("nav.roles"), getFormatter(), listApiKeys()]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {t("intro")}{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 hover:underline">
            {t("openapi")}
          </a>
        </p>
      </div>
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 lg:col-span-2">
          {keys.length === 0 ? (
            <p className="p-4 text-sm text-slate-500">{t("empty")}</p>
          ) : (
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("name")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("scope")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("role")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold">{t("lastUsed")}</th>
                  <th scope="col" className="px-3 py-2 font-semibold"><span className="sr-only">{t("actions")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((key) => (
                  <tr key={key.id} className={key.revokedAt ? "text-slate-400" : ""}>
                    <td className="px-3 py-2">
                      <div className="font-medium">{key.name}</div>
                      <div className="font-mono text-xs text-slate-500">{key.prefix}…</div>
                    </td>
                    <td className="px-3 py-2">{t(`scopes.${key.scope}`)}</td>
                    <td className="px-3 py-2">{tRoles(key.role)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{key.lastUsedAt ? format.dateTime(key.lastUsedAt, { dateStyle: "medium", timeStyle: "short" }) : t("never")}</td>
                    <td className="px-3 py-2 text-right">
                      {key.revokedAt ? <Badge>{t("revokedOn", { date: key.revokedAt })}</Badge> : <RevokeApiKeyButton keyId={key.id} name={key.name} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <Card title={t("createTitle")}>
          <CreateApiKeyForm />
        </Card>
      </div>
    </div>
  );
}
