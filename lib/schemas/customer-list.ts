/**
 * The customers list's state, as it appears in the URL (so a view can be bookmarked and shared). Unknown or
 * malformed values fall back to defaults instead of failing: a stale bookmark still opens a list.
 */
import { z } from "zod";

export const CUSTOMER_SORT_KEYS = ["name", "createdAt", "orderCount", "totalSpent", "lastOrderAt", "historicalValue", "totalClv", "predictedValue", "probabilityAlive"] as const;
export type CustomerSortKey = (typeof CUSTOMER_SORT_KEYS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const DEFAULT_DIRECTION: Record<CustomerSortKey, "asc" | "desc"> = {
  name: "asc",
  createdAt: "desc",
  orderCount: "desc",
  totalSpent: "desc",
  lastOrderAt: "desc",
  historicalValue: "desc",
  totalClv: "desc",
  predictedValue: "desc",
  // Most likely to have churned first: the list a win-back call starts from.
  probabilityAlive: "asc",
};

const optionalFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined);

export const CustomerListQuerySchema = z
  .object({
    q: optionalFilter(100),
    country: optionalFilter(2).transform((value) => value?.toUpperCase()),
    channel: optionalFilter(40),
    tag: optionalFilter(40).transform((value) => value?.toLowerCase()),
    /** A segment key: "vip", "at_risk_vip", "rfm:champions", "custom:…". */
    segment: optionalFilter(80),
    sort: z.enum(CUSTOMER_SORT_KEYS).catch("name").default("name"),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
    pageSize: z.coerce
      .number()
      .refine((value): value is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(value))
      .catch(25)
      .default(25),
  })
  .transform((query) => ({ ...query, dir: query.dir ?? DEFAULT_DIRECTION[query.sort] }));

export type CustomerListQuery = z.output<typeof CustomerListQuerySchema>;

/** Reads the first value of each parameter from Next's searchParams object or a URLSearchParams. */
export function parseCustomerListQuery(params: Record<string, string | string[] | undefined> | URLSearchParams): CustomerListQuery {
  const entries =
    params instanceof URLSearchParams
      ? Object.fromEntries(params.entries())
      : Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return CustomerListQuerySchema.parse(entries);
}

/** The URL search string for a list state, leaving out defaults so links stay short. */
export function customerListSearch(query: CustomerListQuery, change: Partial<CustomerListQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.country) params.set("country", next.country);
  if (next.channel) params.set("channel", next.channel);
  if (next.tag) params.set("tag", next.tag);
  if (next.segment) params.set("segment", next.segment);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.dir !== DEFAULT_DIRECTION[next.sort]) params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  if (next.pageSize !== 25) params.set("pageSize", String(next.pageSize));
  const search = params.toString();
  return search ? `?${search}` : "";
}
