import type { Role } from "@/lib/auth/permissions";
import { db } from "./client";

const userSummary = { id: true, email: true, name: true, role: true, isActive: true, locale: true, createdAt: true } as const;

export type UserSummary = { id: string; email: string; name: string; role: Role; isActive: boolean; locale: string | null; createdAt: Date };

export function findUserForSignIn(email: string) {
  return db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, role: true, isActive: true, passwordHash: true },
  });
}

export function getUserById(id: string): Promise<UserSummary | null> {
  return db.user.findUnique({ where: { id }, select: userSummary });
}

/** One page of users, active ones first, by name; `total` for the page links. */
export async function listUsers(page: { skip: number; take: number }): Promise<{ users: UserSummary[]; total: number }> {
  const [users, total] = await Promise.all([
    db.user.findMany({ select: userSummary, orderBy: [{ isActive: "desc" }, { name: "asc" }, { id: "asc" }], skip: page.skip, take: page.take }),
    db.user.count(),
  ]);
  return { users, total };
}

export function listActiveUsers() {
  return db.user.findMany({ where: { isActive: true }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } });
}

/**
 * Who can be chosen as a customer's owner: the active users, plus the current owner when they were deactivated,
 * so editing the customer neither hides nor silently drops them.
 */
export async function listOwnerOptions(currentOwnerId: string | null): Promise<{ id: string; name: string; isActive: boolean }[]> {
  const users = await db.user.findMany({
    where: { OR: [{ isActive: true }, ...(currentOwnerId ? [{ id: currentOwnerId }] : [])] },
    select: { id: true, name: true, isActive: true },
    orderBy: [{ isActive: "desc" }, { name: "asc" }],
  });
  return users;
}

export async function createUser(input: { email: string; name: string; role: Role; passwordHash: string }, actorId: string) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { ...input, email: input.email.toLowerCase() }, select: userSummary });
    await tx.auditLog.create({
      data: { actorId, action: "user.create", entityType: "User", entityId: user.id, after: { email: user.email, name: user.name, role: user.role } },
    });
    return user;
  });
}

/**
 * Changes a user's role or active flag if `refuse` allows it, judged on the state inside the transaction. Access
 * changes take one lock, so two admins demoting each other at once are judged one after the other and the second
 * sees that only one admin is left (counted outside a transaction, both saw two and both went through).
 */
export async function updateUserAccess<V>(
  id: string,
  change: { role?: Role; isActive?: boolean },
  actorId: string,
  refuse: (state: { target: UserSummary; activeAdminCount: number }) => V | null,
): Promise<{ user: UserSummary } | { refused: V } | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('user-access', 0))`;
    const target = await tx.user.findUnique({ where: { id }, select: userSummary });
    if (!target) return null;
    const activeAdminCount = await tx.user.count({ where: { role: "ADMIN", isActive: true } });
    const refused = refuse({ target, activeAdminCount });
    if (refused !== null) return { refused };
    const user = await tx.user.update({ where: { id }, data: change, select: userSummary });
    await tx.auditLog.create({
      data: { actorId, action: "user.update-access", entityType: "User", entityId: id, before: { role: target.role, isActive: target.isActive }, after: { role: user.role, isActive: user.isActive } },
    });
    return { user };
  });
}

export function setUserLocale(id: string, locale: string | null) {
  return db.user.update({ where: { id }, data: { locale }, select: { id: true } });
}
