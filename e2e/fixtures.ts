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

/**
 * Server actions are plain POSTs: record the one a page sends when `trigger` runs, so a test can send the same
 * request with another user's session and check that the server, not the UI, refuses it.
 */
export async function captureServerAction(page: import("@playwright/test").Page, trigger: () => Promise<unknown>) {
  const [request] = await Promise.all([page.waitForRequest((candidate) => candidate.method() === "POST" && Boolean(candidate.headers()["next-action"])), trigger()]);
  return { url: new URL(request.url()).pathname, headers: request.headers(), body: request.postDataBuffer()!.toString("utf8") };
}

export async function replayServerAction(context: BrowserContext, action: Awaited<ReturnType<typeof captureServerAction>>, edit: (body: string) => string = (body) => body) {
  const response = await context.request.post(action.url, {
    headers: { "next-action": action.headers["next-action"]!, "content-type": action.headers["content-type"]!, accept: "text/x-component" },
    data: edit(action.body),
  });
  return response.text();
}
