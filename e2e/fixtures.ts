/**
 * Playwright fixtures: `loginAs` writes a real next-auth session cookie (signed with the server's secret), so
 * journeys start signed in without going through the form every time. The sign-in form has its own tests.
 */
import { test as base, expect, type BrowserContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { DEMO_USERS, EXTRA_STAFF, type UserSeed } from "../prisma/factories/users";

export type Persona = "AGENT" | "MANAGER" | "ADMIN";

export function staffUser(who: Persona | string): UserSeed {
  const user = [...DEMO_USERS, ...EXTRA_STAFF].find((candidate) => candidate.role === who || candidate.email === who);
  if (!user) throw new Error(`No demo user ${who}`);
  return user;
}

export async function signInAs(context: BrowserContext, who: Persona | string, baseURL: string): Promise<UserSeed> {
  const user = staffUser(who);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: run e2e tests through `npm test`.");
  const token = await encode({ token: { sub: user.id, uid: user.id, role: user.role, name: user.name, email: user.email }, secret });
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return user;
}

export const test = base.extend<{ loginAs: (who: Persona | string) => Promise<UserSeed> }>({
  loginAs: async ({ context, baseURL }, use) => {
    await use((who) => signInAs(context, who, baseURL!));
  },
});

export { expect };
