"use server";

import { revalidatePath } from "next/cache";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { hashPassword } from "@/lib/auth/password";
import { authorize } from "@/lib/auth/session";
import { checkAccessChange } from "@/lib/auth/user-access-rules";
import { createUser, updateUserAccess } from "@/lib/db/users";
import { UserAccessChangeSchema, UserCreateSchema } from "@/lib/schemas/user";

export async function createUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await authorize("user:manage");
    const parsed = UserCreateSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return validationFailed(parsed.error, formData);
    const { password, ...user } = parsed.data;
    try {
      await createUser({ ...user, passwordHash: await hashPassword(password) }, admin.id);
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") {
        return { status: "error", message: "errors.invalidInput", fieldErrors: { email: ["emailTaken"] }, values: { name: user.name, email: user.email, role: user.role } };
      }
      throw error;
    }
    revalidatePath("/admin/users");
    return { status: "success", message: "users.created" };
  } catch (error) {
    return actionFailed(error, formData);
  }
}

export async function changeUserAccessAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const admin = await authorize("user:manage");
    const parsed = UserAccessChangeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return validationFailed(parsed.error);
    const change = parsed.data.change === "role" ? { role: parsed.data.role } : { isActive: parsed.data.isActive };
    const result = await updateUserAccess(parsed.data.userId, change, admin.id, ({ target, activeAdminCount }) =>
      checkAccessChange({ actorId: admin.id, target, change, activeAdminCount }),
    );
    if (!result) return { status: "error", message: "errors.notFound" };
    if ("refused" in result) return { status: "error", message: `users.rules.${result.refused}` };
    revalidatePath("/admin/users");
    return { status: "success", message: "users.updated" };
  } catch (error) {
    return actionFailed(error);
  }
}
