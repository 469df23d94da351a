import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getOutboxEmail } from "@/lib/db/workflow-history";

const STATUS_TONES = { QUEUED: "brand", SENT: "success", FAILED: "danger" } as const;

type Params = { params: Promise<{ emailId: string }> };

async function findEmail(id: string) {
  return z.uuid().safeParse(id).success ? getOutboxEmail(id) : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const [t, email] = await Promise.all([getTranslations("outbox"), findEmail((await params).emailId)]);
  return { title: email ? `${email.subject} · ${t("title")}` : t("title") };
}

/**
 * One email of the outbox: its headers and the plain-text body as text. An HTML body is shown only inside an
 * iframe sandboxed with no permissions (no scripts, forms, navigation or same origin); it is never put into this
 * page's own markup.
 */
export default async function OutboxEmailPage({ params }: Params) {
  const user = await requirePageUser("outbox:read");
  const email = await findEmail((await params).emailId);
  if (!email) notFound();
  const [t, format] = await Promise.all([getTranslations("outbox"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  const transport = email.transport === "smtp" || email.transport === "outbox" ? t(`transports.${email.transport}`) : email.transport;

  return (
    <div className="space-y-6">
      <div>
        <Link href={"/outbox" as Route} className="text-sm text-brand-700 hover:underline">
          {t("back")}
        </Link>
        <h1 className="mt-1 text-xl font-semibold break-words">{email.subject}</h1>
      </div>
      <Card title={t("details")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <Field label={t("fields.to")}>{email.toAddress}</Field>
          <Field label={t("fields.subject")}>{email.subject}</Field>
          <Field label={t("fields.status")}>
            <Badge tone={STATUS_TONES[email.status]}>{t(`statuses.${email.status}`)}</Badge>
          </Field>
          <Field label={t("fields.created")}>{when(email.createdAt)}</Field>
          <Field label={t("fields.sent")}>{email.sentAt ? when(email.sentAt) : t("notSent")}</Field>
          <Field label={t("fields.transport")}>{transport}</Field>
          <Field label={t("fields.attempts")}>{format.number(email.attempts)}</Field>
          <Field label={t("fields.messageId")}>
            <code className="text-xs break-all">{email.messageId}</code>
          </Field>
          {email.error ? (
            <Field label={t("fields.error")}>
              <span className="text-red-700">{email.error}</span>
            </Field>
          ) : null}
          {email.customer ? (
            <Field label={t("fields.customer")}>
              <Link href={`/customers/${email.customer.id}` as Route} className="text-brand-700 hover:underline">
                {email.customer.name}
              </Link>
            </Field>
          ) : null}
          {email.workflow ? (
            <Field label={t("fields.workflow")}>
              {can(user.role, "workflow:read") ? (
                <Link href={`/workflows/${email.workflow.id}` as Route} className="text-brand-700 hover:underline">
                  {email.workflow.name}
                </Link>
              ) : (
                email.workflow.name
              )}
            </Field>
          ) : null}
        </dl>
      </Card>
      <Card title={t("textBody")}>
        {email.bodyText ? (
          <pre className="font-sans text-sm break-words whitespace-pre-wrap text-slate-800">{email.bodyText}</pre>
        ) : (
          <p className="text-sm text-slate-500">{t("noTextBody")}</p>
        )}
      </Card>
      {email.bodyHtml ? (
        <Card title={t("htmlBody")}>
          <p className="mb-2 text-xs text-slate-500">{t("htmlNote")}</p>
          <iframe sandbox="" srcDoc={email.bodyHtml} title={t("htmlBody")} referrerPolicy="no-referrer" className="h-[32rem] w-full rounded-md bg-white ring-1 ring-slate-200" />
        </Card>
      ) : null}
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </>
  );
}
