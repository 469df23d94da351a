/**
 * Refunds and cancellations recorded in the CRM (a shop's REST calls use the same rules). Amounts are typed in
 * major units of the order's currency. Messages are i18n keys under `validation.`.
 */
import { z } from "zod";

export const OrderRefundFormSchema = z.object({
  orderId: z.uuid({ error: "invalid" }),
  amount: z.string({ error: "amountInvalid" }).trim().min(1, { error: "amountInvalid" }).max(20, { error: "amountInvalid" }),
  /** Optional, shown with the refund on the timeline. */
  reason: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string({ error: "refundReasonTooLong" }).trim().max(500, { error: "refundReasonTooLong" }).optional()),
});

export const OrderCancelFormSchema = z.object({ orderId: z.uuid({ error: "invalid" }) });
