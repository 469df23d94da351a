/**
 * Unsubscribe links in workflow emails: /unsubscribe?c=<customer>&t=<HMAC of the customer id>. The token needs
 * no storage and cannot be made up for another customer without the app's secret.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

function token(customerId: string, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${customerId}`).digest("base64url");
}

export function unsubscribeUrl(appUrl: string, customerId: string, secret: string): string {
  const url = new URL("/unsubscribe", appUrl);
  url.searchParams.set("c", customerId);
  url.searchParams.set("t", token(customerId, secret));
  return url.toString();
}

export function isValidUnsubscribeToken(customerId: string, candidate: string, secret: string): boolean {
  const expected = Buffer.from(token(customerId, secret));
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type UnsubscribeLink = { url: string } | { error: string };

/**
 * The customer's link, or why there is none. A marketing email without a working unsubscribe link must not go
 * out, so the email step fails with this error instead (an admin retries the run once the worker is set up).
 */
export function unsubscribeLinkFor(appUrl: string | null | undefined, secret: string | null | undefined, customerId: string): UnsubscribeLink {
  if (!appUrl || !secret) {
    const missing = [appUrl ? null : "NEXTAUTH_URL", secret ? null : "NEXTAUTH_SECRET"].filter(Boolean).join(" and ");
    return { error: `No unsubscribe link can be made: the worker has no ${missing}. Give it the same environment as the web app, then retry the run.` };
  }
  return { url: unsubscribeUrl(appUrl, customerId, secret) };
}
