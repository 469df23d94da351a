"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { ROLES } from "@/lib/auth/permissions";
import { authorize } from "@/lib/auth/session";
import { createApiKey, revokeApiKey } from "@/lib/db/api-keys";

const CreateSchema = z.object({
  name: z.string().trim().min(1, { error: "apiKeyNameRequired" }).max(80, { error: "apiKeyNameRequired" }),
  scope: z.enum(["READ", "READ_WRITE"], { error: "invalid" }),
  role: z.enum(ROLES, { error: "invalid" }),
});

export type CreateKeyState = ActionState & { secret?: string };

/** Creates a key; its secret is returned this once and never stored. */
export async function createApiKeyAction(_previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  try {
    const admin = await authorize("apikey:manage");
    const parsed = CreateSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return validationFailed(parsed.error, formData);
    const { secret } = await createApiKey(parsed.data, admin.id);
    revalidatePath("/admin/api-keys");
    return { status: "success", message: "apiKeys.created", secret };
  } catch (error) {
    return actionFailed(error, formData);
  }
}

export async function revokeApiKeyAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await authorize("apikey:manage");
    const id = z.uuid().safeParse(formData.get("keyId"));
    if (!id.success) return { status: "error", message: "errors.notFound" };
    if (!(await revokeApiKey(id.data, admin.id, new Date()))) return { status: "error", message: "errors.notFound" };
    revalidatePath("/admin/api-keys");
    return { status: "success", message: "apiKeys.revoked" };
  } catch (error) {
    return actionFailed(error);
  }
}
