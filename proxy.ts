/**
 * Signed-out visitors of any app page go to the sign-in page. This is only the first gate: every page, action
 * and route handler still checks the user and the role on the server (lib/auth/session.ts).
 */
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  // Everything except the sign-in page, the unsubscribe page (a signed link), next-auth's own routes, the REST API (API keys, not cookies), health
  // checks and static files.
  matcher: ["/((?!login|unsubscribe|api/auth|api/v1|api/health|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
