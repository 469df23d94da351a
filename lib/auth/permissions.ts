/**
 * What each role may do: the one table every server action, route handler and page asks (through
 * `requirePermission`). Hiding a button in the UI is a courtesy; this is the rule.
 */
export const ROLES = ["AGENT", "MANAGER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const MANAGERS_AND_ADMINS: readonly Role[] = ["MANAGER", "ADMIN"];
const ADMINS: readonly Role[] = ["ADMIN"];

export const PERMISSIONS = {
  "customer:read": ALL,
  // Agents take calls and create or correct contact data as they go.
  "customer:create": ALL,
  "customer:update": ALL,
  "note:create": ALL,
  "task:create": ALL,
  "task:complete": ALL,
  "customer:archive": MANAGERS_AND_ADMINS,
  "customer:delete": MANAGERS_AND_ADMINS,
  "customer:export": MANAGERS_AND_ADMINS,
  // Recording a refund or a cancellation on an order.
  "order:manage": MANAGERS_AND_ADMINS,
  // CSV imports of customers and orders.
  "import:run": MANAGERS_AND_ADMINS,
  // Merging duplicates; exporting or erasing everything held about a person.
  "customer:merge": MANAGERS_AND_ADMINS,
  "customer:privacy": MANAGERS_AND_ADMINS,
  "apikey:manage": ADMINS,
  // Segment workflows: staff who build them see them and their runs; agents see runs on a profile (customer:read).
  "workflow:read": MANAGERS_AND_ADMINS,
  "workflow:manage": MANAGERS_AND_ADMINS,
  // Running a workflow by hand for one customer or a selection.
  "workflow:run": MANAGERS_AND_ADMINS,
  // Sending a failed run back to its failed step; allowing webhooks to reach link-local or metadata hosts.
  "workflow:retry": ADMINS,
  "webhook:allowlist": ADMINS,
  // The emails workflows sent (or kept, without SMTP): every member of staff may read what went to a customer.
  "outbox:read": ALL,
  // Tagging or assigning many customers at once.
  "customer:bulk": MANAGERS_AND_ADMINS,
  "segment:read": MANAGERS_AND_ADMINS,
  "segment:manage": MANAGERS_AND_ADMINS,
  "dashboard:read": MANAGERS_AND_ADMINS,
  "settings:manage": ADMINS,
  "clv:recompute": ADMINS,
  "user:manage": ADMINS,
  "audit:read": ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
