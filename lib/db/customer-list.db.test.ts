import { beforeAll, describe, expect, it } from "vitest";
import { parseCustomerListQuery } from "@/lib/schemas/customer-list";
import type { Shop } from "@/prisma/factories/shop";
import { seedShop } from "@/tests/support/seed-shop";
import { recomputeCustomerValue } from "@/lib/services/recompute-customer-value";
import { TEST_NOW } from "@/tests/support/seed-shop";
import { iterateCustomers, listCustomers, listCustomerTags, sumCustomerValues } from "./customer-list";
import { db } from "./client";

let shop: Shop;
let neverOrderedId: string;

beforeAll(async () => {
  shop = await seedShop(300);
  // One archived customer, who must never appear in the list.
  await db.customer.update({ where: { id: shop.customers[10]!.id }, data: { archivedAt: new Date() } });
  neverOrderedId = (await db.customer.create({ data: { name: "Never Ordered", tags: ["100%_sure"] }, select: { id: true } })).id;
});

const liveCustomers = () => shop.customers.filter((_, index) => index !== 10);
const LIVE_COUNT = 300; // 299 seeded live customers + "Never Ordered"

describe("customers list", () => {
  it("counts live customers and pages through all of them without repeats", async () => {
    const seen = new Set<string>();
    let total = 0;
    for (let page = 1; page <= 4; page++) {
      const result = await listCustomers(parseCustomerListQuery({ page: String(page), pageSize: "100", sort: "totalSpent" }));
      total = result.total;
      for (const row of result.rows) seen.add(row.id);
    }
    expect(total).toBe(LIVE_COUNT);
    expect(seen.size).toBe(LIVE_COUNT);
    expect(seen.has(shop.customers[10]!.id)).toBe(false);
  });

  it.each([
    ["totalSpent", "desc", (row: { totalSpentMinor: number }) => row.totalSpentMinor],
    ["orderCount", "asc", (row: { orderCount: number }) => row.orderCount],
  ] as const)("sorts by %s %s", async (sort, dir, value) => {
    const { rows } = await listCustomers(parseCustomerListQuery({ sort, dir, pageSize: "100" }));
    const values = rows.map((row) => value(row as never));
    const sorted = [...values].sort((a, b) => (dir === "asc" ? a - b : b - a));
    expect(values).toEqual(sorted);
  });

  it("sorts by last order, newest first, with customers who never ordered last", async () => {
    const rows = [];
    for (const page of ["1", "2", "3"]) rows.push(...(await listCustomers(parseCustomerListQuery({ sort: "lastOrderAt", pageSize: "100", page }))).rows);
    const firstNever = rows.findIndex((row) => row.lastOrderAt === null);
    expect(rows.slice(firstNever).every((row) => row.lastOrderAt === null)).toBe(true);
    expect(rows.slice(firstNever).map((row) => row.id)).toContain(neverOrderedId);
    const times = rows.slice(0, firstNever).map((row) => row.lastOrderAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("searches name, email and company case-insensitively", async () => {
    const thomas = (await listCustomers(parseCustomerListQuery({ q: "müller kaffee" }))).rows;
    expect(thomas.map((row) => row.name)).toEqual(["Thomas Müller"]);
    const byEmail = (await listCustomers(parseCustomerListQuery({ q: "GRETA.LINDQVIST@" }))).rows;
    expect(byEmail.map((row) => row.name)).toEqual(["Greta Lindqvist"]);
    const none = await listCustomers(parseCustomerListQuery({ q: "no such customer anywhere" }));
    expect(none).toEqual({ rows: [], total: 0 });
  });

  it("treats % and _ in a search as plain characters", async () => {
    expect((await listCustomers(parseCustomerListQuery({ q: "%" }))).total).toBe(0);
    expect((await listCustomers(parseCustomerListQuery({ q: "_" }))).total).toBe(0);
    await db.customer.update({ where: { id: neverOrderedId }, data: { company: "100% Kaffee_Bar" } });
    expect((await listCustomers(parseCustomerListQuery({ q: "100% kaffee_" }))).rows.map((row) => row.id)).toEqual([neverOrderedId]);
  });

  it("filters by country, channel and tag, and combines filters", async () => {
    const expected = liveCustomers().filter((c) => c.country === "DE" && c.acquisitionChannel === "organic_search");
    const result = await listCustomers(parseCustomerListQuery({ country: "de", channel: "organic_search", pageSize: "100" }));
    expect(result.total).toBe(expected.length);
    expect(new Set(result.rows.map((row) => row.id))).toEqual(new Set(expected.map((c) => c.id)));

    const b2b = liveCustomers().filter((c) => c.tags.includes("b2b"));
    expect((await listCustomers(parseCustomerListQuery({ tag: "b2b" }))).total).toBe(b2b.length);
    expect(await listCustomerTags()).toContain("b2b");
  });

  it("streams every matching row for exports, in list order", async () => {
    const query = parseCustomerListQuery({ sort: "name" });
    const rows = [];
    for await (const batch of iterateCustomers(query, 70)) rows.push(...batch);
    expect(rows).toHaveLength(LIVE_COUNT);
    const firstPage = await listCustomers({ ...query, pageSize: 100 });
    expect(rows.slice(0, 100).map((row) => row.id)).toEqual(firstPage.rows.map((row) => row.id));
  });
});

describe("customers list by value", () => {
  beforeAll(async () => {
    await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
  });

  const allPages = async (params: Record<string, string>) => {
    const rows = [];
    for (let page = 1; page <= 3; page++) rows.push(...(await listCustomers(parseCustomerListQuery({ ...params, pageSize: "100", page: String(page) }))).rows);
    return rows;
  };

  it("sorts by total CLV, largest first, over every live customer", async () => {
    const rows = await allPages({ sort: "totalClv" });
    expect(rows).toHaveLength(LIVE_COUNT);
    const values = rows.map((row) => row.totalClvMinor);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(rows.at(-1)!.totalClvMinor).toBe(0);
  });

  it("sorts by P(alive), most at risk first, with customers the model could not score last", async () => {
    const rows = await allPages({ sort: "probabilityAlive" });
    const firstUnknown = rows.findIndex((row) => row.probabilityAlive === null);
    expect(firstUnknown).toBeGreaterThan(0);
    expect(rows.slice(firstUnknown).every((row) => row.probabilityAlive === null)).toBe(true);
    const known = rows.slice(0, firstUnknown).map((row) => row.probabilityAlive!);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(rows.map((row) => row.id)).toContain(neverOrderedId);
  });

  it("filters by segment, with totals over all matching customers", async () => {
    const vipIds = (await db.segmentMembership.findMany({ where: { segment: { key: "vip" } }, select: { customerId: true } })).map((m) => m.customerId);
    expect(vipIds.length).toBeGreaterThan(5);
    const result = await listCustomers(parseCustomerListQuery({ segment: "vip", sort: "totalClv", pageSize: "100" }));
    expect(result.total).toBe(vipIds.length);
    expect(new Set(result.rows.map((row) => row.id))).toEqual(new Set(vipIds));

    const totals = await sumCustomerValues(parseCustomerListQuery({ segment: "vip" }));
    expect(totals.customers).toBe(vipIds.length);
    const sum = (pick: (row: (typeof result.rows)[number]) => number | null) => result.rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
    expect(totals).toEqual({
      customers: vipIds.length,
      totalSpentMinor: sum((row) => row.totalSpentMinor),
      historicalValueMinor: sum((row) => row.historicalValueMinor),
      predictedValueMinor: sum((row) => row.predictedValueMinor),
      totalClvMinor: sum((row) => row.totalClvMinor),
    });
    expect(await listCustomers(parseCustomerListQuery({ segment: "no-such-segment" }))).toEqual({ rows: [], total: 0 });
  });

  it("pages a segment by value alike whether the page is found by walking the value index or by sorting the members", async () => {
    const cases = [
      { segment: "vip", sort: "totalClv" },
      { segment: "active", sort: "historicalValue" },
      { segment: "active", sort: "predictedValue", dir: "asc" },
      { segment: "lost", sort: "probabilityAlive" },
    ];
    for (const params of cases) {
      const members = await db.segmentMembership.count({ where: { segment: { key: params.segment } } });
      expect(members, params.segment).toBeGreaterThan(10);
      for (const page of ["1", "2"]) {
        const query = parseCustomerListQuery({ ...params, pageSize: "10", page });
        const walked = await listCustomers(query, { segmentWindow: 1_000_000 });
        const sorted = await listCustomers(query, { segmentWindow: 0 });
        // A window too short for the page falls back to sorting the members.
        const shortWindow = await listCustomers(query, { segmentWindow: 12 });
        expect(walked.rows.length, JSON.stringify(params)).toBe(Math.min(10, Math.max(0, members - (Number(page) - 1) * 10)));
        expect(walked.total).toBe(members);
        expect(sorted).toEqual(walked);
        expect(shortWindow).toEqual(walked);
      }
    }
  });

  it("sorts by historical value, largest first, through every page without repeats", async () => {
    const rows = await allPages({ sort: "historicalValue" });
    expect(new Set(rows.map((row) => row.id)).size).toBe(LIVE_COUNT);
    const values = rows.map((row) => row.historicalValueMinor);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBeGreaterThan(0);
    expect(rows.every((row) => row.rfmGroup === null || typeof row.rfmGroup === "string")).toBe(true);
  });

  it("exports in the same order as the pages, sorted by value", async () => {
    const query = parseCustomerListQuery({ sort: "predictedValue" });
    const streamed = [];
    for await (const batch of iterateCustomers(query, 64)) streamed.push(...batch);
    expect(streamed.map((row) => row.id)).toEqual((await allPages({ sort: "predictedValue" })).map((row) => row.id));
  });
});
