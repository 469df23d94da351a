import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { CustomerProfile } from "@/lib/db/customer-profile";

export async function ContactCard({ customer }: { customer: CustomerProfile }) {
  const t = await getTranslations("profile.contact");
  const tChannels = await getTranslations("channels");
  const format = await getFormatter();
  const locale = await getLocale();
  const country = customer.country ? new Intl.DisplayNames([locale], { type: "region" }).of(customer.country) : null;
  const rows: [string, ReactNode][] = [
    [t("email"), customer.email ? <a className="text-brand-700 hover:underline" href={`mailto:${customer.email}`}>{customer.email}</a> : null],
    [t("phone"), customer.phone ? <a className="text-brand-700 hover:underline" href={`tel:${customer.phone.replace(/[^\d+]/g, "")}`}>{customer.phone}</a> : null],
    [t("company"), customer.company],
    [t("location"), [customer.city, country].filter(Boolean).join(", ") || null],
    [t("channel"), customer.acquisitionChannel ? tChannels.has(customer.acquisitionChannel) ? tChannels(customer.acquisitionChannel) : customer.acquisitionChannel : null],
    [t("owner"), customer.owner?.name ?? null],
    [t("externalId"), customer.externalId],
  ];
  return (
    <>
      <Card title={t("title")}>
        <dl className="space-y-2 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="grid grid-cols-3 gap-2">
              <dt className="text-slate-500">{label}</dt>
              <dd className="col-span-2 break-words">{value ?? <span className="text-slate-400">—</span>}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t("consentTitle")}>
        <div className="flex items-center gap-2 text-sm">
          {customer.marketingConsent ? <Badge tone="success">{t("consentGiven")}</Badge> : <Badge tone="neutral">{t("consentNotGiven")}</Badge>}
          {customer.marketingConsentAt ? (
            <span className="text-slate-500">
              {t(customer.marketingConsent ? "consentGivenAt" : "consentWithdrawnAt", { date: format.dateTime(customer.marketingConsentAt, { dateStyle: "medium" }) })}
            </span>
          ) : null}
        </div>
      </Card>
    </>
  );
}
