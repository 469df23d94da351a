/**
 * What the REST API sends and accepts, as zod schemas (the OpenAPI document is generated from them) and the
 * functions that turn database rows into them. Money is integer minor units; times are ISO 8601 strings.
 */
import { z } from "zod";
import { ACQUISITION_CHANNELS } from "@/lib/domain/channels";
import { CustomerInputSchema } from "@/lib/schemas/customer";

const isoTime = z.iso.datetime({ offset: true });
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(["INVALID", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "INTERNAL", "UNAVAILABLE"]),
    message: z.string(),
    fields: z.union([z.array(z.object({ path: z.string(), message: z.string() })), z.record(z.string(), z.array(z.string()))]).optional(),
  }),
});

export const CustomerResource = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  acquisitionChannel: z.string().nullable(),
  marketingConsent: z.boolean(),
  tags: z.array(z.string()),
  customAttributes: z.record(z.string(), z.unknown()),
  ownerId: z.uuid().nullable(),
  archived: z.boolean(),
  erased: z.boolean(),
  orderCount: z.number().int(),
  totalSpentMinor: z.number().int(),
  firstOrderAt: isoTime.nullable(),
  lastOrderAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type CustomerResource = z.output<typeof CustomerResource>;

export type CustomerRow = {
  id: string;
  externalId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  country: string | null;
  city: string | null;
  acquisitionChannel: string | null;
  marketingConsent: boolean;
  tags: string[];
  customAttributes: unknown;
  ownerId: string | null;
  archivedAt: Date | null;
  erasedAt: Date | null;
  orderCount: number;
  totalSpentMinor: bigint | number | string;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toCustomerResource(row: CustomerRow): CustomerResource {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    company: row.company,
    country: row.country,
    city: row.city,
    acquisitionChannel: row.acquisitionChannel,
    marketingConsent: row.marketingConsent,
    tags: row.tags,
    customAttributes: (row.customAttributes && typeof row.customAttributes === "object" ? row.customAttributes : {}) as Record<string, unknown>,
    ownerId: row.ownerId,
    archived: row.archivedAt !== null,
    erased: row.erasedAt !== null,
    orderCount: row.orderCount,
    totalSpentMinor: Number(row.totalSpentMinor),
    firstOrderAt: iso(row.firstOrderAt),
    lastOrderAt: iso(row.lastOrderAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Creating a customer: the form's rules, plus the id the calling system knows them by. */
export const CustomerCreateBody = CustomerInputSchema.extend({
  externalId: z.string().trim().min(1, { error: "externalIdInvalid" }).max(100, { error: "externalIdInvalid" }).optional(),
  customAttributes: z.record(z.string(), z.unknown()).optional(),
});

/** Updating: any of the same fields; absent fields stay as they are. */
export const CustomerUpdateBody = CustomerInputSchema.partial().extend({ customAttributes: z.record(z.string(), z.unknown()).optional() });

export const OrderLineResource = z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), unitPriceMinor: z.number().int() });

export const OrderResource = z.object({
  id: z.uuid(),
  externalId: z.string(),
  source: z.string(),
  customerId: z.uuid(),
  placedAt: isoTime,
  status: z.enum(["PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CANCELLED"]),
  currency: z.string(),
  totalMinor: z.number().int(),
  refundedMinor: z.number().int(),
  salesChannel: z.string().nullable(),
  refundedAt: isoTime.nullable(),
  cancelledAt: isoTime.nullable(),
  lines: z.array(OrderLineResource),
});
export type OrderResource = z.output<typeof OrderResource>;

export type OrderRow = {
  id: string;
  externalId: string;
  source: string;
  customerId: string;
  placedAt: Date;
  status: OrderResource["status"];
  currency: string;
  totalMinor: number;
  refundedMinor: number;
  salesChannel: string | null;
  refundedAt: Date | null;
  cancelledAt: Date | null;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
};

export function toOrderResource(row: OrderRow): OrderResource {
  return {
    ...row,
    placedAt: row.placedAt.toISOString(),
    refundedAt: iso(row.refundedAt),
    cancelledAt: iso(row.cancelledAt),
    lines: row.lines.map(({ sku, name, quantity, unitPriceMinor }) => ({ sku, name, quantity, unitPriceMinor })),
  };
}

const positiveMinor = z.number({ error: "amountInvalid" }).int({ error: "amountInvalid" }).min(0, { error: "amountInvalid" }).max(2_000_000_000, { error: "amountInvalid" });

