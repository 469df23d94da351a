/**
 * next-auth 4 configuration: email + password, JWT sessions that carry the user id and role. The role in the
 * token only drives navigation; server-side checks re-read the user (see session.ts), so a role change or a
 * deactivation takes effect on the next request.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SignInSchema } from "@/lib/schemas/auth";
import type { Role } from "./permissions";
import { checkSignIn } from "./sign-in";

/** Error codes the sign-in form understands; next-auth passes a thrown Error's message through as `error`. */
export const SIGN_IN_ERRORS = { invalid: "INVALID_CREDENTIALS", locked: "LOCKED" } as const;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials) {
        const parsed = SignInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const result = await checkSignIn(parsed.data.email, parsed.data.password, new Date());
        if (result.status === "LOCKED") throw new Error(`${SIGN_IN_ERRORS.locked}:${result.retryAfterSeconds}`);
        if (result.status === "INVALID_CREDENTIALS") throw new Error(SIGN_IN_ERRORS.invalid);
        return result.user;
      },
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
