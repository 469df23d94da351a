import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("post-sign-in redirect", () => {
  it.each([
    [undefined, "/customers"],
    ["/customers/abc?tab=orders", "/customers/abc?tab=orders"],
    ["http://127.0.0.1:3000/admin/users", "/admin/users"],
    ["https://evil.example/steal", "/steal"],
    ["//evil.example", "/customers"],
    ["/login?callbackUrl=/x", "/customers"],
    ["/api/auth/signout", "/customers"],
    ["/", "/customers"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
