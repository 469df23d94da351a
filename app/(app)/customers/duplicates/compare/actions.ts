"use server";

/**
 * Merging two customers from the compare page: authorise customer:merge → validate the picks → merge in one
 * transaction and rescore the survivor (lib/services/customer-merge.ts) → revalidate → the survivor's profile.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { mergeFormToObject, MergeFormSchema, mergeRequestFromForm } from "@/lib/schemas/customer-merge";
import { mergeCustomers } from "@/lib/services/customer-merge";

export async function mergeCustomersAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let survivorId: string;
  try {
    const user = await authorize("customer:merge");
    const parsed = MergeFormSchema.safeParse(mergeFormToObject(formData));
    if (!parsed.success) return validationFailed(parsed.error);
    const request = mergeRequestFromForm(parsed.data);
    survivorId = request.survivorId;
    await mergeCustomers(request, { actorId: user.id, now: new Date() });
  } catch (error) {
    return actionFailed(error);
  }
  // Lists, segments and both profiles changed.
  revalidatePath("/customers", "layout");
  revalidatePath("/segments");
  redirect(`/customers/${survivorId}`);
}
