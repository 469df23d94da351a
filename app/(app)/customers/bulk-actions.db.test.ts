/**
 * A bulk tag or owner change from the customers list with "don't trigger workflows": the segment entries and exits
 * it causes are recorded as such (the workflow enrolment skips them); without the box ticked they are not.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createCustomSegment } from "@/lib/db/segments";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { formData } from "@/tests/support/form-data";

vi.mock("@/lib/auth/session", async () => {
  const { DEMO_USERS: users } = await import("@/prisma/factories/users");
  return { authorize: async () => ({ ...users.find((candidate) => candidate.role === "MANAGER")!, isActive: true }) };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { bulkUpdateCustomersAction } = await import("./actions");

const IDLE = { status: "idle" } as const;
const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
let segmentId: string;
let ids: string[];

beforeAll(async () => {
  await seedShop(12);
  ids = (await db.customer.findMany({ where: { archivedAt: null }, orderBy: { id: "asc" }, take: 3, select: { id: true } })).map((customer) => customer.id);
  segmentId = (await createCustomSegment({ name: "Bulk tagged", description: null, rule: { match: "all", conditions: [{ field: "tag", op: "has", value: "bulk-quiet" }] } }, manager.id)).id;
});

describe("bulk changes and workflows", () => {
  it("records the entries a ticked bulk tag causes as not triggering workflows", async () => {
    const state = await bulkUpdateCustomersAction(IDLE, formData({ target: "selected", ids: JSON.stringify(ids.slice(0, 2)), action: "addTag", tag: "bulk-quiet", suppressWorkflows: "on" }));
    expect(state).toEqual({ status: "success", message: "customers.bulk.done", count: 2 });
    expect(await db.segmentMembershipEvent.count({ where: { segmentId, change: "ENTER", suppressWorkflows: true } })).toBe(2);
  });

  it("leaves them triggering workflows without the box", async () => {
    await bulkUpdateCustomersAction(IDLE, formData({ target: "selected", ids: JSON.stringify(ids.slice(2)), action: "addTag", tag: "bulk-quiet" }));
    expect(await db.segmentMembershipEvent.count({ where: { segmentId, change: "ENTER", suppressWorkflows: false } })).toBe(1);
  });

  it("refuses a value the checkbox cannot send", async () => {
    const state = await bulkUpdateCustomersAction(IDLE, formData({ target: "selected", ids: JSON.stringify(ids), action: "removeTag", tag: "bulk-quiet", suppressWorkflows: "true" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { suppressWorkflows: ["invalid"] } });
    expect(await db.segmentMembership.count({ where: { segmentId } })).toBe(3);
  });
});
