/**
 * REST API v1 against a real database, through the route handlers themselves: every status code the API
 * promises (200, 201, 401, 403, 404, 409, 422, 429, 500), cursor pagination, idempotent order creation, and a
 * shop's order updating the customer's figures.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define";
import { handle } from "@/lib/api/endpoint";
import { CustomerResource, MetricsResource, OrderResource, PricingResource } from "@/lib/api/resources";
import { createApiKey, revokeApiKey } from "@/lib/db/api-keys";
import { db } from "@/lib/db/client";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import * as customerOrders from "./customers/[id]/orders/route";
import * as customerMetrics from "./customers/[id]/metrics/route";
import * as customerPricing from "./customers/[id]/pricing/route";
import * as customer from "./customers/[id]/route";
import * as customers from "./customers/route";
import * as merge from "./customers/[id]/merge/route";
import * as duplicates from "./duplicates/route";
import * as erase from "./customers/[id]/erase/route";
import * as exportData from "./customers/[id]/export/route";
import * as openapi from "./openapi.json/route";
import * as cancel from "./orders/[id]/cancel/route";
import * as refund from "./orders/[id]/refund/route";
import * as orders from "./orders/route";
import * as segmentMembers from "./segments/[key]/members/route";
import * as segments from "./segments/route";

const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
const keys: Record<"shop" | "reader" | "agent" | "revoked", string> = { shop: "", reader: "", agent: "", revoked: "" };

beforeAll(async () => {
  await seedShop(120);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  keys.shop = (await createApiKey({ name: "Shop", scope: "READ_WRITE", role: "MANAGER" }, admin.id)).secret;
  keys.reader = (await createApiKey({ name: "Reporting", scope: "READ", role: "MANAGER" }, admin.id)).secret;
  keys.agent = (await createApiKey({ name: "Helpdesk", scope: "READ_WRITE", role: "AGENT" }, admin.id)).secret;
  const revoked = await createApiKey({ name: "Old", scope: "READ_WRITE", role: "ADMIN" }, admin.id);
  await revokeApiKey(revoked.id, admin.id, new Date());
  keys.revoked = revoked.secret;
});

afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(route: Route, options: { method?: string; path?: string; key?: string | null; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? keys.shop : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://127.0.0.1${options.path ?? "/api/v1/test"}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const response = await route(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> & { error?: { code: string; message?: string; fields?: unknown } } };
}

const someCustomer = () => db.customer.findFirstOrThrow({ where: { externalId: { startsWith: "C-" }, archivedAt: null, orderCount: { gt: 2 } }, orderBy: { externalId: "asc" }, select: { id: true, externalId: true } });

describe("authentication and authorisation", () => {
  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    for (const key of [null, "wcrm_not-a-real-key", keys.revoked]) {
      const response = await call(customers.GET, { key, path: "/api/v1/customers" });
      expect(response.status).toBe(401);
      expect(response.json.error?.code).toBe("UNAUTHENTICATED");
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("answers 403 when the key may only read, or its role may not do this", async () => {
    const readOnly = await call(customers.POST, { method: "POST", key: keys.reader, body: { name: "Nope" } });
    expect(readOnly.status).toBe(403);
    const agent = await call(orders.POST, { method: "POST", key: keys.agent, body: { externalId: "X-1", customerExternalId: "C-100001", placedAt: TEST_NOW.toISOString(), totalMinor: 100 } });
    expect(agent.status).toBe(403);
    expect(await db.order.count({ where: { externalId: "X-1" } })).toBe(0);
  });

  it("answers 429 with Retry-After once a key goes over its limit for the minute", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const statuses = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await call(segments.GET, { key: keys.reader, path: "/api/v1/segments" });
      statuses.push(last.status);
    }
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last!.json.error?.code).toBe("RATE_LIMITED");
  });

  it("answers 500 without internal details when something unexpected fails", async () => {
    const broken = handle(defineEndpoint({ method: "GET", path: "/api/v1/broken", tag: "Test", summary: "", permission: "customer:read", write: false, response: z.object({}), errors: [] }), async () => {
      throw new Error("relation \"secret_table\" does not exist at /srv/app/lib/db.ts:42");
    });
    const response = await call(broken as Route);
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.json)).not.toMatch(/secret_table|\/srv/);
    expect(response.json.error?.code).toBe("INTERNAL");
  });

  it("answers 500 without field details when our response does not fit its own schema (a bug, not a bad request)", async () => {
    const endpoint = defineEndpoint({ method: "GET", path: "/api/v1/drifted", tag: "Test", summary: "", permission: "customer:read", write: false, response: z.object({ internalCounter: z.number() }), errors: [] });
    const drifted = handle(endpoint, async () => ({ internalCounter: "not a number" }) as never);
    const response = await call(drifted as Route);
    expect(response.status).toBe(500);
    expect(response.json.error?.code).toBe("INTERNAL");
    expect(JSON.stringify(response.json)).not.toContain("internalCounter");
  });

  it("names the API key in the audit log for every write it makes", async () => {
    const created = await call(customers.POST, { method: "POST", body: { externalId: "API-AUDIT-1", name: "Audit Trail", email: "audit@example.org" } });
    const id = created.json.id as string;
    await call(customer.PATCH, { method: "PATCH", params: { id }, body: { city: "Leipzig" } });
    const order = await call(orders.POST, { method: "POST", body: { externalId: "WEB-AUDIT-1", customerId: id, placedAt: TEST_NOW.toISOString(), totalMinor: 5_000 } });
    await call(refund.POST, { method: "POST", params: { id: order.json.id as string }, body: { amountMinor: 1_000 } });
    const other = await call(orders.POST, { method: "POST", body: { externalId: "WEB-AUDIT-2", customerId: id, placedAt: TEST_NOW.toISOString(), totalMinor: 700 } });
    await call(cancel.POST, { method: "POST", params: { id: other.json.id as string } });
    const twin = await call(customers.POST, { method: "POST", body: { externalId: "API-AUDIT-2", name: "Audit Trail" } });
    expect((await call(merge.POST, { method: "POST", params: { id }, body: { otherId: twin.json.id as string } })).status).toBe(200);
    expect((await call(erase.POST, { method: "POST", params: { id } })).status).toBe(200);

    const shop = await db.apiKey.findFirstOrThrow({ where: { name: "Shop" }, select: { id: true } });
    const entries = await db.auditLog.findMany({
      where: { OR: [{ entityId: { in: [id, twin.json.id as string, order.json.id as string, other.json.id as string] } }] },
      select: { action: true, actorId: true, after: true },
    });
    const actions = entries.map((entry) => entry.action).sort();
    expect(actions).toEqual(expect.arrayContaining(["customer.create", "customer.update", "order.create", "order.refund", "order.cancel", "customer.merge", "customer.erase"]));
    for (const entry of entries) {
      expect(entry.actorId, entry.action).toBeNull();
      expect((entry.after as { apiKey?: unknown }).apiKey, entry.action).toEqual({ id: shop.id, name: "Shop" });
    }
  });
});

describe("customers", () => {
  it("pages through every live customer with a cursor, without repeats", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const response = await call(customers.GET, { path: `/api/v1/customers?limit=50${cursor ? `&cursor=${cursor}` : ""}` });
      expect(response.status).toBe(200);
      const page = z.object({ data: z.array(CustomerResource), nextCursor: z.string().nullable() }).parse(response.json);
      for (const row of page.data) seen.add(row.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(await db.customer.count({ where: { archivedAt: null } }));
  });

  it("filters like the customers list and finds one customer by external id", async () => {
    const target = await someCustomer();
    const response = await call(customers.GET, { path: `/api/v1/customers?externalId=${target.externalId}` });
    expect((response.json.data as { id: string }[]).map((row) => row.id)).toEqual([target.id]);
    const vip = await call(customers.GET, { path: "/api/v1/customers?segment=vip&limit=200" });
    expect((vip.json.data as unknown[]).length).toBe(await db.segmentMembership.count({ where: { segment: { key: "vip" } } }));
  });

  it("answers 422 with field details for invalid input and a bad cursor, writing nothing", async () => {
    const before = await db.customer.count();
    const invalid = await call(customers.POST, { method: "POST", body: { name: "", email: "not-an-email", country: "XX" } });
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(invalid.json.error?.fields)).toMatch(/email/);
    expect(await db.customer.count()).toBe(before);
    expect((await call(customers.GET, { path: "/api/v1/customers?cursor=garbage" })).status).toBe(422);
    expect((await call(customers.GET, { path: "/api/v1/customers?limit=0" })).status).toBe(422);
    expect((await call(customers.POST, { method: "POST", body: "{not json" })).status).toBe(422);
  });

  it("answers 422 for a cursor that decodes but does not hold the route's sort values (never a 500)", async () => {
    const target = await someCustomer();
    const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString("base64url");
    const uuid = "00000000-0000-4000-8000-000000000001";
    const cases: [Route, string, Record<string, string>?][] = [
      [customers.GET, `/api/v1/customers?cursor=${cursor(["x", "y"])}`],
      [customers.GET, `/api/v1/customers?cursor=${cursor(["2026-01-01T00:00:00Z", "not-a-uuid"])}`],
      [customers.GET, `/api/v1/customers?cursor=${cursor([1, uuid])}`],
      [customerOrders.GET, `/api/v1/customers/x/orders?cursor=${cursor(["x", "y"])}`, { id: target.id }],
      [customerOrders.GET, `/api/v1/customers/x/orders?cursor=${cursor(["yesterday", uuid])}`, { id: target.id }],
      [segmentMembers.GET, `/api/v1/segments/vip/members?cursor=${cursor(["x", "y"])}`, { key: "vip" }],
      [segmentMembers.GET, `/api/v1/segments/vip/members?cursor=${cursor([1.5, uuid])}`, { key: "vip" }],
      [segmentMembers.GET, `/api/v1/segments/vip/members?cursor=${cursor([1e300, uuid])}`, { key: "vip" }],
      [duplicates.GET, `/api/v1/duplicates?cursor=${cursor([10, "x", "y"])}`],
      [duplicates.GET, `/api/v1/duplicates?cursor=${cursor([10, uuid])}`],
    ];
    for (const [route, path, params] of cases) {
      const response = await call(route, { path, params });
      expect(response.status, path).toBe(422);
      expect(JSON.stringify(response.json.error?.fields), path).toContain("cursor");
    }
    // A well-formed cursor still pages.
    const first = await call(customers.GET, { path: "/api/v1/customers?limit=1" });
    expect((await call(customers.GET, { path: `/api/v1/customers?limit=1&cursor=${first.json.nextCursor as string}` })).status).toBe(200);
  });

  it("creates (201), reads, updates and refuses a duplicate external id (409)", async () => {
    const created = await call(customers.POST, { method: "POST", body: { externalId: "API-C-1", name: "Ola Nordmann", email: "ola@example.no", country: "NO", tags: ["api"] } });
    expect(created.status).toBe(201);
    const resource = CustomerResource.parse(created.json);
    expect(resource).toMatchObject({ externalId: "API-C-1", name: "Ola Nordmann", tags: ["api"], orderCount: 0 });

    const duplicate = await call(customers.POST, { method: "POST", body: { externalId: "API-C-1", name: "Someone else" } });
    expect(duplicate.status).toBe(409);

    const updated = await call(customer.PATCH, { method: "PATCH", params: { id: resource.id }, body: { city: "Bergen", customAttributes: { loyaltyId: "L-9" } } });
    expect(updated.status).toBe(200);
    expect(CustomerResource.parse(updated.json)).toMatchObject({ city: "Bergen", email: "ola@example.no", customAttributes: { loyaltyId: "L-9" } });
    expect((await call(customer.GET, { params: { id: resource.id } })).json).toMatchObject({ city: "Bergen" });
  });

  it("answers 404 for an unknown or malformed id", async () => {
    for (const id of ["00000000-0000-4000-8000-00000000beef", "nope"]) {
      expect((await call(customer.GET, { params: { id } })).status).toBe(404);
      expect((await call(customerMetrics.GET, { params: { id } })).status).toBe(404);
      expect((await call(customerOrders.GET, { params: { id } })).status).toBe(404);
    }
  });
});

describe("orders from a shop", () => {
  it("creates an order once per Idempotency-Key, updates the customer's figures, and replays the first response", async () => {
    const target = await someCustomer();
    const metricsBefore = MetricsResource.parse((await call(customerMetrics.GET, { params: { id: target.id } })).json);
    const order = { externalId: "WEB-900001", source: "shop", customerExternalId: target.externalId, placedAt: new Date(TEST_NOW.getTime() - 3_600_000).toISOString(), totalMinor: 12_345, lines: [{ sku: "BEAN-1", name: "Beans", quantity: 3, unitPriceMinor: 4115 }] };
    const first = await call(orders.POST, { method: "POST", body: order, headers: { "idempotency-key": "order-WEB-900001" } });
    expect(first.status).toBe(201);
    const created = OrderResource.parse(first.json);
    expect(created.lines).toHaveLength(1);

    const again = await call(orders.POST, { method: "POST", body: order, headers: { "idempotency-key": "order-WEB-900001" } });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(created.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.order.count({ where: { externalId: "WEB-900001", source: "shop" } })).toBe(1);

    const reused = await call(orders.POST, { method: "POST", body: { ...order, totalMinor: 1 }, headers: { "idempotency-key": "order-WEB-900001" } });
    expect(reused.status).toBe(422);
    const duplicate = await call(orders.POST, { method: "POST", body: order });
    expect(duplicate.status).toBe(409);

    const metricsAfter = MetricsResource.parse((await call(customerMetrics.GET, { params: { id: target.id } })).json);
    expect(metricsAfter.historicalValueMinor).toBe(metricsBefore.historicalValueMinor + 12_345);
    expect(metricsAfter.totalClvMinor).toBeGreaterThan(metricsBefore.totalClvMinor);

    const listed = await call(customerOrders.GET, { params: { id: target.id }, path: "/api/v1/customers/x/orders?limit=1" });
    expect((listed.json.data as { id: string }[])[0]!.id).toBe(created.id);
    expect(listed.json.nextCursor).toBeTruthy();
  });

  it("refuses an order for an unknown customer (422), and refunds and cancels through the API", async () => {
    const unknown = await call(orders.POST, { method: "POST", body: { externalId: "WEB-1", customerExternalId: "NO-SUCH-CUSTOMER", placedAt: TEST_NOW.toISOString(), totalMinor: 500 } });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.json.error?.fields)).toContain("customerUnknown");

    const target = await someCustomer();
    const created = await call(orders.POST, { method: "POST", body: { externalId: "WEB-900002", customerId: target.id, placedAt: TEST_NOW.toISOString(), totalMinor: 10_000 } });
    const id = created.json.id as string;
    const refunded = await call(refund.POST, { method: "POST", params: { id }, body: { amountMinor: 2500 } });
    expect(refunded.status).toBe(200);
    expect(refunded.json).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedMinor: 2500 });
    expect((await call(refund.POST, { method: "POST", params: { id }, body: { amountMinor: 9_000 } })).status).toBe(422);
    expect((await call(cancel.POST, { method: "POST", params: { id } })).status).toBe(409);

    const other = await call(orders.POST, { method: "POST", body: { externalId: "WEB-900003", customerId: target.id, placedAt: TEST_NOW.toISOString(), totalMinor: 700 } });
    expect((await call(cancel.POST, { method: "POST", params: { id: other.json.id as string } })).json).toMatchObject({ status: "CANCELLED" });
    expect((await call(refund.POST, { method: "POST", params: { id: "00000000-0000-4000-8000-00000000beef" }, body: { amountMinor: 1 } })).status).toBe(404);
  });
});

describe("privacy", () => {
  it("exports a customer's data, erases them once (then 409), and refuses an agent key (403)", async () => {
    const created = await call(customers.POST, { method: "POST", body: { externalId: "API-PRIV-1", name: "Pia Privat", email: "pia@example.de" } });
    const id = created.json.id as string;
    const exported = await call(exportData.GET, { params: { id } });
    expect(exported.status).toBe(200);
    expect(exported.json.profile).toMatchObject({ name: "Pia Privat", email: "pia@example.de" });
    expect((await call(erase.POST, { method: "POST", key: keys.agent, params: { id } })).status).toBe(403);
    expect((await call(erase.POST, { method: "POST", params: { id } })).json).toEqual({ customerId: id, erased: true });
    expect((await call(erase.POST, { method: "POST", params: { id } })).status).toBe(409);
    expect((await call(customer.GET, { params: { id } })).json).toMatchObject({ name: "Erased customer", email: null, erased: true });
    const again = await call(customers.POST, { method: "POST", body: { externalId: "API-PRIV-1", name: "Pia Privat" } });
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toContain("erased");
  });
});

describe("segments and the description", () => {
  it("lets only keys whose role may see segments in the app (managers, admins) read them: an agent key gets 403", async () => {
    expect((await call(segments.GET, { key: keys.agent })).status).toBe(403);
    expect((await call(segmentMembers.GET, { key: keys.agent, params: { key: "vip" }, path: "/api/v1/segments/vip/members" })).status).toBe(403);
    expect((await call(segments.GET, { key: keys.reader })).status).toBe(200);
  });

  it("lists segments and pages through a segment's members, most valuable first", async () => {
    const list = await call(segments.GET, { key: keys.reader });
    const vip = (list.json.data as { key: string; members: number }[]).find((segment) => segment.key === "vip")!;
    const values: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await call(segmentMembers.GET, { key: keys.reader, params: { key: "vip" }, path: `/api/v1/segments/vip/members?limit=2${cursor ? `&cursor=${cursor}` : ""}` });
      values.push(...(response.json.data as { totalClvMinor: number }[]).map((member) => member.totalClvMinor));
      cursor = response.json.nextCursor as string | null;
    } while (cursor);
    expect(values).toHaveLength(vip.members);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect((await call(segmentMembers.GET, { params: { key: "no-such-segment" } })).status).toBe(404);
  });

  it("serves the OpenAPI description without a key", async () => {
    const response = openapi.GET();
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});

describe("pricing for the shop", () => {
  it("gives the discount tier and VIP status a shop prices with, to any key that may read customers", async () => {
    const vip = await db.segmentMembership.findFirstOrThrow({ where: { segment: { key: "vip" } }, select: { customerId: true } });
    await db.customer.update({ where: { id: vip.customerId }, data: { discountTier: "gold" } });
    const response = await call(customerPricing.GET, { key: keys.agent, params: { id: vip.customerId } });
    expect(response.status).toBe(200);
    const pricing = PricingResource.parse(response.json);
    expect(pricing).toMatchObject({ customerId: vip.customerId, discountTier: "gold", vip: true });
    expect(pricing.segments).toContain("vip");

    const other = await db.customer.findFirstOrThrow({ where: { memberships: { none: { segment: { key: "vip" } } }, discountTier: null }, select: { id: true } });
    expect(PricingResource.parse((await call(customerPricing.GET, { params: { id: other.id } })).json)).toMatchObject({ discountTier: null, vip: false });
    expect((await call(customerPricing.GET, { params: { id: "00000000-0000-4000-8000-00000000abcd" } })).status).toBe(404);
    expect((await call(customerPricing.GET, { key: null, params: { id: vip.customerId } })).status).toBe(401);
  });
});
