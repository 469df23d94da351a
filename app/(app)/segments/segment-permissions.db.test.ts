/**
 * The segment actions against a real database with next-auth's session mocked (the real authorize reads the
 * user and asks the permission table): an agent may not change, archive or even preview a segment rule, and
 * nothing changes when they try.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createCustomSegment } from "@/lib/db/segments";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { formData } from "@/tests/support/form-data";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { archiveSegmentAction, previewSegmentRuleAction, updateSegmentAction } = await import("./actions");

const manager = DEMO_USERS.find((user) => user.role === "MANAGER")!;
const agent = DEMO_USERS.find((user) => user.role === "AGENT")!;
const rule = { match: "all", conditions: [{ field: "orderCount", op: "gte", value: 1 }] };
let segmentId: string;

beforeAll(async () => {
  await seedShop(20);
  segmentId = (await createCustomSegment({ name: "Buyers", description: null, rule: rule as never }, manager.id)).id;
});

describe("segment actions for an agent", () => {
  it("refuses changing, archiving and previewing a segment, and changes nothing", async () => {
    session.userId = agent.id;
    const changed = { match: "all", conditions: [{ field: "orderCount", op: "gte", value: 5 }] };
    const update = formData({ segmentId, name: "Renamed by an agent", description: "", rule: JSON.stringify(changed) });
    expect(await updateSegmentAction({ status: "idle" }, update)).toEqual({ status: "error", message: "errors.forbidden" });
    expect(await archiveSegmentAction({ status: "idle" }, formData({ segmentId }))).toEqual({ status: "error", message: "errors.forbidden" });
    expect(await previewSegmentRuleAction(segmentId, JSON.stringify(changed))).toEqual({ status: "error", message: "errors.forbidden" });
    expect(await db.segment.findUniqueOrThrow({ where: { id: segmentId } })).toMatchObject({ name: "Buyers", ruleVersion: 1, archivedAt: null, rule });
    expect(await db.auditLog.count({ where: { entityId: segmentId, actorId: agent.id } })).toBe(0);
  });

  it("lets a manager preview the same rule", async () => {
    session.userId = manager.id;
    expect(await previewSegmentRuleAction(segmentId, JSON.stringify(rule))).toMatchObject({ status: "ok" });
  });
});
