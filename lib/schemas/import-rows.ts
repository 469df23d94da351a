/**
 * One CSV row of a customers, orders or order-lines file, checked and turned into the values that will be
 * stored. Input: the raw text of each mapped column (undefined when the field is not mapped). Customer rules are
 * the customer form's own (CustomerInputSchema, messages under `validation.`); import-only rules carry full
 * message keys under `imports.reasons.`.
 */
import { z } from "zod";
import { cachedCurrencyDigits, parseAmountWithDigits, parseImportBoolean, parseImportDate, parseImportInteger } from "@/lib/import/parse-values";
import { CustomerInputSchema } from "./customer";

export type RawRow = Record<string, string | undefined>;

const MAX_MINOR = 2_147_483_647;

const requiredText = (max: number, missing: string, tooLong = "imports.reasons.textTooLong") =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: tooLong });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "imports.reasons.textTooLong" })
    .optional()
    .transform((value) => (value ? value : null));

// ---- customers ----------------------------------------------------------------------------------------------

/** "Organic search", "organic-search" → "organic_search", so a readable file matches the fixed channel list. */
const channelKey = (value: unknown) => (typeof value === "string" ? value.trim().toLowerCase().replace(/[\s-]+/g, "_") : value);

/** Tags in one cell, separated by commas, semicolons or bars; duplicates and case folded away, then sorted. */
const tagList = (value: unknown) => (typeof value === "string" ? value.split(/[,;|]/) : value ?? []);

const customerShape = CustomerInputSchema.pick({ name: true, email: true, phone: true, company: true, country: true, city: true }).shape;

export const CustomerImportRowSchema = z.object({
  externalId: requiredText(100, "imports.reasons.externalIdRequired"),
  ...customerShape,
  acquisitionChannel: z.preprocess(channelKey, CustomerInputSchema.shape.acquisitionChannel),
  marketingConsent: z
    .string()
    .optional()
    .transform((value, context) => {
      const parsed = parseImportBoolean(value ?? "");
      if (parsed === null) {
        context.addIssue({ code: "custom", message: "imports.reasons.booleanInvalid" });
        return z.NEVER;
      }
      return parsed;
    }),
  tags: z.preprocess(tagList, CustomerInputSchema.shape.tags).transform((tags) => [...tags].sort()),
});

export type CustomerImportRow = z.output<typeof CustomerImportRowSchema>;

// ---- orders and their lines -----------------------------------------------------------------------------------

export const ORDER_STATUSES = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CANCELLED"] as const;
export type ImportOrderStatus = (typeof ORDER_STATUSES)[number];

const STATUS_WORDS: Record<string, ImportOrderStatus> = {
  paid: "PAID", completed: "PAID", complete: "PAID", bezahlt: "PAID", abgeschlossen: "PAID", opłacone: "PAID", opłacony: "PAID", zapłacone: "PAID",
  partiallyrefunded: "PARTIALLY_REFUNDED", partialrefund: "PARTIALLY_REFUNDED", teilweiseerstattet: "PARTIALLY_REFUNDED", teilerstattet: "PARTIALLY_REFUNDED", częściowozwrócone: "PARTIALLY_REFUNDED",
  refunded: "REFUNDED", erstattet: "REFUNDED", zurückerstattet: "REFUNDED", zwrócone: "REFUNDED", zwrócony: "REFUNDED",
  cancelled: "CANCELLED", canceled: "CANCELLED", storniert: "CANCELLED", anulowane: "CANCELLED", anulowany: "CANCELLED",
};

export function parseOrderStatus(text: string): ImportOrderStatus | null {
  const key = text.trim().toLowerCase().replace(/[^\p{L}]+/gu, "");
  return key === "" ? "PAID" : (STATUS_WORDS[key] ?? null);
}

export type OrderRowContext = {
  /** The reporting currency, for rows without a currency column. */
  currency: string;
  /** The file's decimal mark; undefined reads each amount on its own and refuses ambiguous ones. */
  decimalSeparator?: "." | ",";
  /** The source system of orders whose file has no source column. */
  defaultSource: string;
  /** Orders dated more than a day after this are refused. */
  now: Date;
};

const SOURCE_PATTERN = /^[\p{L}\p{N}._-]{1,40}$/u;
const knownCurrencies = new Set<string>(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : []);

function amount(text: string | undefined, currency: string, context: OrderRowContext, options: { allowNegative?: boolean } = {}): { minor: number } | { error: string } {
  const minor = parseAmountWithDigits(text ?? "", cachedCurrencyDigits(currency), context.decimalSeparator);
  if (minor === null) return { error: "imports.reasons.amountInvalid" };
  if (minor < 0 && !options.allowNegative) return { error: "imports.reasons.amountNegative" };
  if (Math.abs(minor) > MAX_MINOR) return { error: "imports.reasons.amountTooLarge" };
  return { minor };
}

