import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedShop } from "@/tests/support/seed-shop";
import { unsubscribe } from "./unsubscribe";
import { unsubscribeUrl } from "./workflows/unsubscribe-link";

const SECRET = "unsubscribe-test-secret-0123456789";
const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

let customerId: string;
let otherId: string;

beforeAll(async () => {
  await seedShop(1);
  customerId = (await db.customer.create({ data: { name: "Una Subscribe", marketingConsent: true, marketingConsentAt: new Date("2026-01-01") }, select: { id: true } })).id;
  otherId = (await db.customer.create({ data: { name: "Otto Other", marketingConsent: true }, select: { id: true } })).id;
});

describe("unsubscribe link", () => {
  it("refuses an altered token, another customer's token, a missing token or a missing secret, and changes nothing", async () => {
    const link = queryOf(unsubscribeUrl("http://127.0.0.1:3000", customerId, SECRET));
    expect(await unsubscribe({ ...link, t: `${link.t!.slice(0, -2)}xx` }, SECRET, new Date())).toBe("invalidLink");
    expect(await unsubscribe({ ...link, c: otherId }, SECRET, new Date())).toBe("invalidLink");
    expect(await unsubscribe({ c: customerId }, SECRET, new Date())).toBe("invalidLink");
    expect(await unsubscribe(link, undefined, new Date())).toBe("invalidLink");
    expect(await unsubscribe(link, "another-secret-0123456789", new Date())).toBe("invalidLink");
    const customers = await db.customer.findMany({ where: { id: { in: [customerId, otherId] } }, select: { marketingConsent: true } });
    expect(customers.every((customer) => customer.marketingConsent)).toBe(true);
  });

  it("withdraws marketing consent once, with the time and an audit entry; a second click keeps the first time", async () => {
    const link = queryOf(unsubscribeUrl("http://127.0.0.1:3000", customerId, SECRET));
    const now = new Date("2026-11-25T10:00:00Z");
    expect(await unsubscribe(link, SECRET, now)).toBe("withdrawn");
    expect(await unsubscribe(link, SECRET, new Date("2026-11-26T10:00:00Z"))).toBe("alreadyWithdrawn");
    expect(await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { marketingConsent: true, marketingConsentAt: true } })).toEqual({ marketingConsent: false, marketingConsentAt: now });
    expect(await db.auditLog.count({ where: { action: "customer.unsubscribe", entityId: customerId } })).toBe(1);
    expect((await db.customer.findUniqueOrThrow({ where: { id: otherId } })).marketingConsent).toBe(true);
  });
});
