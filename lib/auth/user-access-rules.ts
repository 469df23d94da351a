/**
 * Guards on changing who can do what: an admin cannot lock themselves out, and the last active admin cannot be
 * demoted or deactivated (nobody could manage users any more).
 */
import type { Role } from "./permissions";

export type AccessChange = { role?: Role; isActive?: boolean };
export type AccessRuleViolation = "cannotChangeOwnAccess" | "lastAdmin";

export function checkAccessChange(params: {
  actorId: string;
  target: { id: string; role: Role; isActive: boolean };
  change: AccessChange;
  activeAdminCount: number;
}): AccessRuleViolation | null {
  const { actorId, target, change, activeAdminCount } = params;
  if (actorId === target.id) return "cannotChangeOwnAccess";
  const losesAdmin = target.role === "ADMIN" && target.isActive && ((change.role && change.role !== "ADMIN") || change.isActive === false);
  if (losesAdmin && activeAdminCount <= 1) return "lastAdmin";
  return null;
}
