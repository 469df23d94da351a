import { beforeAll, describe, expect, it } from "vitest";
import { seedShop } from "@/tests/support/seed-shop";
import { db } from "./client";
import { listDuplicatePairs, type DuplicatePair } from "./duplicates";

const ids: Record<string, string> = {};

async function customer(key: string, data: { name: string; email?: string | null; phone?: string | null; archivedAt?: Date; erasedAt?: Date }, clv = 0) {
  const { id } = await db.customer.create({ data, select: { id: true } });
  await db.customerMetrics.update({ where: { customerId: id }, data: { totalClvMinor: clv, historicalValueMinor: clv } });
  ids[key] = id;
}

/** Every pair, page by page, as sorted key pairs ("anna+plain") with their reasons. */
async function allPairs(limit = 100, customerId?: string): Promise<DuplicatePair[]> {
  const pairs: DuplicatePair[] = [];
  let after = null;
  do {
    const page: Awaited<ReturnType<typeof listDuplicatePairs>> = await listDuplicatePairs({ after, limit, customerId });
    pairs.push(...page.pairs);
    after = page.next;
  } while (after);
  return pairs;
}

const keyOf = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0] ?? "seeded";
const label = (pair: DuplicatePair) => pair.customers.map((c) => keyOf(c.id)).sort().join("+");

beforeAll(async () => {
  // Seeded customers around them: unique emails and random phones, none of them duplicates.
  await seedShop(40);
  await customer("anna", { name: "Anna Schmidt", email: "anna.schmidt@example.com", phone: "+49 30 1234567" }, 50_000);
  await customer("annaShop", { name: "Anna Schmidt", email: "Anna.Schmidt+Shop@Example.com", phone: "+49301234567" }, 20_000);
  await customer("annaNews", { name: "A. Schmidt", email: "anna.schmidt+news@example.com" }, 0);
  await customer("gosia", { name: "Małgorzata  Wiśniewska", email: "gosia@example.pl", phone: "+48 601 234 567" }, 9_000);
  await customer("gosiaAscii", { name: "MALGORZATA WISNIEWSKA", email: "mw@firma.example.pl", phone: "(+48) 601-234-567" }, 1_000);
  await customer("gosiaOtherPhone", { name: "Małgorzata Wiśniewska", phone: "+48 601 234 568" }, 0);
  await customer("samePhoneOtherName", { name: "Piotr Wiśniewski", phone: "+48601234567" }, 0);
  await customer("gosiaArchived", { name: "Małgorzata Wiśniewska", phone: "+48 601 234 567", archivedAt: new Date("2026-01-01T00:00:00Z") }, 99_000);
  await customer("gosiaErased", { name: "Małgorzata Wiśniewska", phone: "+48601234567", erasedAt: new Date("2026-01-01T00:00:00Z") }, 99_000);
  await customer("shortPhoneA", { name: "Kim", phone: "+1 234" }, 0);
  await customer("shortPhoneB", { name: "kim", phone: "1234" }, 0);
});

describe("finding likely duplicates", () => {
  it("pairs the same email ignoring letter case and a +tag, and the same name and phone however they are written, each pair once", async () => {
    const pairs = await allPairs();
    expect(pairs.map(label).sort()).toEqual(["anna+annaNews", "anna+annaShop", "annaNews+annaShop", "gosia+gosiaAscii"]);
    const byLabel = new Map(pairs.map((pair) => [label(pair), pair]));
    expect(byLabel.get("anna+annaShop")!.reasons).toEqual(["email", "namePhone"]);
    expect(byLabel.get("anna+annaNews")!.reasons).toEqual(["email"]);
    expect(byLabel.get("gosia+gosiaAscii")!.reasons).toEqual(["namePhone"]);
  });

  it("cannot meet two live customers whose emails differ only in letter case: the live email index refuses the second", async () => {
    await expect(db.customer.create({ data: { name: "Anna S.", email: "ANNA.SCHMIDT@EXAMPLE.COM" } })).rejects.toThrow();
  });

  it("leaves out archived and erased customers, other phones, other names and numbers too short to tell", async () => {
    const involved = new Set((await allPairs()).flatMap((pair) => pair.customers.map((c) => keyOf(c.id))));
    for (const key of ["gosiaOtherPhone", "samePhoneOtherName", "gosiaArchived", "gosiaErased", "shortPhoneA", "shortPhoneB", "seeded"]) expect(involved.has(key), key).toBe(false);
  });

  it("puts the most valuable pairs first, the more valuable customer first, with their figures", async () => {
    const { pairs, total } = await listDuplicatePairs({ limit: 10 });
    expect(total).toBe(4);
    expect(pairs.map((pair) => pair.combinedClvMinor)).toEqual([70_000, 50_000, 20_000, 10_000]);
    expect(pairs[0]!.customers.map((c) => c.id)).toEqual([ids.anna, ids.annaShop]);
    expect(pairs[3]!.customers[0]).toMatchObject({ id: ids.gosia, name: "Małgorzata  Wiśniewska", phone: "+48 601 234 567", totalClvMinor: 9_000, orderCount: 0 });
  });

  it("pages with a cursor without repeating or losing a pair, and counts all of them on every page", async () => {
    const first = await listDuplicatePairs({ limit: 3 });
    expect(first.pairs).toHaveLength(3);
    const second = await listDuplicatePairs({ limit: 3, after: first.next });
    expect(second).toMatchObject({ total: 4, next: null });
    expect([...first.pairs, ...second.pairs].map(label)).toEqual((await listDuplicatePairs({ limit: 10 })).pairs.map(label));
    expect((await allPairs(1)).map(label)).toEqual((await allPairs(100)).map(label));
  });

  it("lists one customer's possible duplicates", async () => {
    expect((await allPairs(10, ids.annaNews)).map(label).sort()).toEqual(["anna+annaNews", "annaNews+annaShop"]);
    expect(await allPairs(10, ids.gosiaOtherPhone)).toEqual([]);
  });
});
