import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

describe("role permissions", () => {
  const cases: [Role, Permission, boolean][] = [
    ["AGENT", "customer:read", true],
    ["AGENT", "note:create", true],
    ["AGENT", "task:create", true],
    ["AGENT", "customer:update", true],
    ["AGENT", "customer:archive", false],
    ["AGENT", "customer:export", false],
    ["AGENT", "user:manage", false],
    ["AGENT", "segment:read", false],
    ["AGENT", "segment:manage", false],
    ["AGENT", "customer:bulk", false],
    ["AGENT", "dashboard:read", false],
    ["MANAGER", "segment:manage", true],
    ["MANAGER", "customer:bulk", true],
    ["MANAGER", "dashboard:read", true],
    ["MANAGER", "settings:manage", false],
    ["MANAGER", "clv:recompute", false],
    ["ADMIN", "settings:manage", true],
    ["ADMIN", "clv:recompute", true],
    ["ADMIN", "audit:read", true],
    ["MANAGER", "customer:archive", true],
    ["MANAGER", "customer:delete", true],
    ["MANAGER", "customer:export", true],
    ["MANAGER", "user:manage", false],
    ["MANAGER", "audit:read", false],
    ["ADMIN", "user:manage", true],
    ["ADMIN", "customer:export", true],
  ];
  it.each(cases)("%s may %s: %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("gives managers everything agents have, and admins everything managers have", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      if (can("AGENT", permission)) expect(can("MANAGER", permission)).toBe(true);
      if (can("MANAGER", permission)) expect(can("ADMIN", permission)).toBe(true);
    }
    expect(ROLES).toEqual(["AGENT", "MANAGER", "ADMIN"]);
  });
});
