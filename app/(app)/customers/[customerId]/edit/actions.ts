"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { updateCustomer } from "@/lib/db/customer-write";
import { refreshCustomerSegments } from "@/lib/services/customer-segments";
import { customerFormToObject, CustomerUpdateSchema } from "@/lib/schemas/customer";

export async function updateCustomerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let id: string;
  try {
    const user = await authorize("customer:update");
    const parsed = CustomerUpdateSchema.safeParse(customerFormToObject(formData));
    if (!parsed.success) return validationFailed(parsed.error, formData);
    const { id: customerId, loadedUpdatedAt, ...input } = parsed.data;
    id = customerId;
    await updateCustomer(id, input, new Date(loadedUpdatedAt), user.id, new Date());
    // Rules read country, channel, tags and consent: the customer's segments follow the edit at once.
    await refreshCustomerSegments([id]);
  } catch (error) {
    return actionFailed(error, formData);
  }
  revalidatePath(`/customers/${id}`);
  revalidatePath("/customers");
  redirect(`/customers/${id}`);
}