export const OrderCreateBody = z
  .object({
    externalId: z.string().trim().min(1, { error: "externalIdInvalid" }).max(100, { error: "externalIdInvalid" }),
    source: z.string().trim().min(1).max(40).default("api"),
    customerId: z.uuid({ error: "customerInvalid" }).optional(),
    customerExternalId: z.string().trim().min(1).max(100).optional(),
    placedAt: isoTime,
    currency: z.string().regex(/^[A-Z]{3}$/, { error: "currencyInvalid" }).optional(),
    totalMinor: positiveMinor,
    salesChannel: z.string().trim().max(40).nullable().optional(),
    lines: z.array(z.object({ sku: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(200), quantity: z.number().int().min(1).max(100_000), unitPriceMinor: positiveMinor })).max(500).default([]),
  })
  .refine((order) => Boolean(order.customerId) !== Boolean(order.customerExternalId), { error: "customerInvalid", path: ["customerExternalId"] });

export const RefundBody = z.object({ amountMinor: positiveMinor.min(1, { error: "amountInvalid" }) });

export const MetricsResource = z.object({
  customerId: z.uuid(),
  currency: z.string(),
  historicalValueMinor: z.number().int(),
  predictedValueMinor: z.number().int().nullable(),
  totalClvMinor: z.number().int(),
  simpleClvMinor: z.number().int().nullable(),
  probabilityAlive: z.number().nullable(),
  expectedPurchases: z.number().nullable(),
  expectedOrderValueMinor: z.number().int().nullable(),
  expectedNextOrderAt: isoTime.nullable(),
  horizonMonths: z.number().int(),
  rfm: z.object({ recency: z.number().int(), frequency: z.number().int(), monetary: z.number().int(), group: z.string() }).nullable(),
  segments: z.array(z.object({ key: z.string(), name: z.string(), enteredAt: isoTime })),
  model: z.object({ name: z.enum(["bgnbd", "pnbd"]), fittedAt: isoTime }).nullable(),
  /** Why there is no prediction, when there is none. */
  unavailable: z.string().nullable(),
  computedAt: isoTime,
});

export const PricingResource = z.object({
  customerId: z.uuid(),
  externalId: z.string().nullable(),
  /** The tier or price list to apply ("gold", "vip-10"), set by a workflow step or by staff; null: the standard prices. */
  discountTier: z.string().nullable(),
  vip: z.boolean(),
  /** Keys of the segments the customer is in now ("vip", "at_risk", "rfm:champions", "custom:<id>"). */
  segments: z.array(z.string()),
  updatedAt: isoTime,
});

export const SegmentResource = z.object({
  key: z.string(),
  kind: z.enum(["BUILTIN", "RFM", "CUSTOM"]),
  name: z.string(),
  description: z.string().nullable(),
  members: z.number().int(),
  totalClvMinor: z.number().int(),
});

export const SegmentMemberResource = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  totalClvMinor: z.number().int(),
  probabilityAlive: z.number().nullable(),
  enteredAt: isoTime,
});

export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** Opaque keyset cursors: base64url of the last row's sort values. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/**
 * The `cursor` query parameter, decoded and checked against the sort values of the route's keyset (`values`), so a
 * cursor that decodes to something else (["x", "y"] where a time and an id belong) is a 422 like one that does
 * not decode, and never reaches a SQL cast.
 */
export function cursorParam<T extends z.ZodType>(values: T) {
  return z
    .string()
    .max(500)
    .optional()
    .transform((cursor, context): z.output<T> | null => {
      if (cursor === undefined || cursor === "") return null;
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      } catch {
        decoded = undefined;
      }
      const parsed = values.safeParse(decoded);
      if (parsed.success) return parsed.data;
      context.addIssue({ code: "custom", message: "cursorInvalid", input: cursor });
      return z.NEVER;
    });
}

/** Sort values of the keysets: a time and an id; a whole amount and an id; a whole amount and two ids. */
export const TimeIdCursor = z.tuple([isoTime, z.uuid()]);
// zod's int() is a safe integer: no fractions or exponents that a bigint cast would refuse.
export const AmountIdCursor = z.tuple([z.number().int(), z.uuid()]);
export const AmountIdIdCursor = z.tuple([z.number().int(), z.uuid(), z.uuid()]);

/** `cursor` (checked against the route's keyset) and `limit`. */
export function pageQuery<T extends z.ZodType>(cursor: T) {
  return z.object({
    cursor: cursorParam(cursor),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  });
}

export const CustomerListQuery = pageQuery(TimeIdCursor).extend({
  q: z.string().trim().max(100).optional(),
  country: z.string().trim().length(2).toUpperCase().optional(),
  channel: z.enum(ACQUISITION_CHANNELS).optional(),
  tag: z.string().trim().max(40).toLowerCase().optional(),
  segment: z.string().trim().max(80).optional(),
  externalId: z.string().trim().max(100).optional(),
});

export const IdParams = z.object({ id: z.uuid({ error: "notFound" }) });
export const SegmentKeyParams = z.object({ key: z.string().min(1).max(120) });

