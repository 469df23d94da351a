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

export function listUsers(): Promise<UserSummary[]> {
  return db.user.findMany({ select: userSummary, orderBy: [{ isActive: "desc" }, { name: "asc" }] });
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

export function countActiveAdmins(): Promise<number> {
  return db.user.count({ where: { role: "ADMIN", isActive: true } });
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

export async function updateUserAccess(
  id: string,
  change: { role?: Role; isActive?: boolean },
  actorId: string,
): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id }, select: { role: true, isActive: true } });
    const user = await tx.user.update({ where: { id }, data: change, select: userSummary });
    await tx.auditLog.create({
      data: { actorId, action: "user.update-access", entityType: "User", entityId: id, before, after: { role: user.role, isActive: user.isActive } },
    });
    return user;
  });
}

export function setUserLocale(id: string, locale: string | null) {
  return db.user.update({ where: { id }, data: { locale }, select: { id: true } });
}
