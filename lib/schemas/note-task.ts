import { z } from "zod";

export const NOTE_KINDS = ["NOTE", "CALL", "EMAIL", "MEETING"] as const;

export const NoteInputSchema = z.object({
  kind: z.enum(NOTE_KINDS, { error: "noteKindInvalid" }).default("NOTE"),
  body: z.string({ error: "noteRequired" }).trim().min(1, { error: "noteRequired" }).max(5000, { error: "noteTooLong" }),
});
export type NoteInput = z.output<typeof NoteInputSchema>;

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

/** Due dates outside these years are typing mistakes (20255, 0202), not plans. */
export const DUE_YEAR_MIN = 2000;
export const DUE_YEAR_MAX = 2100;

/** A calendar date as noon UTC, or null when the day does not exist (2025-02-31 would roll over to 3 March). */
export function parseCalendarDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

export const TaskInputSchema = z.object({
  title: z.string({ error: "taskTitleRequired" }).trim().min(1, { error: "taskTitleRequired" }).max(200, { error: "taskTitleTooLong" }),
  // A date from <input type="date"> means the end of that working day is fine; store it as noon UTC so the day
  // does not shift in any European time zone.
  dueAt: z.preprocess(
    emptyToNull,
    z
      .string({ error: "dueDateInvalid" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dueDateInvalid", abort: true })
      .refine((value) => parseCalendarDate(value) !== null, { error: "dueDateInvalid", abort: true })
      .refine((value) => Number(value.slice(0, 4)) >= DUE_YEAR_MIN && Number(value.slice(0, 4)) <= DUE_YEAR_MAX, { error: "dueDateOutOfRange" })
      .transform((value) => parseCalendarDate(value)!)
      .nullable(),
  ),
  assigneeId: z.preprocess(emptyToNull, z.uuid({ error: "assigneeInvalid" }).nullable()),
});
export type TaskInput = z.output<typeof TaskInputSchema>;
