"use server";

import { revalidatePath } from "next/cache";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { applyCustomerBulkChange } from "@/lib/db/customer-bulk";
import { listMatchingCustomerIds } from "@/lib/db/customer-list";
import { BULK_LIMIT, customerBulkFromForm, CustomerBulkSchema } from "@/lib/schemas/customer-bulk";
import { parseCustomerListQuery } from "@/lib/schemas/customer-list";
import { refreshCustomerSegments } from "@/lib/services/customer-segments";

/** Tag, untag or assign an owner to the ticked customers, or to every customer matching the list's filters. */
export async function bulkUpdateCustomersAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("customer:bulk");
    const parsed = CustomerBulkSchema.safeParse(customerBulkFromForm(formData));
    if (!parsed.success) return validationFailed(parsed.error);
    const request = parsed.data;
    const ids = request.target === "selected" ? request.ids : await listMatchingCustomerIds(parseCustomerListQuery(new URLSearchParams(request.search)), BULK_LIMIT + 1);
    if (ids.length > BULK_LIMIT) return { status: "error", message: "customers.bulk.tooMany" };
    if (ids.length === 0) return { status: "error", message: "customers.bulk.nothingMatches" };
    const change = request.action === "assignOwner" ? { action: request.action, ownerId: request.ownerId } : { action: request.action, tag: request.tag };
    const changed = await applyCustomerBulkChange(ids, change, user.id);
    // Tags and owners are what custom segment rules read: memberships follow at once.
    await refreshCustomerSegments(ids, new Date(), { suppressWorkflows: request.suppressWorkflows });
    revalidatePath("/customers");
    return { status: "success", message: "customers.bulk.done", count: changed };
  } catch (error) {
    return actionFailed(error);
  }
}
