import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CustomerInputSchema } from "@/lib/schemas/customer";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { db } from "./client";
import { createCustomer, deleteCustomer, setCustomerArchived, updateCustomer } from "./customer-write";
import { listOwnerOptions } from "./users";

const actor = DEMO_USERS[1]!.id;
const now = new Date("2026-06-01T12:00:00Z");
const input = (overrides: Record<string, unknown> = {}) => CustomerInputSchema.parse({ name: "Ewa Nowak", email: "ewa@example.pl", ...overrides });

beforeAll(async () => {
  await seedShop(5);
});

async function expectAppError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).fieldErrors?.[field]).toBeDefined();
}

describe("a customer whose owner was deactivated", () => {
  it("keeps the owner when another field is edited, offers them labelled as inactive, and refuses a new inactive owner", async () => {
    const owner = await db.user.create({ data: { email: "leaver@example.com", name: "Lea Leaver", passwordHash: "x", role: "AGENT" }, select: { id: true } });
    const otherInactive = await db.user.create({ data: { email: "gone@example.com", name: "Gus Gone", passwordHash: "x", role: "AGENT", isActive: false }, select: { id: true } });
    const { id } = await createCustomer(input({ name: "Owned", email: "owned@example.com", ownerId: owner.id }), actor, now);
    await db.user.update({ where: { id: owner.id }, data: { isActive: false } });

    const options = await listOwnerOptions(owner.id);
    expect(options).toContainEqual({ id: owner.id, name: "Lea Leaver", isActive: false });
    expect(options.some((option) => option.id === otherInactive.id)).toBe(false);
    expect(options.filter((option) => option.isActive).length).toBe(await db.user.count({ where: { isActive: true } }));
    expect((await listOwnerOptions(null)).some((option) => option.id === owner.id)).toBe(false);

    let loaded = (await db.customer.findUniqueOrThrow({ where: { id } })).updatedAt;
    await updateCustomer(id, input({ name: "Owned", email: "owned@example.com", phone: "+49 30 1234567", ownerId: owner.id }), loaded, actor, now);
    expect(await db.customer.findUniqueOrThrow({ where: { id }, select: { ownerId: true, phone: true } })).toEqual({ ownerId: owner.id, phone: "+49 30 1234567" });

    loaded = (await db.customer.findUniqueOrThrow({ where: { id } })).updatedAt;
    await expectAppError(updateCustomer(id, input({ name: "Owned", email: "owned@example.com", ownerId: otherInactive.id }), loaded, actor, now), "INVALID", "ownerId");
    expect((await db.customer.findUniqueOrThrow({ where: { id } })).ownerId).toBe(owner.id);

    await updateCustomer(id, input({ name: "Owned", email: "owned@example.com", ownerId: DEMO_USERS[2]!.id }), loaded, actor, now);
    expect((await db.customer.findUniqueOrThrow({ where: { id } })).ownerId).toBe(DEMO_USERS[2]!.id);
  });
});

describe("writing customers", () => {
  it("creates a customer with an audit entry and consent time", async () => {
    const { id } = await createCustomer(input({ marketingConsent: true }), actor, now);
    const stored = await db.customer.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ name: "Ewa Nowak", marketingConsent: true, marketingConsentAt: now });
    expect(await db.auditLog.count({ where: { entityId: id, action: "customer.create" } })).toBe(1);
  });

  it("refuses a second live customer with the same email in any letter case, writing nothing", async () => {
    const before = await db.customer.count();
    await expectAppError(createCustomer(input({ name: "Other", email: "EWA@Example.PL" }), actor, now), "CONFLICT", "email");
    expect(await db.customer.count()).toBe(before);
    expect(await db.auditLog.count({ where: { action: "customer.create", after: { path: ["name"], equals: "Other" } } })).toBe(0);
  });

  it("lets an archived customer's email be used again, and refuses to restore the duplicate", async () => {
    const first = await createCustomer(input({ name: "Old", email: "reuse@example.com" }), actor, now);
    await setCustomerArchived(first.id, true, actor, now);
    await createCustomer(input({ name: "New", email: "Reuse@example.com" }), actor, now);
    await expectAppError(setCustomerArchived(first.id, false, actor, now), "CONFLICT", "email");
  });

  it("reports a concurrent edit instead of overwriting it", async () => {
    const { id } = await createCustomer(input({ name: "Versioned", email: null }), actor, now);
    const loaded = (await db.customer.findUniqueOrThrow({ where: { id } })).updatedAt;
    await updateCustomer(id, input({ name: "First edit", email: null }), loaded, actor, now);
    await expectAppError(updateCustomer(id, input({ name: "Second edit", email: null }), loaded, actor, now), "CONFLICT", "form");
    expect((await db.customer.findUniqueOrThrow({ where: { id } })).name).toBe("First edit");
  });

  it("records consent changes and only the changed fields in the audit log", async () => {
    const { id } = await createCustomer(input({ name: "Consent", email: "consent@example.com" }), actor, now);
    const loaded = (await db.customer.findUniqueOrThrow({ where: { id } })).updatedAt;
    const later = new Date("2026-06-02T09:00:00Z");
    await updateCustomer(id, input({ name: "Consent", email: "consent@example.com", marketingConsent: true, city: "Gdańsk" }), loaded, actor, later);
    expect(await db.customer.findUniqueOrThrow({ where: { id } })).toMatchObject({ marketingConsent: true, marketingConsentAt: later, city: "Gdańsk" });
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "customer.update" } });
    expect(entry.before).toEqual({ city: null, marketingConsent: false });
    expect(entry.after).toEqual({ city: "Gdańsk", marketingConsent: true });
  });

  it("refuses an inactive owner", async () => {
    await db.user.update({ where: { id: DEMO_USERS[2]!.id }, data: { isActive: false } });
    await expectAppError(createCustomer(input({ email: null, ownerId: DEMO_USERS[2]!.id }), actor, now), "INVALID", "ownerId");
    await db.user.update({ where: { id: DEMO_USERS[2]!.id }, data: { isActive: true } });
  });

  it("deletes a customer without orders, and refuses one with orders", async () => {
    const { id } = await createCustomer(input({ name: "Mistake", email: null }), actor, now);
    await deleteCustomer(id, actor);
    expect(await db.customer.findUnique({ where: { id } })).toBeNull();
    const withOrders = await db.customer.findFirstOrThrow({ where: { orderCount: { gt: 0 } }, select: { id: true } });
    await expectAppError(deleteCustomer(withOrders.id, actor), "CONFLICT", "form");
    await expectAppError(deleteCustomer("00000000-0000-4000-8000-00000000ffff", actor), "NOT_FOUND");
  });
});
