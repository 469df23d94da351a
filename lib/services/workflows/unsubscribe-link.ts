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
