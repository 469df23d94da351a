/**
 * A shop pushing orders in parallel: twice as many concurrent order creates as the raw SQL pool has connections,
 * some sharing an Idempotency-Key, all complete, and each key creates one order. When the pool really is
 * exhausted, the API answers 503 with Retry-After instead of hanging.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type pg from "pg";
import { createApiKey } from "@/lib/db/api-keys";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import * as customers from "./customers/route";
import * as orders from "./orders/route";

// Before the data layer reads the environment: a short wait for a free connection, so exhaustion shows quickly.
vi.hoisted(() => {
  process.env.DATABASE_CONNECT_TIMEOUT_MS = "4000";
});

const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
let shopKey = "";

beforeAll(async () => {
  await seedShop(40);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  shopKey = (await createApiKey({ name: "Shop", scope: "READ_WRITE", role: "MANAGER" }, admin.id)).secret;
});

afterAll(() => {
  delete process.env.DATABASE_CONNECT_TIMEOUT_MS;
});

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(route: Route, options: { method?: string; path?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${shopKey}`, ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://127.0.0.1${options.path ?? "/api/v1/orders"}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const response = await route(request, { params: Promise.resolve({}) });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Still running after ${ms} ms: the requests are stuck`)), ms))]);
}

describe("parallel order pushes", () => {
  it("completes twice as many concurrent creates as the pool has connections, and a repeated Idempotency-Key creates once", async () => {
    const poolSize = env().DATABASE_POOL_SIZE;
    const buyers = await db.customer.findMany({ where: { externalId: { startsWith: "C-" }, archivedAt: null }, orderBy: { externalId: "asc" }, take: 8, select: { externalId: true } });
    const distinct = Math.ceil(poolSize * 1.5);
    // 2 × pool size requests: `distinct` keys, the first few of them sent twice at the same moment.
    const keys = Array.from({ length: 2 * poolSize }, (_, index) => (index < distinct ? index : index - distinct));
    const responses = await within(
      45_000,
      Promise.all(
        keys.map((keyIndex) =>
          call(orders.POST, {
            method: "POST",
            body: { externalId: `PAR-${keyIndex}`, source: "shop", customerExternalId: buyers[keyIndex % buyers.length]!.externalId, placedAt: new Date(TEST_NOW.getTime() - 60_000).toISOString(), totalMinor: 1_000 + keyIndex, lines: [] },
            headers: { "idempotency-key": `push-${keyIndex}` },
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(keys.map(() => 201));
    const idsByKey = new Map<number, Set<string>>();
    keys.forEach((keyIndex, index) => (idsByKey.get(keyIndex) ?? idsByKey.set(keyIndex, new Set()).get(keyIndex)!).add(responses[index]!.json.id as string));
    for (const ids of idsByKey.values()) expect(ids.size).toBe(1);
    expect(await db.order.count({ where: { externalId: { startsWith: "PAR-" } } })).toBe(distinct);
    expect(responses.filter((response) => response.headers.get("idempotent-replayed") === "true")).toHaveLength(keys.length - distinct);
    // Every key ended stored with its response, none left pending.
    expect(await db.apiIdempotencyKey.count({ where: { idempotencyKey: { startsWith: "push-" }, status: 201 } })).toBe(distinct);
  });

  it("answers 503 with Retry-After when no database connection frees up in time, and works again after", async () => {
    const held: pg.PoolClient[] = [];
    try {
      for (let index = 0; index < env().DATABASE_POOL_SIZE; index++) held.push(await pgPool().connect());
      const busy = await within(20_000, call(customers.GET, { path: "/api/v1/customers?limit=1" }));
      expect(busy.status).toBe(503);
      expect(busy.json.error?.code).toBe("UNAVAILABLE");
      expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      for (const client of held) client.release();
    }
    expect((await call(customers.GET, { path: "/api/v1/customers?limit=1" })).status).toBe(200);
  });
});
