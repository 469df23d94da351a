/**
 * Duplicates through REST API v1, against a real database and the route handlers themselves: listing likely
 * duplicates with a cursor and merging two customers, with every status code these endpoints promise.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CustomerResource } from "@/lib/api/resources";
import { createApiKey } from "@/lib/db/api-keys";
import { db } from "@/lib/db/client";
import { DuplicatePairResource, MergeResultResource } from "@/lib/schemas/customer-merge";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import * as merge from "./customers/[id]/merge/route";
import * as customers from "./customers/route";
import * as duplicates from "./duplicates/route";

const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
const keys: Record<"manager" | "reader" | "agent", string> = { manager: "", reader: "", agent: "" };
const twins: { survivor: { id: string; externalId: string; orderCount: number }; other: { id: string; externalId: string; orderCount: number } } = {} as never;

beforeAll(async () => {
  await seedShop(40);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  keys.manager = (await createApiKey({ name: "Data steward", scope: "READ_WRITE", role: "MANAGER" }, admin.id)).secret;
  keys.reader = (await createApiKey({ name: "Reporting", scope: "READ", role: "MANAGER" }, admin.id)).secret;
  keys.agent = (await createApiKey({ name: "Helpdesk", scope: "READ_WRITE", role: "AGENT" }, admin.id)).secret;
  // Two seeded customers with orders become the same person, written differently: same name, same phone digits.
  const [survivor, other] = await db.customer.findMany({ where: { orderCount: { gt: 1 } }, orderBy: { externalId: "asc" }, skip: 5, take: 2, select: { id: true, externalId: true, orderCount: true } });
  await db.customer.update({ where: { id: survivor!.id }, data: { name: "Jürgen Weiß", phone: "+49 171 5550123" } });
  await db.customer.update({ where: { id: other!.id }, data: { name: "jurgen weiss", phone: "+491715550123" } });
  Object.assign(twins, { survivor: { ...survivor, externalId: survivor!.externalId! }, other: { ...other, externalId: other!.externalId! } });
});

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(route: Route, options: { method?: string; path?: string; key?: string | null; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? keys.manager : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://127.0.0.1${options.path ?? "/api/v1/test"}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const response = await route(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { code: string; fields?: unknown } } };
}

const Page = z.object({ data: z.array(DuplicatePairResource), nextCursor: z.string().nullable() });
const pairIds = (page: z.output<typeof Page>) => page.data.map((pair) => pair.customers.map((customer) => customer.id).sort().join("+"));
const twinIds = () => [twins.survivor.id, twins.other.id].sort().join("+");
const mergeTwins = (body: unknown, options: { key?: string; id?: string } = {}) =>
  call(merge.POST, { method: "POST", key: options.key, params: { id: options.id ?? twins.survivor.id }, path: `/api/v1/customers/${options.id ?? twins.survivor.id}/merge`, body });

describe("GET /api/v1/duplicates", () => {
  it("answers 401 without a key and 403 for a role that may not merge", async () => {
    expect((await call(duplicates.GET, { key: null })).status).toBe(401);
    const agent = await call(duplicates.GET, { key: keys.agent });
    expect(agent.status).toBe(403);
    expect(agent.json.error?.code).toBe("FORBIDDEN");
  });

  it("lists the likely duplicates with their reasons and figures, most valuable first, and pages with a cursor", async () => {
    // More pairs, so there is something to page through.
    const extra = await db.customer.findMany({ where: { orderCount: { gt: 0 } }, orderBy: { externalId: "desc" }, take: 4, select: { id: true } });
    for (const [index, customer] of extra.entries()) await db.customer.update({ where: { id: customer.id }, data: { name: `Twin ${index >> 1}`, phone: `+48 600 000 00${index >> 1}` } });

    const response = await call(duplicates.GET, { key: keys.reader, path: "/api/v1/duplicates" });
    expect(response.status).toBe(200);
    const page = Page.parse(response.json);
    expect(pairIds(page)).toContain(twinIds());
    const pair = page.data.find((candidate) => candidate.customers.some((customer) => customer.id === twins.survivor.id))!;
    expect(pair.reasons).toEqual(["namePhone"]);
    expect(pair.combinedClvMinor).toBe(pair.customers[0].totalClvMinor + pair.customers[1].totalClvMinor);
    expect(pair.customers[0].totalClvMinor).toBeGreaterThanOrEqual(pair.customers[1].totalClvMinor);
    expect(page.data.map((candidate) => candidate.combinedClvMinor)).toEqual([...page.data.map((candidate) => candidate.combinedClvMinor)].sort((a, b) => b - a));

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const next = Page.parse((await call(duplicates.GET, { path: `/api/v1/duplicates?limit=1${cursor ? `&cursor=${cursor}` : ""}` })).json);
      paged.push(...pairIds(next));
      cursor = next.nextCursor;
    } while (cursor);
    expect(paged).toEqual(pairIds(page));
    expect(paged.length).toBeGreaterThanOrEqual(3);
  });

  it("answers 422 for a bad cursor or limit", async () => {
    expect((await call(duplicates.GET, { path: "/api/v1/duplicates?cursor=garbage" })).status).toBe(422);
    const notIds = Buffer.from(JSON.stringify([1, "x", "y"])).toString("base64url");
    expect((await call(duplicates.GET, { path: `/api/v1/duplicates?cursor=${notIds}` })).status).toBe(422);
    expect((await call(duplicates.GET, { path: "/api/v1/duplicates?limit=0" })).status).toBe(422);
  });
});

describe("POST /api/v1/customers/{id}/merge", () => {
  it("answers 401 without a key, and 403 for a read-only key or a role that may not merge, merging nothing", async () => {
    expect((await mergeTwins({ otherId: twins.other.id }, { key: "wcrm_not-a-real-key" })).status).toBe(401);
    expect((await mergeTwins({ otherId: twins.other.id }, { key: keys.reader })).status).toBe(403);
    expect((await mergeTwins({ otherId: twins.other.id }, { key: keys.agent })).status).toBe(403);
    expect(await db.customer.count({ where: { id: { in: [twins.survivor.id, twins.other.id] } } })).toBe(2);
  });

  it("answers 422 for an invalid body or a merge with itself, 404 for unknown customers, 409 for an archived one", async () => {
    const invalid = await mergeTwins({ otherId: "not-an-id", fields: { email: "mine" } });
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(invalid.json.error?.fields)).toMatch(/otherId/);
    expect(JSON.stringify(invalid.json.error?.fields)).toMatch(/fields\.email/);
    const self = await mergeTwins({ otherId: twins.survivor.id });
    expect(self.status).toBe(422);
    expect(self.json.error?.fields).toEqual({ otherId: ["mergeSelf"] });

    expect((await mergeTwins({ otherId: "00000000-0000-4000-8000-00000000beef" })).status).toBe(404);
    expect((await mergeTwins({ otherId: twins.other.id }, { id: "00000000-0000-4000-8000-00000000beef" })).status).toBe(404);
    expect((await mergeTwins({ otherId: twins.other.id }, { id: "nope" })).status).toBe(404);

    const archived = await db.customer.create({ data: { name: "Jürgen Weiß", archivedAt: TEST_NOW }, select: { id: true } });
    const conflict = await mergeTwins({ otherId: archived.id });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error?.code).toBe("CONFLICT");
    expect(await db.customer.count({ where: { id: { in: [twins.survivor.id, twins.other.id, archived.id] } } })).toBe(3);
  });

  it("merges (200): the survivor has both customers' orders and the other's external id, and the pair is gone from the list", async () => {
    const otherOrders = await db.order.count({ where: { customerId: twins.other.id } });
    const response = await mergeTwins({ otherId: twins.other.id, fields: { phone: "other" }, tags: "union" });
    expect(response.status).toBe(200);
    const result = MergeResultResource.parse(response.json);
    expect(result.mergedId).toBe(twins.other.id);
    expect(result.aliases).toEqual([twins.other.externalId]);
    expect(result.moved.orders).toBe(otherOrders);
    expect(result.customer).toMatchObject({ id: twins.survivor.id, externalId: twins.survivor.externalId, name: "Jürgen Weiß", phone: "+491715550123", orderCount: twins.survivor.orderCount + twins.other.orderCount });

    const byAlias = await call(customers.GET, { path: `/api/v1/customers?externalId=${twins.other.externalId}` });
    expect(z.object({ data: z.array(CustomerResource) }).parse(byAlias.json).data.map((customer) => customer.id)).toEqual([twins.survivor.id]);
    expect(pairIds(Page.parse((await call(duplicates.GET, { path: "/api/v1/duplicates?limit=200" })).json))).not.toContain(twinIds());

    // Merging it again: the other customer no longer exists.
    expect((await mergeTwins({ otherId: twins.other.id })).status).toBe(404);
  });
});
