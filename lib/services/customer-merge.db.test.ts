import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findCustomerIdByExternalId } from "@/lib/db/customer-identity";
import type { MergeRecord } from "@/lib/db/customer-merge";
import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors";
import { MergeChoicesSchema, type MergeRequest } from "@/lib/schemas/customer-merge";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { mergeCustomers, resolveMergedValues } from "./customer-merge";
import { recomputeCustomerValue } from "./recompute-customer-value";

const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
const agent = DEMO_USERS.find((user) => user.role === "AGENT")!;
const choices = (input: unknown = {}) => MergeChoicesSchema.parse(input);

beforeAll(async () => {
  await seedShop(60);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

/** Two seeded customers with orders and segment memberships, not used by another test (skip picks the pair). */
async function seededPair(skip: number) {
  const [survivor, other] = await db.customer.findMany({
    where: { orderCount: { gt: 1 }, archivedAt: null, memberships: { some: {} } },
    orderBy: { externalId: "asc" },
    skip,
    take: 2,
    select: { id: true, externalId: true, email: true, phone: true, orderCount: true, totalSpentMinor: true, updatedAt: true },
  });
  return { survivor: survivor!, other: other! };
}

/** Everything a merge touches for one customer, to compare before and after. */
async function snapshot(customerId: string) {
  const [customer, orders, notes, tasks, events, memberships, aliases, metrics] = await Promise.all([
    db.customer.findUnique({ where: { id: customerId } }),
    db.order.findMany({ where: { customerId }, select: { id: true }, orderBy: { id: "asc" } }),
    db.note.findMany({ where: { customerId }, select: { id: true }, orderBy: { id: "asc" } }),
    db.task.findMany({ where: { customerId }, select: { id: true }, orderBy: { id: "asc" } }),
    db.segmentMembershipEvent.findMany({ where: { customerId }, select: { id: true }, orderBy: { id: "asc" } }),
    db.segmentMembership.findMany({ where: { customerId }, select: { segmentId: true }, orderBy: { segmentId: "asc" } }),
    db.customerAlias.findMany({ where: { customerId }, select: { externalId: true }, orderBy: { externalId: "asc" } }),
    db.customerMetrics.findUnique({ where: { customerId } }),
  ]);
  return { customer, orders, notes, tasks, events, memberships, aliases, metrics };
}

async function expectAppError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).fieldErrors?.[field]).toBeDefined();
}

