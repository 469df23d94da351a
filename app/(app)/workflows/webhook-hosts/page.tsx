import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { webhookAllowedHosts } from "@/lib/db/workflows";
import { AllowHostForm, RemoveHostButton } from "./host-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workflowRuns.hosts");
  return { title: t("title") };
}

/** The webhook allowlist (admins): link-local or metadata hosts webhooks may call all the same. */
export default async function WebhookHostsPage() {
  await requirePageUser("webhook:allowlist");
  const [t, hosts] = await Promise.all([getTranslations("workflowRuns.hosts"), webhookAllowedHosts()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card title={t("listTitle")}>
        {hosts.length === 0 ? (
          <p className="text-sm text-slate-500">{t("none")}</p>
        ) : (
          <ul aria-label={t("listTitle")} className="divide-y divide-slate-100">
            {hosts.map((host) => (
              <li key={host} className="flex items-center justify-between gap-3 py-2 text-sm">
                <code className="break-all">{host}</code>
                <RemoveHostButton host={host} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("add")}>
        <AllowHostForm />
      </Card>
    </div>
  );
}
