/**
 * Checks an email and password: the throttle first, then the password. Used by next-auth's credentials provider.
 * The attempt is claimed (counted as a failure) before the slow password check, one email at a time, so parallel
 * guesses cannot all pass the throttle together; a correct password then turns the claimed attempt into a success.
 */
import type { Role } from "./permissions";
import { verifyAgainstDummyHash, verifyPassword } from "./password";
import { decideSignInThrottle, WINDOW_MS } from "./sign-in-throttle";
import { findUserForSignIn } from "@/lib/db/users";
import { claimSignInAttempt, markSignInAttemptSucceeded } from "@/lib/db/sign-in-attempts";

export type SignInResult =
  | { status: "OK"; user: { id: string; email: string; name: string; role: Role } }
  | { status: "INVALID_CREDENTIALS" }
  | { status: "LOCKED"; retryAfterSeconds: number };

export async function checkSignIn(email: string, password: string, now: Date): Promise<SignInResult> {
  const claim = await claimSignInAttempt(email, now, new Date(now.getTime() - WINDOW_MS), (failures) => {
    const throttle = decideSignInThrottle(failures, now);
    return throttle.isLocked ? throttle.retryAfterSeconds : null;
  });
  if ("refused" in claim) return { status: "LOCKED", retryAfterSeconds: claim.refused };

  const user = await findUserForSignIn(email);
  const isValid = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummyHash(password), false);
  // A deactivated account gets the same answer as a wrong password: the sign-in page must not confirm it exists.
  if (!user || !isValid || !user.isActive) return { status: "INVALID_CREDENTIALS" };
  await markSignInAttemptSucceeded(claim.attemptId);
  return { status: "OK", user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
