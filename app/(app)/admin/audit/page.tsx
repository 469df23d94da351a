import type { Metadata } from "next";
import Link from "next/link";
import type { Route } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/session";
import { auditApiKey, listAuditEntries } from "@/lib/db/audit-log";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const PAGE_SIZE = 50;
const BeforeSchema = z.string().regex(/^\d{1,18}$/).transform(BigInt).optional().catch(undefined);

/** Who changed what and when (settings, users, customers, segments), newest first, for admins. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requirePageUser("audit:read");
  const before = BeforeSchema.parse((await searchParams).before);
  const [t, format, entries] = await Promise.all([getTranslations("audit"), getFormatter(), listAuditEntries({ take: PAGE_SIZE + 1, beforeId: before })]);
  const page = entries.slice(0, PAGE_SIZE);
  // A write through the REST API has no staff actor; the API key that made it is named instead.
  const who = (entry: (typeof page)[number]) => {
    const apiKey = auditApiKey(entry.after);
    return entry.actor?.name ?? (apiKey ? t("apiKey", { name: apiKey.name }) : t("system"));
  };
  const hasMore = entries.length > PAGE_SIZE;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      {page.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">{t("when")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("who")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("action")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("changes")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.map((entry) => (
                <tr key={String(entry.id)} className="align-top">
                  <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{who(entry)}</td>
                  <td className="px-3 py-2">
                    <code className="text-xs">{entry.action}</code>
                    <div className="text-xs text-slate-500">
                      {entry.entityType}
                      {entry.entityId ? ` ${entry.entityId}` : ""}
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    <Changes before={entry.before} after={entry.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasMore ? (
        <Link href={`/admin/audit?before=${String(page.at(-1)!.id)}` as Route} className="text-sm font-medium text-brand-700 hover:underline">
          {t("older")}
        </Link>
      ) : null}
    </div>
  );
}

/** "field: old → new" for every field an entry records. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const was = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const now = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  // The API key is shown as who made the change, not as a changed field.
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((key) => key !== "apiKey");
  const show = (value: unknown) => (value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));
  return (
    <ul className="space-y-0.5 text-xs">
      {keys.map((key) => (
        <li key={key}>
          <span className="font-medium">{key}</span>: {key in was ? <>{show(was[key])} → </> : null}
          {show(now[key])}
        </li>
      ))}
    </ul>
  );
}
