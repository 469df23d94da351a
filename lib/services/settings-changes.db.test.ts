import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getSettings } from "@/lib/db/settings";
import { stopJobQueue } from "@/lib/jobs/queue";
import { DEFAULT_CRM_SETTINGS } from "@/lib/schemas/crm-settings";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop, TEST_NOW } from "@/tests/support/seed-shop";
import { recomputeCustomerValue } from "./recompute-customer-value";
import { applySettings, previewSettings } from "./settings-changes";

const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
const vipCount = () => db.segmentMembership.count({ where: { segment: { key: "vip" } } });

beforeAll(async () => {
  await seedShop(400);
  await recomputeCustomerValue({ now: TEST_NOW, suppressWorkflows: true });
});

afterAll(async () => {
  await stopJobQueue();
});

describe("changing the admin settings", () => {
  it("previews exactly the VIP changes that saving then makes, and records the change once", async () => {
    const before = await vipCount();
    const values = { ...DEFAULT_CRM_SETTINGS, vip: { ...DEFAULT_CRM_SETTINGS.vip, enterTopPercent: 10, exitTopPercent: 12 } };
    const preview = await previewSettings(values, TEST_NOW);
    const vip = preview.segments.find((segment) => segment.key === "vip")!;
    expect(preview.recomputeNeeded).toBe(false);
    expect(vip.entering).toBeGreaterThan(0);
    expect(vip.leaving).toBe(0);
    expect(vip.membersAfter).toBe(before + vip.entering);

    const events = await db.segmentMembershipEvent.count();
    const applied = await applySettings(values, { actorId: admin.id, expectedVersion: 0, suppressWorkflows: true, now: TEST_NOW });
    expect(applied).toMatchObject({ version: 1, recomputeRunId: null });
    expect(await vipCount()).toBe(vip.membersAfter);
    expect(await db.segmentMembershipEvent.count()).toBe(events + applied.membershipChanges!);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "settings.update" } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.before).toMatchObject({ version: 0, "vip.enterTopPercent": 5, "vip.exitTopPercent": 7 });
    expect(audit.after).toMatchObject({ version: 1, "vip.enterTopPercent": 10, "vip.exitTopPercent": 12 });
    expect((await getSettings()).values.vip.enterTopPercent).toBe(10);
  });

  it("refuses to save over a version someone else saved in the meantime, and writes nothing", async () => {
    const versions = await db.settingsVersion.count();
    await expect(applySettings(DEFAULT_CRM_SETTINGS, { actorId: admin.id, expectedVersion: 0, suppressWorkflows: true })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.settingsVersion.count()).toBe(versions);
  });

  it("queues a recompute when the change moves CLV figures", async () => {
    const current = await getSettings();
    const values = { ...current.values, clv: { ...current.values.clv, horizonMonths: 24 } };
    expect((await previewSettings(values, TEST_NOW)).recomputeNeeded).toBe(true);
    const applied = await applySettings(values, { actorId: admin.id, expectedVersion: current.version, suppressWorkflows: false });
    expect(applied.recomputeRunId).toBeTruthy();
    const run = await db.clvRecomputeRun.findUniqueOrThrow({ where: { id: applied.recomputeRunId! } });
    expect(run).toMatchObject({ trigger: "SETTINGS_CHANGE", status: "QUEUED", requestedById: admin.id });
  });
});
