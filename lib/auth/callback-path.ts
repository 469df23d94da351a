/**
 * Where to go after signing in. Only the path and query of the requested URL are kept, whatever its origin,
 * so a crafted link cannot turn the sign-in page into a redirect to another site.
 */
const DEFAULT_PATH = "/customers";

export function safeCallbackPath(callbackUrl: string | undefined | null): string {
  if (!callbackUrl) return DEFAULT_PATH;
  let url: URL;
  try {
    url = new URL(callbackUrl, "http://placeholder.invalid");
  } catch {
    return DEFAULT_PATH;
  }
  const path = `${url.pathname}${url.search}`;
  if (path === "/" || path.startsWith("/login") || path.startsWith("/api/")) return DEFAULT_PATH;
  return path;
}
