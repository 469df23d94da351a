"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionFailed, validationFailed, type ActionState } from "@/lib/actions/action-state";
import { authorize } from "@/lib/auth/session";
import { deleteCustomer, setCustomerArchived } from "@/lib/db/customer-write";
import { addNote, addTask, completeTask } from "@/lib/db/notes-and-tasks";
import { NoteInputSchema, TaskInputSchema } from "@/lib/schemas/note-task";
import { refreshCustomerSegments } from "@/lib/services/customer-segments";
import { getOrderCurrency } from "@/lib/db/orders";
import { parseAmountToMinor } from "@/lib/domain/money";
import { OrderCancelFormSchema, OrderRefundFormSchema } from "@/lib/schemas/order-change";
import { recordCancellation, recordRefund } from "@/lib/services/order-changes";
import { eraseCustomer } from "@/lib/services/customer-privacy";

const IdSchema = z.uuid();

function customerIdFrom(formData: FormData): string | null {
  const parsed = IdSchema.safeParse(formData.get("customerId"));
  return parsed.success ? parsed.data : null;
}

const unknownCustomer: ActionState = { status: "error", message: "errors.notFound" };

export async function addNoteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("note:create");
    const customerId = customerIdFrom(formData);
    if (!customerId) return unknownCustomer;
    const parsed = NoteInputSchema.safeParse({ kind: formData.get("kind") ?? undefined, body: formData.get("body") });
    if (!parsed.success) return validationFailed(parsed.error, formData);
    await addNote(customerId, user.id, parsed.data);
    revalidatePath(`/customers/${customerId}`);
    return { status: "success", message: "profile.notes.added" };
  } catch (error) {
    return actionFailed(error, formData);
  }
}

export async function addTaskAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("task:create");
    const customerId = customerIdFrom(formData);
    if (!customerId) return unknownCustomer;
    const parsed = TaskInputSchema.safeParse({
      title: formData.get("title"),
      dueAt: formData.get("dueAt") ?? undefined,
      assigneeId: formData.get("assigneeId") ?? undefined,
    });
    if (!parsed.success) return validationFailed(parsed.error, formData);
    await addTask(customerId, user.id, parsed.data);
    revalidatePath(`/customers/${customerId}`);
    return { status: "success", message: "profile.tasks.added" };
  } catch (error) {
    return actionFailed(error, formData);
  }
}

export async function completeTaskAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("task:complete");
    const customerId = customerIdFrom(formData);
    const taskId = IdSchema.safeParse(formData.get("taskId"));
    if (!customerId || !taskId.success) return unknownCustomer;
    await completeTask(taskId.data, customerId, user.id, new Date());
    revalidatePath(`/customers/${customerId}`);
    return { status: "success" };
  } catch (error) {
    return actionFailed(error);
  }
}

export async function setArchivedAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("customer:archive");
    const customerId = customerIdFrom(formData);
    if (!customerId) return unknownCustomer;
    const isArchived = formData.get("archive") === "true";
    await setCustomerArchived(customerId, isArchived, user.id, new Date());
    await refreshCustomerSegments([customerId]);
    revalidatePath(`/customers/${customerId}`);
    revalidatePath("/customers");
    return { status: "success", message: isArchived ? "profile.archived" : "profile.restored" };
  } catch (error) {
    return actionFailed(error);
  }
}

export async function deleteCustomerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("customer:delete");
    const customerId = customerIdFrom(formData);
    if (!customerId) return unknownCustomer;
    await deleteCustomer(customerId, user.id);
  } catch (error) {
    return actionFailed(error);
  }
  revalidatePath("/customers");
  redirect("/customers");
}

/** Records a refund on one of the customer's orders (managers); the customer's CLV follows at once. */
export async function refundOrderAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("order:manage");
    const parsed = OrderRefundFormSchema.safeParse({ orderId: formData.get("orderId"), amount: formData.get("amount"), reason: formData.get("reason") ?? undefined });
    if (!parsed.success) return validationFailed(parsed.error, formData);
    const order = await getOrderCurrency(parsed.data.orderId);
    if (!order) return { status: "error", message: "errors.notFound" };
    const amountMinor = parseAmountToMinor(parsed.data.amount, order.currency);
    if (amountMinor === null || amountMinor <= 0) return { status: "error", message: "errors.invalidInput", fieldErrors: { amount: ["amountInvalid"] }, values: { amount: parsed.data.amount } };
    await recordRefund(parsed.data.orderId, amountMinor, { actorId: user.id, source: "crm", reason: parsed.data.reason });
    revalidatePath(`/customers/${order.customerId}`);
    return { status: "success", message: "profile.orders.refunded" };
  } catch (error) {
    return actionFailed(error, formData);
  }
}

export async function cancelOrderAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const user = await authorize("order:manage");
    const parsed = OrderCancelFormSchema.safeParse({ orderId: formData.get("orderId") });
    if (!parsed.success) return validationFailed(parsed.error);
    const { customerId } = await recordCancellation(parsed.data.orderId, { actorId: user.id });
    revalidatePath(`/customers/${customerId}`);
    return { status: "success", message: "profile.orders.cancelled" };
  } catch (error) {
    return actionFailed(error);
  }
}

/** Erases the person's data (managers and admins), then shows the anonymised profile. */
export async function eraseCustomerAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  let customerId: string | null = null;
  try {
    const user = await authorize("customer:privacy");
    customerId = customerIdFrom(formData);
    if (!customerId) return unknownCustomer;
    await eraseCustomer(customerId, { actorId: user.id });
  } catch (error) {
    return actionFailed(error);
  }
  revalidatePath("/customers");
  redirect(`/customers/${customerId}`);
}