describe("merging two customers", () => {
  it("moves orders, notes, tasks, history and aliases to the survivor, keeps both external ids, and audits it", async () => {
    const { survivor, other } = await seededPair(0);
    await db.customer.update({ where: { id: survivor.id }, data: { tags: ["wholesale"], customAttributes: { tier: "gold", source: "shop" } } });
    await db.customer.update({ where: { id: other.id }, data: { tags: ["newsletter", "wholesale"], customAttributes: { source: "pos", loyaltyId: "L-7" }, company: "Rösterei Nord" } });
    await db.customerAlias.create({ data: { externalId: "OLD-SHOP-42", customerId: other.id } });
    await db.note.create({ data: { customerId: other.id, authorId: agent.id, body: "Called about a second account." } });
    await db.task.create({ data: { customerId: other.id, title: "Send the merged invoice" } });
    // A workflow run and the email it sent; and a run started by hand for both by the same request.
    const segment = await db.segment.findFirstOrThrow({ where: { key: "vip" }, select: { id: true } });
    const workflow = await db.workflow.create({ data: { name: "Welcome VIPs", segmentId: segment.id, trigger: "ENTER", steps: [] }, select: { id: true } });
    const run = await db.workflowRun.create({ data: { workflowId: workflow.id, workflowVersion: 1, customerId: other.id, source: "SEGMENT_EVENT", status: "COMPLETED" }, select: { id: true } });
    for (const customerId of [survivor.id, other.id]) await db.workflowRun.create({ data: { workflowId: workflow.id, workflowVersion: 1, customerId, source: "MANUAL", manualRequestId: "request-1" } });
    await db.outboxEmail.create({ data: { idempotencyKey: `${run.id}:0`, messageId: `<${run.id}@crm>`, customerId: other.id, runId: run.id, toAddress: other.email!, subject: "Welcome", bodyText: "Hi", bodyHtml: "<p>Hi</p>", transport: "outbox" } });
    const [before, otherBefore] = [await snapshot(survivor.id), await snapshot(other.id)];
    expect(otherBefore.events.length).toBeGreaterThan(0);

    const request: MergeRequest = { survivorId: survivor.id, otherId: other.id, choices: choices({ fields: { email: "other", phone: "other" } }) };
    const outcome = await mergeCustomers(request, { actorId: admin.id, now: TEST_NOW });

    expect(outcome.moved).toEqual({
      orders: otherBefore.orders.length,
      notes: otherBefore.notes.length,
      tasks: otherBefore.tasks.length,
      membershipEvents: otherBefore.events.length,
      workflowRuns: 1,
      emails: 1,
      aliases: 1,
    });
    expect(await db.workflowRun.findUniqueOrThrow({ where: { id: run.id }, select: { customerId: true } })).toEqual({ customerId: survivor.id });
    expect(await db.workflowRun.count({ where: { workflowId: workflow.id, manualRequestId: "request-1" } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { customerId: survivor.id } })).toBe(1);
    const after = await snapshot(survivor.id);
    const gone = await snapshot(other.id);
    expect(gone.customer).toBeNull();
    expect(gone.metrics).toBeNull();
    expect([gone.orders, gone.notes, gone.tasks, gone.events, gone.memberships, gone.aliases].every((rows) => rows.length === 0)).toBe(true);
    const ids = (rows: { id: string | bigint }[]) => rows.map((row) => String(row.id)).sort();
    expect(ids(after.orders)).toEqual(ids([...before.orders, ...otherBefore.orders]));
    expect(ids(after.notes)).toEqual(ids([...before.notes, ...otherBefore.notes]));
    expect(ids(after.tasks)).toEqual(ids([...before.tasks, ...otherBefore.tasks]));
    expect(ids(after.events)).toEqual(expect.arrayContaining(ids([...before.events, ...otherBefore.events])));

    // Both external ids still lead to the survivor: its own, the other's, and the alias the other had.
    expect(after.customer!.externalId).toBe(survivor.externalId);
    expect(after.aliases.map((alias) => alias.externalId).sort()).toEqual([other.externalId!, "OLD-SHOP-42"].sort());
    expect(outcome.aliases.sort()).toEqual([other.externalId!, "OLD-SHOP-42"].sort());
    for (const externalId of [survivor.externalId!, other.externalId!, "OLD-SHOP-42"]) expect(await findCustomerIdByExternalId(externalId)).toBe(survivor.id);

    // Chosen values (the other's email, freed from the live email index first), defaults and unions.
    expect(after.customer).toMatchObject({
      email: other.email,
      phone: other.phone,
      company: "Rösterei Nord",
      tags: ["wholesale", "newsletter"],
      customAttributes: { tier: "gold", source: "shop", loyaltyId: "L-7" },
    });

    // The order aggregates (kept by the triggers) and the CLV figures cover both customers' orders.
    expect(after.customer!.orderCount).toBe(survivor.orderCount + other.orderCount);
    expect(after.customer!.totalSpentMinor).toBe(survivor.totalSpentMinor + other.totalSpentMinor);
    expect(after.metrics!.historicalValueMinor).toBe(before.metrics!.historicalValueMinor + otherBefore.metrics!.historicalValueMinor);
    expect(after.metrics!.computedAt).toEqual(TEST_NOW);
    expect(after.metrics!.totalClvMinor).toBeGreaterThanOrEqual(before.metrics!.totalClvMinor);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "customer.merge", entityId: survivor.id } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.before).toMatchObject({ survivor: { id: survivor.id, email: survivor.email }, merged: { id: other.id, externalId: other.externalId, email: other.email } });
    expect(audit.after).toMatchObject({
      survivorId: survivor.id,
      mergedId: other.id,
      moved: outcome.moved,
      values: { email: other.email, phone: other.phone, company: "Rösterei Nord" },
      choices: { fields: { email: "other", phone: "other", name: "survivor", company: "other" }, tags: "union", customAttributes: "merge" },
    });
  });

  it("leaves nothing half-written when a step fails after orders were moved", async () => {
    const { survivor, other } = await seededPair(2);
    await db.note.create({ data: { customerId: other.id, body: "Must stay with its customer." } });
    const [before, otherBefore] = [await snapshot(survivor.id), await snapshot(other.id)];
    // The audit entry is the last write of a merge: failing it proves every earlier write is rolled back.
    await pgPool().query(`
      CREATE FUNCTION fail_merge_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log is down'; END $$;
      CREATE TRIGGER fail_merge_audit BEFORE INSERT ON "AuditLog" FOR EACH ROW WHEN (NEW."action" = 'customer.merge') EXECUTE FUNCTION fail_merge_audit();`);
    try {
      await expect(mergeCustomers({ survivorId: survivor.id, otherId: other.id, choices: choices({ fields: { email: "other" } }) }, { actorId: admin.id, now: TEST_NOW })).rejects.toThrow(/audit log is down/);
    } finally {
      await pgPool().query(`DROP TRIGGER fail_merge_audit ON "AuditLog"; DROP FUNCTION fail_merge_audit();`);
    }
    expect(await snapshot(survivor.id)).toEqual(before);
    expect(await snapshot(other.id)).toEqual(otherBefore);
    expect(await findCustomerIdByExternalId(other.externalId!)).toBe(other.id);
  });

  it("refuses merging a customer with itself, unknown, archived or erased customers, and a stale choice", async () => {
    const { survivor, other } = await seededPair(4);
    const merge = (survivorId: string, otherId: string, extra: Partial<MergeRequest> = {}) => mergeCustomers({ survivorId, otherId, choices: choices(), ...extra }, { actorId: admin.id, now: TEST_NOW });
    await expectAppError(merge(survivor.id, survivor.id), "INVALID", "otherId");
    await expectAppError(merge(survivor.id, "00000000-0000-4000-8000-00000000beef"), "NOT_FOUND");
    await expectAppError(merge(survivor.id, other.id, { expectedUpdatedAt: { survivor: survivor.updatedAt, other: new Date(0) } }), "CONFLICT", "form");

    const archived = await db.customer.create({ data: { name: "Archived twin", archivedAt: TEST_NOW }, select: { id: true } });
    await expectAppError(merge(survivor.id, archived.id), "CONFLICT", "form");
    await expectAppError(merge(archived.id, survivor.id), "CONFLICT", "form");
    const erased = await db.customer.create({ data: { name: "Erased customer", erasedAt: TEST_NOW }, select: { id: true } });
    await expectAppError(merge(survivor.id, erased.id), "CONFLICT", "form");

    const tags = (prefix: string) => Array.from({ length: 11 }, (_, i) => `${prefix}${i}`);
    await db.customer.update({ where: { id: survivor.id }, data: { tags: tags("a") } });
    await db.customer.update({ where: { id: other.id }, data: { tags: tags("b") } });
    await expectAppError(merge(survivor.id, other.id), "INVALID", "tags");
    expect(await db.customer.count({ where: { id: { in: [survivor.id, other.id, archived.id, erased.id] } } })).toBe(4);
    expect(await db.auditLog.count({ where: { action: "customer.merge", entityId: { in: [survivor.id, other.id, archived.id] } } })).toBe(0);

    // Choosing one side's tags instead goes through.
    await merge(survivor.id, other.id, { choices: choices({ tags: "other" }) });
    expect((await db.customer.findUniqueOrThrow({ where: { id: survivor.id } })).tags).toEqual(tags("b"));
  });
});

