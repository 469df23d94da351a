import { describe, expect, it } from "vitest";
import { parseCalendarDate, TaskInputSchema } from "./note-task";

function dueAtOf(dueAt: unknown) {
  const result = TaskInputSchema.safeParse({ title: "Call back", dueAt });
  return result.success ? { dueAt: result.data.dueAt } : { error: result.error.issues.map((issue) => issue.message) };
}

describe("task due date", () => {
  it("keeps a real calendar day as noon UTC, and an empty one as none", () => {
    expect(dueAtOf("2025-02-28")).toEqual({ dueAt: new Date("2025-02-28T12:00:00Z") });
    expect(dueAtOf("2024-02-29")).toEqual({ dueAt: new Date("2024-02-29T12:00:00Z") });
    expect(dueAtOf(" 2030-12-31 ")).toEqual({ dueAt: new Date("2030-12-31T12:00:00Z") });
    expect(dueAtOf("")).toEqual({ dueAt: null });
    expect(dueAtOf(undefined)).toEqual({ dueAt: null });
  });

  it.each(["2025-02-31", "2025-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-1-5", "tomorrow", "31.01.2025"])("refuses %s as not a date", (value) => {
    expect(dueAtOf(value)).toEqual({ error: ["dueDateInvalid"] });
  });

  it.each(["0202-03-01", "1999-12-31", "2101-01-01", "9999-12-31"])("refuses the absurd year in %s", (value) => {
    expect(dueAtOf(value)).toEqual({ error: ["dueDateOutOfRange"] });
  });

  it("accepts the first and last allowed years", () => {
    expect(dueAtOf("2000-01-01")).toEqual({ dueAt: new Date("2000-01-01T12:00:00Z") });
    expect(dueAtOf("2100-12-31")).toEqual({ dueAt: new Date("2100-12-31T12:00:00Z") });
  });

  it("parseCalendarDate does not roll an impossible day over to the next month", () => {
    expect(parseCalendarDate("2025-02-31")).toBeNull();
    expect(parseCalendarDate("2025-03-03")).toEqual(new Date("2025-03-03T12:00:00Z"));
  });
});
