import { db } from "./client";

/**
 * Claims a sign-in attempt for `email` unless `refuse` says no. Under a transaction-scoped advisory lock on the
 * email, it reads the failures after `since` (and after the email's last success), asks `refuse`, and if the
 * attempt may go on records it at once as a failure; the caller turns it into a success once the password
 * checks out (markSignInAttemptSucceeded). Parallel attempts for one email are therefore counted one after
 * the other, and a caller that dies while checking the password leaves a failure behind, not a free guess.
 * Attempts older than `since` are deleted on the way (they no longer decide anything).
 */
export async function claimSignInAttempt<R>(
  email: string,
  now: Date,
  since: Date,
  refuse: (recentFailures: Date[]) => R | null,
): Promise<{ refused: R } | { attemptId: bigint }> {
  const normalized = email.toLowerCase();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in:${normalized}`}, 0))`;
    const lastSuccess = await tx.signInAttempt.findFirst({
      where: { email: normalized, isSuccess: true, attemptedAt: { gt: since } },
      orderBy: { attemptedAt: "desc" },
      select: { attemptedAt: true },
    });
    const failures = await tx.signInAttempt.findMany({
      where: { email: normalized, isSuccess: false, attemptedAt: { gt: lastSuccess?.attemptedAt ?? since } },
      select: { attemptedAt: true },
    });
    const refused = refuse(failures.map((failure) => failure.attemptedAt));
    if (refused !== null) return { refused };
    await tx.signInAttempt.deleteMany({ where: { attemptedAt: { lt: since } } });
    const attempt = await tx.signInAttempt.create({ data: { email: normalized, isSuccess: false, attemptedAt: now }, select: { id: true } });
    return { attemptId: attempt.id };
  // A burst of attempts for one email queues on the lock; each holds it for a few milliseconds.
  }, { maxWait: 10_000, timeout: 10_000 });
}

export async function markSignInAttemptSucceeded(attemptId: bigint): Promise<void> {
  await db.signInAttempt.update({ where: { id: attemptId }, data: { isSuccess: true } });
}
