/**
 * Who is asking, for pages, server actions and route handlers. Every server entry point calls one of these;
 * they re-read the user from the database (once per request), so deactivating a user or changing a role takes
 * effect at once even though the session cookie is a JWT.
 */
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getUserById, type UserSummary } from "@/lib/db/users";
import { authOptions } from "./auth-options";
import { can, type Permission } from "./permissions";

export type CurrentUser = UserSummary;

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUserById(id);
  return user?.isActive ? user : null;
});

/** For pages: signed-out visitors go to the sign-in page; a role without the permission gets the 403 page. */
export async function requirePageUser(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (permission && !can(user.role, permission)) forbidden();
  return user;
}

/** For server actions and route handlers: throws an AppError that the caller maps to its transport. */
export async function authorize(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!can(user.role, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this action.");
  return user;
}
