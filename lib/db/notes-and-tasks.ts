import { AppError } from "@/lib/errors";
import type { NoteInput, TaskInput } from "@/lib/schemas/note-task";
import { db } from "./client";

async function assertCustomerExists(customerId: string) {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new AppError("NOT_FOUND", "This customer does not exist.");
}

export async function addNote(customerId: string, authorId: string, input: NoteInput) {
  await assertCustomerExists(customerId);
  return db.note.create({ data: { customerId, authorId, kind: input.kind, body: input.body }, select: { id: true } });
}

export async function addTask(customerId: string, createdById: string, input: TaskInput) {
  await assertCustomerExists(customerId);
  if (input.assigneeId) {
    const assignee = await db.user.findUnique({ where: { id: input.assigneeId }, select: { isActive: true } });
    if (!assignee?.isActive) throw new AppError("INVALID", "The assignee must be an active user.", { assigneeId: ["assigneeInvalid"] });
  }
  return db.task.create({
    data: { customerId, createdById, title: input.title, dueAt: input.dueAt, assigneeId: input.assigneeId },
    select: { id: true },
  });
}

/** Marks an open task done by `completedById` (the timeline names them, not the assignee). */
export async function completeTask(taskId: string, customerId: string, completedById: string, now: Date): Promise<void> {
  const { count } = await db.task.updateMany({
    where: { id: taskId, customerId, status: "OPEN" },
    data: { status: "DONE", completedAt: now, completedById },
  });
  if (count === 0) {
    const task = await db.task.findFirst({ where: { id: taskId, customerId }, select: { status: true } });
    if (!task) throw new AppError("NOT_FOUND", "This task does not exist.");
    // Already done (a double click, or a colleague was quicker): nothing to do.
  }
}
