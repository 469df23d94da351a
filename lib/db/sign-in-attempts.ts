import { db } from "./client";

export async function recordSignInAttempt(email: string, isSuccess: boolean, at: Date): Promise<void> {
  await db.signInAttempt.create({ data: { email: email.toLowerCase(), isSuccess, attemptedAt: at } });
}

/** Failed attempts for `email` after `since` and after the email's last successful sign-in. */
export async function listRecentSignInFailures(email: string, since: Date): Promise<Date[]> {
  const normalized = email.toLowerCase();
  const lastSuccess = await db.signInAttempt.findFirst({
    where: { email: normalized, isSuccess: true, attemptedAt: { gt: since } },
    orderBy: { attemptedAt: "desc" },
    select: { attemptedAt: true },
  });
  const failures = await db.signInAttempt.findMany({
    where: { email: normalized, isSuccess: false, attemptedAt: { gt: lastSuccess?.attemptedAt ?? since } },
    select: { attemptedAt: true },
  });
  return failures.map((failure) => failure.attemptedAt);
}
