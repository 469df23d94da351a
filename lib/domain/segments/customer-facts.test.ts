import { describe, expect, it } from "vitest";
import { daysBefore, daysSince } from "./customer-facts";

const now = new Date("2026-06-15T12:00:00Z");

describe("days since", () => {
  it.each([
    ["2026-06-15T12:00:00Z", 0],
    ["2026-06-14T12:00:01Z", 0],
    ["2026-06-14T12:00:00Z", 1],
    ["2026-06-15T00:00:00Z", 0],
    ["2025-06-15T12:00:00Z", 365],
    ["2026-06-16T12:00:00Z", -1],
  ])("counts whole elapsed days from %s, rounded down: %i", (at, days) => {
    expect(daysSince(new Date(at), now)).toBe(days);
  });

  it("is unknown without a date", () => {
    expect(daysSince(null, now)).toBeNull();
  });

  it("has its boundary at daysBefore: at or before it is at least that many days", () => {
    for (const days of [0, 1, 30, 365, 36_500]) {
      const line = daysBefore(now, days);
      expect(daysSince(line, now)).toBe(days);
      expect(daysSince(new Date(line.getTime() + 1), now)).toBe(days - 1);
    }
  });
});
