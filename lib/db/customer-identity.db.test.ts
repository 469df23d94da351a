import { describe, expect, it } from "vitest";
import { db } from "./client";
import { pgPool } from "./pg-pool";
import { erasedAt, findCustomerIdByExternalId, hashExternalId, SQL_EXTERNAL_ID_HASH } from "./customer-identity";

describe("customer identity", () => {
  it("finds a customer by their own external id or by an alias from a merge", async () => {
    const customer = await db.customer.create({ data: { name: "Ida", externalId: "SHOP-1" }, select: { id: true } });
    await db.customerAlias.create({ data: { externalId: "SHOP-OLD-7", customerId: customer.id } });
    expect(await findCustomerIdByExternalId("SHOP-1")).toBe(customer.id);
    expect(await findCustomerIdByExternalId("SHOP-OLD-7")).toBe(customer.id);
    expect(await findCustomerIdByExternalId("SHOP-2")).toBeNull();
  });

  it("refuses an external id that is already another customer's alias", async () => {
    await expect(db.customer.create({ data: { name: "Ida again", externalId: "SHOP-OLD-7" } })).rejects.toThrow();
  });

  it("hashes external ids the same way in TypeScript and in SQL, and remembers erased ones", async () => {
    const { rows } = await pgPool().query<{ hash: string }>(`SELECT ${SQL_EXTERNAL_ID_HASH("$1::text")} AS hash`, ["Łódź-Kunde-42"]);
    expect(rows[0]!.hash).toBe(hashExternalId("Łódź-Kunde-42"));
    const at = new Date("2026-05-01T10:00:00Z");
    await db.erasedExternalId.create({ data: { externalIdHash: hashExternalId("GONE-1"), erasedAt: at } });
    expect(await erasedAt("GONE-1")).toEqual(at);
    expect(await erasedAt("GONE-2")).toBeNull();
  });
});
