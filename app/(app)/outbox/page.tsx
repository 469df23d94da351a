import type { Metadata, Route } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/session";
import { decodeHistoryCursor, encodeHistoryCursor, listOutboxEmails } from "@/lib/db/workflow-history";
import { KeysetPager } from "@/components/ui/keyset-pager";

const PAGE_SIZE = 50;

const OUTBOX_TONES = { QUEUED: "brand", SENT: "success", FAILED: "danger" } as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("outbox");
  return { title: t("title") };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The emails workflows sent or kept (all staff): newest first, optionally to one customer, in keyset pages. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("outbox:read");
  const query = await searchParams;
  const customer = z.uuid().safeParse(first(query.customer));
  const customerId = customer.success ? customer.data.toLowerCase() : null;
  const before = decodeHistoryCursor(first(query.before));
  const [t, format, emails] = await Promise.all([getTranslations("outbox"), getFormatter(), listOutboxEmails({ customerId, before, take: PAGE_SIZE })]);
  const href = (cursor: string | null) => {
    const search = new URLSearchParams();
    if (customerId) search.set("customer", customerId);
    if (cursor) search.set("before", cursor);
    const text = search.toString();
    return (text ? `/outbox?${text}` : "/outbox") as Route;
  };
  const customerName = emails.rows.find((email) => email.customer)?.customer?.name;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      {customerId ? (
        <p className="flex flex-wrap items-center gap-3 text-sm">
          <span className="font-medium">{customerName ? t("filteredBy", { name: customerName }) : t("filteredByUnknown")}</span>
          <Link href={"/outbox" as Route} className="text-brand-700 hover:underline">
            {t("showAll")}
          </Link>
        </p>
      ) : null}
      {emails.rows.length === 0 ? (
        customerId ? (
          <EmptyState title={t("emptyFiltered.title")} description={t("emptyFiltered.description")} />
        ) : (
          <EmptyState title={t("empty.title")} description={t("empty.description")} />
        )
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table aria-label={t("title")} className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("columns.created")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("columns.to")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("columns.subject")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("columns.customer")}</th>
                  <th scope="col" className="py-1.5 font-medium">{t("columns.status")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {emails.rows.map((email) => (
                  <tr key={email.id}>
                    <td className="py-1.5 pr-3 whitespace-nowrap">{format.dateTime(email.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                    <td className="py-1.5 pr-3">{email.toAddress}</td>
                    <td className="py-1.5 pr-3">
                      <Link href={`/outbox/${email.id}` as Route} className="text-brand-700 hover:underline">
                        {email.subject}
                      </Link>
                    </td>
                    <td className="py-1.5 pr-3">
                      {email.customer ? (
                        <Link href={`/customers/${email.customer.id}` as Route} className="text-brand-700 hover:underline">
                          {email.customer.name}
                        </Link>
                      ) : (
                        t("noCustomer")
                      )}
                    </td>
                    <td className="py-1.5">
                      <Badge tone={OUTBOX_TONES[email.status]} title={email.error ?? undefined}>
                        {t(`statuses.${email.status}`)}
                      </Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <KeysetPager newestHref={before ? href(null) : null} olderHref={emails.next ? href(encodeHistoryCursor(emails.next)) : null} newestLabel={t("newest")} olderLabel={t("older")} />
    </div>
  );
}
