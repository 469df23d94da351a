/**
 * Sending workflow emails. With SMTP_URL set they go out over SMTP (nodemailer, pooled connections); without it
 * (the embedded default) they are only written to the outbox, which staff read in the app.
 */
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type OutgoingEmail = { messageId: string; to: string; subject: string; text: string; html: string; unsubscribeUrl: string };

export type EmailTransport = { kind: "outbox" | "smtp"; send(email: OutgoingEmail): Promise<void>; close(): void };

const globalForMail = globalThis as unknown as { emailTransport?: EmailTransport };

export function emailTransport(): EmailTransport {
  globalForMail.emailTransport ??= createEmailTransport(env().SMTP_URL, env().SMTP_FROM);
  return globalForMail.emailTransport;
}

export function closeEmailTransport(): void {
  globalForMail.emailTransport?.close();
  globalForMail.emailTransport = undefined;
}

export function createEmailTransport(smtpUrl: string | undefined, from: string): EmailTransport {
  if (!smtpUrl) return { kind: "outbox", send: async () => {}, close: () => {} };
  const transporter = nodemailer.createTransport(pooledUrl(smtpUrl));
  return {
    kind: "smtp",
    async send(email) {
      await transporter.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // The same Message-ID on every attempt, so a receiver can drop a repeat after a crash mid-send.
        messageId: email.messageId,
        // List-Unsubscribe: the mail client's own unsubscribe button opens the same page as the link in the body.
        // No List-Unsubscribe-Post (RFC 8058 one-click): the page only withdraws consent on its confirm button,
        // a server action, not on a plain POST to the link.
        list: { unsubscribe: { url: email.unsubscribeUrl, comment: "Unsubscribe" } },
      });
    },
    close: () => transporter.close(),
  };
}

/** `<wf-<run>-<step>@<sender's domain>>`: stable for one step of one run. */
export function workflowMessageId(runId: string, stepIndex: number, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "crm.local";
  return `<wf-${runId}-${stepIndex}@${domain}>`;
}

/** Options ride in the URL's query (nodemailer reads them there); the URL's own settings win. */
function pooledUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const defaults = { pool: "true", maxConnections: "10", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };
  for (const [name, value] of Object.entries(defaults)) if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  return url.toString();
}