function dateField(context: OrderRowContext) {
  const latest = context.now.getTime() + 86_400_000;
  return z.string({ error: "imports.reasons.dateRequired" }).transform((text, issue) => {
    if (text.trim() === "") {
      issue.addIssue({ code: "custom", message: "imports.reasons.dateRequired" });
      return z.NEVER;
    }
    const date = parseImportDate(text);
    if (!date || date.getTime() < 0) {
      issue.addIssue({ code: "custom", message: "imports.reasons.dateInvalid" });
      return z.NEVER;
    }
    if (date.getTime() > latest) {
      issue.addIssue({ code: "custom", message: "imports.reasons.dateInFuture" });
      return z.NEVER;
    }
    return date;
  });
}

export function orderImportRowSchema(context: OrderRowContext) {
  return z
    .object({
      externalId: requiredText(100, "imports.reasons.orderIdRequired"),
      source: z
        .string()
        .trim()
        .optional()
        .transform((value) => value || context.defaultSource)
        .refine((value) => SOURCE_PATTERN.test(value), { error: "imports.reasons.sourceInvalid" }),
      customerExternalId: requiredText(100, "imports.reasons.customerIdRequired"),
      placedAt: dateField(context),
      status: z
        .string()
        .optional()
        .transform((value, issue) => {
          const status = parseOrderStatus(value ?? "");
          if (!status) {
            issue.addIssue({ code: "custom", message: "imports.reasons.statusInvalid" });
            return z.NEVER;
          }
          return status;
        }),
      currency: z
        .string()
        .trim()
        .optional()
        .transform((value) => (value ? value.toUpperCase() : context.currency))
        .refine((value) => /^[A-Z]{3}$/.test(value) && (knownCurrencies.size === 0 || knownCurrencies.has(value)), { error: "imports.reasons.currencyInvalid" }),
      total: z.string().optional(),
      refunded: z.string().optional(),
      salesChannel: optionalText(40),
    })
    .transform((row, issue) => {
      const total = amount(row.total, row.currency, context);
      if ("error" in total) {
        issue.addIssue({ code: "custom", message: row.total?.trim() ? total.error : "imports.reasons.amountRequired", path: ["total"] });
        return z.NEVER;
      }
      let refundedMinor = row.status === "REFUNDED" ? total.minor : 0;
      if (row.refunded?.trim()) {
        const refunded = amount(row.refunded, row.currency, context);
        if ("error" in refunded) {
          issue.addIssue({ code: "custom", message: refunded.error, path: ["refunded"] });
          return z.NEVER;
        }
        refundedMinor = refunded.minor;
      }
      if (refundedMinor > total.minor) {
        issue.addIssue({ code: "custom", message: "imports.reasons.refundAboveTotal", path: ["refunded"] });
        return z.NEVER;
      }
      return {
        externalId: row.externalId,
        source: row.source,
        customerExternalId: row.customerExternalId,
        placedAt: row.placedAt,
        status: row.status,
        currency: row.currency,
        totalMinor: total.minor,
        refundedMinor,
        salesChannel: row.salesChannel,
      };
    });
}

export type OrderImportRow = z.output<ReturnType<typeof orderImportRowSchema>>;

/** One order line; `currency` is the order's (its digits decide how "12,5" is read). */
export function orderLineImportSchema(context: OrderRowContext, currency: string) {
  return z
    .object({
      sku: requiredText(100, "imports.reasons.skuRequired"),
      name: requiredText(200, "imports.reasons.productNameRequired"),
      quantity: z.string().optional(),
      unitPrice: z.string().optional(),
    })
    .transform((row, issue) => {
      const quantity = parseImportInteger(row.quantity ?? "");
      if (quantity === null || quantity < 1 || quantity > 1_000_000) {
        issue.addIssue({ code: "custom", message: "imports.reasons.quantityInvalid", path: ["quantity"] });
        return z.NEVER;
      }
      // Discount lines may carry a negative price.
      const price = amount(row.unitPrice, currency, context, { allowNegative: true });
      if ("error" in price) {
        issue.addIssue({ code: "custom", message: row.unitPrice?.trim() ? price.error : "imports.reasons.amountRequired", path: ["unitPrice"] });
        return z.NEVER;
      }
      return { sku: row.sku, name: row.name, quantity, unitPriceMinor: price.minor };
    });
}

export type OrderLineImportRow = z.output<ReturnType<typeof orderLineImportSchema>>;

/** Which order (and source) a row of a separate order-lines file belongs to; the line itself is parsed by
 * orderLineImportSchema. */
export function lineFileKeySchema(context: OrderRowContext) {
  return z.object({
    orderExternalId: requiredText(100, "imports.reasons.orderIdRequired"),
    source: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || context.defaultSource)
      .refine((value) => SOURCE_PATTERN.test(value), { error: "imports.reasons.sourceInvalid" }),
  });
}
