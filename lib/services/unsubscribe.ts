/**
 * The unsubscribe link in workflow emails: the token is checked before anything is read, then marketing consent is
 * withdrawn and the customer's segments follow (consent is a rule attribute, so a workflow may stop for them).
 */
import { z } from "zod";
import { withdrawMarketingConsent, type ConsentWithdrawal } from "@/lib/db/marketing-consent";
import { isValidUnsubscribeToken } from "./workflows/unsubscribe-link";
import { refreshCustomerSegments } from "./customer-segments";

export const UnsubscribeLinkSchema = z.object({ c: z.uuid(), t: z.string().min(10).max(100) });
export type UnsubscribeLink = z.infer<typeof UnsubscribeLinkSchema>;

/** The link's customer id when its token is right, else null (a made-up or altered link). */
export function verifiedCustomerId(query: unknown, secret: string | undefined): string | null {
  const parsed = UnsubscribeLinkSchema.safeParse(query);
  if (!parsed.success || !secret) return null;
  return isValidUnsubscribeToken(parsed.data.c, parsed.data.t, secret) ? parsed.data.c : null;
}

export async function unsubscribe(query: unknown, secret: string | undefined, now: Date): Promise<ConsentWithdrawal | "invalidLink"> {
  const customerId = verifiedCustomerId(query, secret);
  if (!customerId) return "invalidLink";
  const result = await withdrawMarketingConsent(customerId, now);
  if (result === "withdrawn") await refreshCustomerSegments([customerId], now);
  return result;
}
