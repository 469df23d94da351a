/**
 * Checks an email and password: the throttle first, then the password. Used by next-auth's credentials provider.
 */
import type { Role } from "./permissions";
import { verifyAgainstDummyHash, verifyPassword } from "./password";
import { decideSignInThrottle, WINDOW_MS } from "./sign-in-throttle";
import { findUserForSignIn } from "@/lib/db/users";
import { listRecentSignInFailures, recordSignInAttempt } from "@/lib/db/sign-in-attempts";

export type SignInResult =
  | { status: "OK"; user: { id: string; email: string; name: string; role: Role } }
  | { status: "INVALID_CREDENTIALS" }
  | { status: "LOCKED"; retryAfterSeconds: number };

export async function checkSignIn(email: string, password: string, now: Date): Promise<SignInResult> {
  const failures = await listRecentSignInFailures(email, new Date(now.getTime() - WINDOW_MS));
  const throttle = decideSignInThrottle(failures, now);
  if (throttle.isLocked) return { status: "LOCKED", retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await findUserForSignIn(email);
  const isValid = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummyHash(password), false);
  // A deactivated account gets the same answer as a wrong password: the sign-in page must not confirm it exists.
  if (!user || !isValid || !user.isActive) {
    await recordSignInAttempt(email, false, now);
    return { status: "INVALID_CREDENTIALS" };
  }
  await recordSignInAttempt(email, true, now);
  return { status: "OK", user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
