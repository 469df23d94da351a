"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { parseSettingsForm } from "@/lib/schemas/settings-form";
import { requestRecompute } from "@/lib/services/recompute-runs";
import { applySettings, previewMatches, previewSettings, type SettingsPreview } from "@/lib/services/settings-changes";

function formFields(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  return values;
}

export type PreviewState = { status: "idle" } | { status: "ready"; preview: SettingsPreview } | { status: "error"; message: string; fieldErrors?: Record<string, string[]> };

/** What saving these settings would do to the built-in segments; changes nothing. */
export async function previewSettingsAction(_previous: PreviewState, formData: FormData): Promise<PreviewState> {
  try {
    await authorize("settings:manage");
    const parsed = parseSettingsForm(formFields(formData));
    if (!parsed.success) return { status: "error", message: "errors.invalidInput", fieldErrors: parsed.fieldErrors };
    return { status: "ready", preview: await previewSettings(parsed.data) };
  } catch (error) {
    const failed = actionFailed(error);
    return { status: "error", message: failed.status === "error" ? failed.message : "errors.unexpectedBody" };
  }
}

export type SaveState = ActionState & { recomputeRunId?: string | null; version?: number };

/**
 * Saves the settings, but only values the admin has seen previewed: `previewToken` must be the token the preview
 * of exactly these values against `expectedVersion` returned (the form sends it; editing a field drops it).
 */
export async function saveSettingsAction(_previous: SaveState, formData: FormData): Promise<SaveState> {
  try {
    const admin = await authorize("settings:manage");
    const fields = formFields(formData);
    const expectedVersion = z.coerce.number().int().min(0).safeParse(fields.expectedVersion);
    if (!expectedVersion.success) return { status: "error", message: "errors.invalidInput" };
    const parsed = parseSettingsForm(fields);
    if (!parsed.success) return { status: "error", message: "errors.invalidInput", fieldErrors: parsed.fieldErrors, values: fields };
    if (!previewMatches(parsed.data, expectedVersion.data, fields.previewToken)) return { status: "error", message: "settings.previewRequired", values: fields };
    const applied = await applySettings(parsed.data, { actorId: admin.id, expectedVersion: expectedVersion.data, suppressWorkflows: fields.suppressWorkflows === "on" });
    revalidatePath("/", "layout");
    return {
      status: "success",
      message: applied.recomputeRunId ? "settings.savedRecompute" : "settings.saved",
      count: applied.membershipChanges ?? undefined,
      recomputeRunId: applied.recomputeRunId,
      version: applied.version,
    };
  } catch (error) {
    return actionFailed(error, formData);
  }
}

export type RecomputeState = { status: "idle" } | { status: "queued"; runId: string; isNew: boolean } | { status: "error"; message: string };

export async function requestRecomputeAction(_previous: RecomputeState, formData: FormData): Promise<RecomputeState> {
  try {
    const admin = await authorize("clv:recompute");
    const { run, isNew } = await requestRecompute({ trigger: "ADMIN", requestedById: admin.id, suppressWorkflows: formData.get("suppressWorkflows") === "on" });
    return { status: "queued", runId: run.id, isNew };
  } catch (error) {
    const failed = actionFailed(error);
    return { status: "error", message: failed.status === "error" ? failed.message : "errors.unexpectedBody" };
  }
}
