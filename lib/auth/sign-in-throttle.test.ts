import { describe, expect, it } from "vitest";
import { decideSignInThrottle, MAX_FAILURES, WINDOW_MS } from "./sign-in-throttle";

const now = new Date("2026-03-01T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("sign-in throttle", () => {
  it("allows attempts below the failure limit", () => {
    expect(decideSignInThrottle([minutesAgo(1), minutesAgo(2), minutesAgo(3), minutesAgo(4)], now)).toEqual({
      isLocked: false,
    });
  });

  it("locks after five failures within fifteen minutes, until the fifth most recent leaves the window", () => {
    const failures = [1, 2, 3, 4, 10].map(minutesAgo);
    expect(MAX_FAILURES).toBe(5);
    expect(decideSignInThrottle(failures, now)).toEqual({ isLocked: true, retryAfterSeconds: 5 * 60 });
  });

  it("ignores failures older than the window", () => {
    const failures = [1, 2, 3, 4, 16, 20].map(minutesAgo);
    expect(decideSignInThrottle(failures, now)).toEqual({ isLocked: false });
  });

  it("unlocks exactly when the window has passed", () => {
    const failures = [0, 0, 0, 0, 0].map(minutesAgo);
    const later = new Date(now.getTime() + WINDOW_MS);
    expect(decideSignInThrottle(failures, later)).toEqual({ isLocked: false });
    const justBefore = new Date(now.getTime() + WINDOW_MS - 1000);
    expect(decideSignInThrottle(failures, justBefore)).toEqual({ isLocked: true, retryAfterSeconds: 1 });
  });
});
