/**
 * next-auth 4 configuration: email + password, JWT sessions that carry the user id and role. The role in the
 * token only drives navigation; server-side checks re-read the user (see session.ts), so a role change or a
 * deactivation takes effect on the next request.
 */
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SignInSchema } from "@/lib/schemas/auth";
import type { Role } from "./permissions";
import { checkSignIn } from "./sign-in";
import { lockedCode, SIGN_IN_ERRORS } from "./sign-in-errors";

/**
 * next-auth's `authorize`. Every failure becomes one of the fixed SIGN_IN_ERRORS codes: next-auth 4 sends a
 * thrown message to the browser, and a database error's message (host, port, SQL) must not go there. The real
 * error is logged on the server.
 */
export async function authorizeCredentials(credentials: unknown, now: Date = new Date()): Promise<User> {
  const parsed = SignInSchema.safeParse(credentials ?? {});
  if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
  let result: Awaited<ReturnType<typeof checkSignIn>>;
  try {
    result = await checkSignIn(parsed.data.email, parsed.data.password, now);
  } catch (error) {
    console.error("Sign-in check failed:", error);
    throw new Error(SIGN_IN_ERRORS.unavailable);
  }
  if (result.status === "LOCKED") throw new Error(lockedCode(result.retryAfterSeconds));
  if (result.status === "INVALID_CREDENTIALS") throw new Error(SIGN_IN_ERRORS.invalid);
  return result.user;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials) => authorizeCredentials(credentials),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as unknown as { role: Role }).role;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        session.user.role = token.role as Role;
      }
      return session;
    },
  },
};
