import { z } from "zod";

export const NOTE_KINDS = ["NOTE", "CALL", "EMAIL", "MEETING"] as const;

export const NoteInputSchema = z.object({
  kind: z.enum(NOTE_KINDS, { error: "noteKindInvalid" }).default("NOTE"),
  body: z.string({ error: "noteRequired" }).trim().min(1, { error: "noteRequired" }).max(5000, { error: "noteTooLong" }),
});
export type NoteInput = z.output<typeof NoteInputSchema>;

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

export const TaskInputSchema = z.object({
  title: z.string({ error: "taskTitleRequired" }).trim().min(1, { error: "taskTitleRequired" }).max(200, { error: "taskTitleTooLong" }),
  // A date from <input type="date"> means the end of that working day is fine; store it as noon UTC so the day
  // does not shift in any European time zone.
  dueAt: z.preprocess(
    emptyToNull,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dueDateInvalid" })
      .transform((value) => new Date(`${value}T12:00:00Z`))
      .refine((date) => !Number.isNaN(date.getTime()), { error: "dueDateInvalid" })
      .nullable(),
  ),
  assigneeId: z.preprocess(emptyToNull, z.uuid({ error: "assigneeInvalid" }).nullable()),
});
export type TaskInput = z.output<typeof TaskInputSchema>;
