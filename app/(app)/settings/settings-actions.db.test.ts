/**
 * The settings page's server actions against a real database, with next-auth's session mocked (the real
 * authorize reads the user and asks the permission table): managers and agents are refused every one of them,
 * and an admin saves only values whose preview they have seen.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { getSettings } from "@/lib/db/settings";
import { stopJobQueue } from "@/lib/jobs/queue";
import { settingsToForm } from "@/lib/schemas/settings-form";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { formData } from "@/tests/support/form-data";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { previewSettingsAction, requestRecomputeAction, saveSettingsAction } = await import("./actions");

const signInAs = (role: "ADMIN" | "MANAGER" | "AGENT") => (session.userId = DEMO_USERS.find((user) => user.role === role)!.id);

async function settingsFields(change: Record<string, string> = {}) {
  const current = await getSettings();
  return { ...settingsToForm(current.values), expectedVersion: String(current.version), ...change };
}

beforeAll(async () => {
  await seedShop(40);
});

afterAll(async () => {
  await stopJobQueue();
});

describe("who may change the settings", () => {
  it.each(["MANAGER", "AGENT"] as const)("refuses a %s previewing, saving or starting a recompute, and changes nothing", async (role) => {
    signInAs(role);
    const fields = await settingsFields({ "vip.enterTopPercent": "10", "vip.exitTopPercent": "12" });
    expect(await previewSettingsAction({ status: "idle" }, formData(fields))).toEqual({ status: "error", message: "errors.forbidden" });
    expect(await saveSettingsAction({ status: "idle" }, formData({ ...fields, previewToken: "anything" }))).toMatchObject({ status: "error", message: "errors.forbidden" });
    expect(await requestRecomputeAction({ status: "idle" }, formData({}))).toEqual({ status: "error", message: "errors.forbidden" });
    expect(await db.settingsVersion.count()).toBe(0);
    expect(await db.clvRecomputeRun.count()).toBe(0);
  });

  it("refuses a visitor without a session", async () => {
    session.userId = null;
    expect(await previewSettingsAction({ status: "idle" }, formData(await settingsFields()))).toMatchObject({ status: "error", message: "errors.unauthenticated" });
  });
});

describe("saving what the preview showed", () => {
  it("refuses a save without a preview, or with the preview of other values, and saves the previewed values", async () => {
    signInAs("ADMIN");
    const fields = await settingsFields({ "vip.enterTopPercent": "10", "vip.exitTopPercent": "12" });

    expect(await saveSettingsAction({ status: "idle" }, formData(fields))).toMatchObject({ status: "error", message: "settings.previewRequired" });

    const preview = await previewSettingsAction({ status: "idle" }, formData(fields));
    if (preview.status !== "ready") throw new Error(`preview failed: ${JSON.stringify(preview)}`);
    // A field changed after the preview: the token no longer fits what is being saved.
    const edited = { ...fields, "vip.enterTopPercent": "11", previewToken: preview.preview.token };
    expect(await saveSettingsAction({ status: "idle" }, formData(edited))).toMatchObject({ status: "error", message: "settings.previewRequired" });
    expect(await db.settingsVersion.count()).toBe(0);

    const saved = await saveSettingsAction({ status: "idle" }, formData({ ...fields, previewToken: preview.preview.token }));
    expect(saved).toMatchObject({ status: "success", message: "settings.saved", version: 1 });
    expect((await getSettings()).values.vip).toMatchObject({ enterTopPercent: 10, exitTopPercent: 12 });

    // The same token against the new version is stale: the preview was of the memberships before this save.
    const again = await saveSettingsAction({ status: "idle" }, formData({ ...(await settingsFields()), previewToken: preview.preview.token }));
    expect(again).toMatchObject({ status: "error", message: "settings.previewRequired" });
  });

  it("lets an admin start a recompute", async () => {
    signInAs("ADMIN");
    expect(await requestRecomputeAction({ status: "idle" }, formData({}))).toMatchObject({ status: "queued", isNew: true });
  });
});
