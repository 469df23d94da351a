/**
 * Password-guessing throttle: after MAX_FAILURES failed sign-ins for one email within WINDOW_MS (counting only
 * failures since that email's last successful sign-in), further attempts are refused until the oldest of those
 * failures leaves the window. Refused attempts are not counted, so a locked user gets back in on time.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleDecision = { isLocked: false } | { isLocked: true; retryAfterSeconds: number };

/** `recentFailures`: failure times within the window since the last success, any order. */
export function decideSignInThrottle(recentFailures: readonly Date[], now: Date): ThrottleDecision {
  const windowStart = now.getTime() - WINDOW_MS;
  const inWindow = recentFailures
    .map((date) => date.getTime())
    .filter((time) => time > windowStart && time <= now.getTime())
    .sort((a, b) => b - a);
  if (inWindow.length < MAX_FAILURES) return { isLocked: false };
  // The lock ends when the MAX_FAILURES-th most recent failure leaves the window.
  const unlockAt = inWindow[MAX_FAILURES - 1]! + WINDOW_MS;
  return { isLocked: true, retryAfterSeconds: Math.max(1, Math.ceil((unlockAt - now.getTime()) / 1000)) };
}