describe("choosing the survivor's values", () => {
  const record = (overrides: Partial<MergeRecord>): MergeRecord => ({
    id: "s", externalId: null, name: "Ewa Nowak", email: null, phone: null, company: null, country: null, city: null, acquisitionChannel: null,
    marketingConsent: false, marketingConsentAt: null, tags: [], customAttributes: {}, ownerId: null, discountTier: null, createdAt: TEST_NOW, updatedAt: TEST_NOW,
    archivedAt: null, erasedAt: null, orderCount: 0, totalSpentMinor: 0, ...overrides,
  });

  it("keeps the survivor's values and fills what it lacks from the other", () => {
    const { values, sides } = resolveMergedValues(record({ email: "ewa@example.pl", city: null }), record({ name: "E. Nowak", email: "e@example.pl", city: "Gdańsk" }), choices());
    expect(values).toMatchObject({ name: "Ewa Nowak", email: "ewa@example.pl", city: "Gdańsk" });
    expect(sides).toMatchObject({ name: "survivor", email: "survivor", city: "other" });
  });

  it("takes marketing consent with its date from the more recent decision, unless chosen", () => {
    const given = new Date("2026-05-01T00:00:00Z");
    const withdrawn = new Date("2026-05-20T00:00:00Z");
    const survivor = record({ marketingConsent: true, marketingConsentAt: given });
    const other = record({ marketingConsent: false, marketingConsentAt: withdrawn });
    expect(resolveMergedValues(survivor, other, choices()).values).toMatchObject({ marketingConsent: false, marketingConsentAt: withdrawn });
    expect(resolveMergedValues(survivor, other, choices({ fields: { marketingConsent: "survivor" } })).values).toMatchObject({ marketingConsent: true, marketingConsentAt: given });
  });

  it("unites tags and merges custom attributes with the survivor's winning, or takes one side's", () => {
    const survivor = record({ tags: ["vip", "b2b"], customAttributes: { tier: "gold", note: "s" } });
    const other = record({ tags: ["b2b", "newsletter"], customAttributes: { note: "o", shoeSize: 42 } });
    expect(resolveMergedValues(survivor, other, choices()).values).toMatchObject({ tags: ["vip", "b2b", "newsletter"], customAttributes: { tier: "gold", note: "s", shoeSize: 42 } });
    expect(resolveMergedValues(survivor, other, choices({ tags: "survivor", customAttributes: "other" })).values).toMatchObject({ tags: ["vip", "b2b"], customAttributes: { note: "o", shoeSize: 42 } });
  });
});
