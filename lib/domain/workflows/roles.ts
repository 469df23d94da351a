/** The staff roles a workflow task can be assigned to (lib/auth/permissions.ts has the same list). */
export const ROLE_NAMES = ["AGENT", "MANAGER", "ADMIN"] as const;
