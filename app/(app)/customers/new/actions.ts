"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { createCustomer } from "@/lib/db/customer-write";
import { refreshCustomerSegments } from "@/lib/services/customer-segments";
import { customerFormToObject, CustomerInputSchema } from "@/lib/schemas/customer";

export async function createCustomerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let id: string;
  try {
    const user = await authorize("customer:create");
    const parsed = CustomerInputSchema.safeParse(customerFormToObject(formData));
    if (!parsed.success) return validationFailed(parsed.error, formData);
    ({ id } = await createCustomer(parsed.data, user.id, new Date()));
    await refreshCustomerSegments([id]);
  } catch (error) {
    return actionFailed(error, formData);
  }
  revalidatePath("/customers");
  redirect(`/customers/${id}`);
}
