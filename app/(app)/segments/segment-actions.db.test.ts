/**
 * Saving or archiving a custom segment with "don't trigger workflows": the entries and exits it causes are
 * recorded as such (the workflow enrolment skips them), and without the box ticked they are not.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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
vi.mock("next/navigation", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/navigation")>()), redirect: () => {} }));

const { archiveSegmentAction, updateSegmentAction } = await import("./actions");

const IDLE = { status: "idle" } as const;
const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
let segmentId: string;

const ruleFor = (tag: string) => JSON.stringify({ match: "all", conditions: [{ field: "tag", op: "has", value: tag }] });

const events = (suppressWorkflows: boolean) => db.segmentMembershipEvent.count({ where: { segmentId, suppressWorkflows } });

beforeAll(async () => {
  await seedShop(12);
  const customers = await db.customer.findMany({ where: { archivedAt: null }, orderBy: { id: "asc" }, take: 4, select: { id: true } });
  await db.customer.updateMany({ where: { id: { in: customers.slice(0, 2).map((customer) => customer.id) } }, data: { tags: { push: "quiet-one" } } });
  await db.customer.updateMany({ where: { id: { in: customers.slice(2).map((customer) => customer.id) } }, data: { tags: { push: "loud-one" } } });
  segmentId = (await createCustomSegment({ name: "Edited quietly", description: null, rule: JSON.parse(ruleFor("nobody-has-this")) }, manager.id)).id;
});

afterAll(() => vi.restoreAllMocks());

describe("custom segment actions and workflows", () => {
  it("marks the changes of a save with the box ticked, and only those", async () => {
    expect(await updateSegmentAction(IDLE, formData({ segmentId, name: "Edited quietly", description: "", rule: ruleFor("quiet-one"), suppressWorkflows: "on" }))).toBeUndefined();
    expect([await events(true), await events(false)]).toEqual([2, 0]);

    expect(await updateSegmentAction(IDLE, formData({ segmentId, name: "Edited quietly", description: "", rule: ruleFor("loud-one") }))).toBeUndefined();
    // Two quiet ones left, two loud ones came in.
    expect([await events(true), await events(false)]).toEqual([2, 4]);
  });

  it("refuses a value the checkbox cannot send, before changing anything", async () => {
    const state = await updateSegmentAction(IDLE, formData({ segmentId, name: "Edited quietly", description: "", rule: ruleFor("quiet-one"), suppressWorkflows: "yes" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { suppressWorkflows: ["invalid"] } });
    expect((await db.segment.findUniqueOrThrow({ where: { id: segmentId } })).rule).toEqual(JSON.parse(ruleFor("loud-one")));
  });

  it("marks the exits of an archive with the box ticked", async () => {
    expect(await archiveSegmentAction(IDLE, formData({ segmentId, suppressWorkflows: "on" }))).toBeUndefined();
    // The two loud ones were the members left.
    expect(await db.segmentMembershipEvent.count({ where: { segmentId, change: "EXIT", suppressWorkflows: true } })).toBe(2);
    expect(await db.segmentMembership.count({ where: { segmentId } })).toBe(0);
  });
});
