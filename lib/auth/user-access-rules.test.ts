import { describe, expect, it } from "vitest";
import { checkAccessChange } from "./user-access-rules";

const admin = { id: "a", role: "ADMIN" as const, isActive: true };
const agent = { id: "b", role: "AGENT" as const, isActive: true };

describe("user access changes", () => {
  it("refuses changes to one's own access", () => {
    expect(checkAccessChange({ actorId: "a", target: admin, change: { role: "AGENT" }, activeAdminCount: 3 })).toBe("cannotChangeOwnAccess");
  });

  it("refuses to demote or deactivate the last active admin", () => {
    expect(checkAccessChange({ actorId: "x", target: admin, change: { role: "MANAGER" }, activeAdminCount: 1 })).toBe("lastAdmin");
    expect(checkAccessChange({ actorId: "x", target: admin, change: { isActive: false }, activeAdminCount: 1 })).toBe("lastAdmin");
  });

  it("allows other changes", () => {
    expect(checkAccessChange({ actorId: "x", target: admin, change: { role: "MANAGER" }, activeAdminCount: 2 })).toBeNull();
    expect(checkAccessChange({ actorId: "x", target: agent, change: { isActive: false }, activeAdminCount: 1 })).toBeNull();
    expect(checkAccessChange({ actorId: "x", target: agent, change: { role: "ADMIN" }, activeAdminCount: 1 })).toBeNull();
  });
});
