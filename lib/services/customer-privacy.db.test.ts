import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { erasedAt, findCustomerIdByExternalId } from "@/lib/db/customer-identity";
import { CustomerCreateBody, CustomerUpdateBody } from "@/lib/api/resources";
import { addImportRejects, createImportJob, listImportRejects } from "@/lib/db/imports";
import { MergeChoicesSchema } from "@/lib/schemas/customer-merge";
import { createCustomerFromApi, updateCustomerFromApi } from "@/lib/services/api-customers";
import { recordOrder, recordRefund } from "@/lib/services/order-changes";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { mergeCustomers } from "./customer-merge";
import { eraseCustomer, exportCustomerData } from "./customer-privacy";
import { recomputeCustomerValue } from "./recompute-customer-value";

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;

beforeAll(async () => {
  await seedShop(120);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

async function richCustomer() {
  return db.customer.findFirstOrThrow({ where: { externalId: { startsWith: "C-" }, orderCount: { gt: 3 }, notes: { some: {} }, archivedAt: null }, select: { id: true, externalId: true, name: true, email: true, totalSpentMinor: true } });
}

describe("a customer's data", () => {
  it("exports everything held about them as one document", async () => {
    const customer = await richCustomer();
    const data = await exportCustomerData(customer.id, TEST_NOW);
    expect(data.profile).toMatchObject({ id: customer.id, name: customer.name, email: customer.email, externalId: customer.externalId });
    expect((data.orders as unknown[]).length).toBe(await db.order.count({ where: { customerId: customer.id } }));
    expect((data.notes as unknown[]).length).toBe(await db.note.count({ where: { customerId: customer.id } }));
    expect((data.segments as { history: unknown[] }).history.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toContain("passwordHash");
  });

  it("exports each refund of an order with its amount, time, source and reason", async () => {
    const customer = await richCustomer();
    const order = await db.order.findFirstOrThrow({ where: { customerId: customer.id, status: "PAID" }, select: { id: true, totalMinor: true } });
    await recordRefund(order.id, 100, { actorId: manager.id, now: TEST_NOW, reason: "Damaged bag" });
    const data = await exportCustomerData(customer.id, TEST_NOW);
    const exported = (data.orders as { id: string; refunds: unknown[] }[]).find((candidate) => candidate.id === order.id)!;
    expect(exported.refunds).toEqual([{ amountMinor: 100, refundedAt: TEST_NOW.toISOString(), source: "crm", reason: "Damaged bag" }]);
  });

  it("exports the customer's workflow runs with their steps, the emails sent and the webhook payloads; erasure removes the emails and payloads", async () => {
    const customer = await db.customer.create({ data: { name: "Wanda Workflow", email: "wanda@example.com" }, select: { id: true } });
    const segment = await db.segment.findFirstOrThrow({ where: { key: "vip" }, select: { id: true } });
    const workflow = await db.workflow.create({ data: { name: "Privacy welcome", segmentId: segment.id, trigger: "ENTER", steps: [{ type: "email", subject: "Hi", body: "Hello" }, { type: "wait", amount: 1, unit: "days" }] }, select: { id: true } });
    const done = await db.workflowRun.create({
      data: { workflowId: workflow.id, workflowVersion: 1, customerId: customer.id, source: "MANUAL", manualRequestId: "privacy-1", status: "COMPLETED", finishedAt: TEST_NOW, steps: { create: [{ stepIndex: 0, type: "email", status: "SUCCEEDED", finishedAt: TEST_NOW }] } },
      select: { id: true },
    });
    const waiting = await db.workflowRun.create({ data: { workflowId: workflow.id, workflowVersion: 1, customerId: customer.id, source: "MANUAL", manualRequestId: "privacy-2", status: "SCHEDULED", nextStep: 1 }, select: { id: true } });
    await db.outboxEmail.create({ data: { idempotencyKey: `${done.id}:0`, messageId: `<${done.id}.0@test>`, customerId: customer.id, runId: done.id, toAddress: "wanda@example.com", subject: "Hi Wanda", bodyText: "Hello Wanda", bodyHtml: "<p>Hello Wanda</p>", transport: "outbox", status: "SENT" } });
    await db.webhookDelivery.create({ data: { idempotencyKey: `${done.id}:1`, runId: done.id, url: "https://shop.example/hook", payload: { customer: { name: "Wanda Workflow" } }, status: "SENT" } });

    const data = await exportCustomerData(customer.id, TEST_NOW);
    expect(data.workflowRuns).toEqual([expect.objectContaining({ id: done.id, workflow: { name: "Privacy welcome" }, status: "COMPLETED", steps: [expect.objectContaining({ type: "email", status: "SUCCEEDED" })] }), expect.objectContaining({ id: waiting.id, status: "SCHEDULED" })]);
    expect(data.emails).toEqual([expect.objectContaining({ toAddress: "wanda@example.com", subject: "Hi Wanda", bodyText: "Hello Wanda" })]);
    expect(data.webhookDeliveries).toEqual([expect.objectContaining({ runId: done.id, payload: { customer: { name: "Wanda Workflow" } } })]);

    await eraseCustomer(customer.id, { actorId: manager.id, now: TEST_NOW });
    expect(await db.outboxEmail.count({ where: { customerId: customer.id } })).toBe(0);
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { runId: done.id } })).payload).toEqual({ erased: true });
    expect(await db.workflowRun.findUniqueOrThrow({ where: { id: waiting.id }, select: { status: true, stopReason: true } })).toEqual({ status: "STOPPED", stopReason: "customerErased" });
    expect(JSON.stringify(await exportCustomerData(customer.id, TEST_NOW))).not.toContain("Wanda");
  });

  it("erases the person but keeps their orders as anonymous revenue, and is not recreated silently", async () => {
    const customer = await richCustomer();
    const revenueBefore = (await db.customer.aggregate({ _sum: { totalSpentMinor: true } }))._sum.totalSpentMinor;
    await eraseCustomer(customer.id, { actorId: manager.id, now: TEST_NOW });

    const after = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after).toMatchObject({ name: "Erased customer", email: null, phone: null, externalId: null, tags: [], erasedAt: TEST_NOW });
    expect(await db.note.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await db.order.count({ where: { customerId: customer.id } })).toBeGreaterThan(3);
    expect((await db.customer.aggregate({ _sum: { totalSpentMinor: true } }))._sum.totalSpentMinor).toBe(revenueBefore);
    expect(await db.segmentMembership.count({ where: { customerId: customer.id } })).toBe(0);

    const audit = await db.auditLog.findMany({ where: { entityType: "Customer", entityId: customer.id } });
    expect(audit.some((entry) => entry.action === "customer.erase")).toBe(true);
    expect(JSON.stringify(audit.map((entry) => [entry.before, entry.after]))).not.toContain(customer.email ?? "@");

    expect(await findCustomerIdByExternalId(customer.externalId!)).toBeNull();
    expect(await erasedAt(customer.externalId!)).toEqual(TEST_NOW);
    await expect(createCustomerFromApi({ externalId: customer.externalId!, name: "Back again" } as never, TEST_NOW)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("erased") });
    await expect(recordOrder({ externalId: "AFTER-ERASE", source: "shop", customerExternalId: customer.externalId!, placedAt: TEST_NOW.toISOString(), totalMinor: 100, lines: [] }, { actorId: null })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(eraseCustomer(customer.id, { actorId: manager.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("follows merges: the merged-away customer's change log is exported, and erased with the survivor's", async () => {
    const survivor = await createCustomerFromApi(CustomerCreateBody.parse({ externalId: "PRIV-S", name: "Sonja Survivor", email: "sonja@example.org" }), TEST_NOW);
    const merged = await createCustomerFromApi(CustomerCreateBody.parse({ externalId: "PRIV-M", name: "Mona Merged", email: "mona.old@example.org" }), TEST_NOW);
    await updateCustomerFromApi(merged.id, CustomerUpdateBody.parse({ email: "mona@example.org" }), TEST_NOW);
    const earlier = await createCustomerFromApi(CustomerCreateBody.parse({ externalId: "PRIV-E", name: "Edda Earlier", email: "edda@example.org" }), TEST_NOW);
    // Edda was merged into Mona before Mona was merged into Sonja: the history follows both merges.
    await mergeCustomers({ survivorId: merged.id, otherId: earlier.id, choices: MergeChoicesSchema.parse({}) }, { actorId: manager.id, now: TEST_NOW });
    await mergeCustomers({ survivorId: survivor.id, otherId: merged.id, choices: MergeChoicesSchema.parse({}) }, { actorId: manager.id, now: TEST_NOW });

    const exported = await exportCustomerData(survivor.id, TEST_NOW);
    const changeLog = exported.changeLog as { action: string; mergedCustomerId?: string; after: unknown }[];
    expect(changeLog.filter((entry) => entry.mergedCustomerId === merged.id).map((entry) => entry.action)).toEqual(["customer.create", "customer.update", "customer.merge"]);
    expect(changeLog.filter((entry) => entry.mergedCustomerId === earlier.id).map((entry) => entry.action)).toEqual(["customer.create"]);
    expect(JSON.stringify(changeLog)).toContain("mona.old@example.org");

    await eraseCustomer(survivor.id, { actorId: manager.id, now: TEST_NOW });
    const left = JSON.stringify(await db.auditLog.findMany({ where: { entityType: "Customer", entityId: { in: [survivor.id, merged.id, earlier.id] } }, select: { before: true, after: true } }));
    for (const trace of ["Sonja", "Mona", "Edda", "sonja@", "mona@", "mona.old@", "edda@", "PRIV-M", "PRIV-E"]) expect(left, trace).not.toContain(trace);
    expect(await erasedAt("PRIV-M")).toEqual(TEST_NOW);
    expect(await erasedAt("PRIV-E")).toEqual(TEST_NOW);
  });

  it("drops the row text of rejected import rows that quote the erased person, and only those", async () => {
    const person = await createCustomerFromApi(CustomerCreateBody.parse({ externalId: "PRIV-1", name: "Rita Reject", email: "Rita.Reject@example.org" }), TEST_NOW);
    const job = await createImportJob({ kind: "CUSTOMERS", fileName: "people.csv", filePath: "/tmp/people.csv", mapping: { main: {} }, options: { separator: ";", decimalSeparator: "auto", defaultSource: "import" }, isDryRun: false, suppressWorkflows: true, createdById: null });
    await addImportRejects(job.id, [
      { line: 2, column: "E-Mail", reason: "validation.emailTaken", raw: "PRIV-9;Rita R.;rita.reject@EXAMPLE.org" },
      { line: 3, column: "Kunde", reason: 'imports.reasons.customerUnknown {"id":"PRIV-1"}', raw: null },
      { line: 4, column: "Name", reason: "validation.nameRequired", raw: '"PRIV-1";;' },
      // Other people: an id that only starts like hers, an address that only ends like hers.
      { line: 5, column: "Kunde", reason: 'imports.reasons.customerUnknown {"id":"PRIV-10"}', raw: "A-7;PRIV-10;12,50" },
      { line: 6, column: "E-Mail", reason: "validation.emailInvalid", raw: "PRIV-11;Ann;xrita.reject@example.org" },
    ]);

    await eraseCustomer(person.id, { actorId: manager.id, now: TEST_NOW });
    const { rows } = await listImportRejects(job.id, { page: 1, pageSize: 10 });
    expect(rows.map(({ line, column, reason, raw }) => ({ line, column, reason, raw }))).toEqual([
      { line: 2, column: "E-Mail", reason: "validation.emailTaken", raw: null },
      { line: 3, column: "Kunde", reason: 'imports.reasons.customerUnknown {"id":"—"}', raw: null },
      { line: 4, column: "Name", reason: "validation.nameRequired", raw: null },
      { line: 5, column: "Kunde", reason: 'imports.reasons.customerUnknown {"id":"PRIV-10"}', raw: "A-7;PRIV-10;12,50" },
      { line: 6, column: "E-Mail", reason: "validation.emailInvalid", raw: "PRIV-11;Ann;xrita.reject@example.org" },
    ]);
  });
});
