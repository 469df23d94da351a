import { afterEach, describe, expect, it, vi } from "vitest";

const checkSignIn = vi.hoisted(() => vi.fn());
vi.mock("./sign-in", () => ({ checkSignIn }));

const { authorizeCredentials } = await import("./auth-options");
const { toSignInFormError } = await import("./sign-in-errors");

afterEach(() => {
  vi.restoreAllMocks();
  checkSignIn.mockReset();
});

describe("authorize (next-auth credentials)", () => {
  it("turns a database error into the fixed UNAVAILABLE code and logs the real error on the server only", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    checkSignIn.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:54320 (relation "SignInAttempt")'));
    const thrown = await authorizeCredentials({ email: "agent@example.com", password: "secret" }).catch((error: Error) => error);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe("UNAVAILABLE");
    expect(logged).toHaveBeenCalledWith("Sign-in check failed:", expect.objectContaining({ message: expect.stringContaining("ECONNREFUSED") }));
    expect(toSignInFormError((thrown as Error).message)).toEqual({ key: "unavailable" });
  });

  it("maps the sign-in results to their codes and returns the user", async () => {
    checkSignIn.mockResolvedValueOnce({ status: "LOCKED", retryAfterSeconds: 61 });
    await expect(authorizeCredentials({ email: "a@example.com", password: "x" })).rejects.toThrow("LOCKED:61");
    checkSignIn.mockResolvedValueOnce({ status: "INVALID_CREDENTIALS" });
    await expect(authorizeCredentials({ email: "a@example.com", password: "x" })).rejects.toThrow("INVALID_CREDENTIALS");
    const user = { id: "u1", email: "a@example.com", name: "A", role: "AGENT" };
    checkSignIn.mockResolvedValueOnce({ status: "OK", user });
    await expect(authorizeCredentials({ email: "a@example.com", password: "x" })).resolves.toEqual(user);
  });

  it("refuses malformed credentials without asking the database", async () => {
    await expect(authorizeCredentials({ email: "not an email" })).rejects.toThrow("INVALID_CREDENTIALS");
    await expect(authorizeCredentials(undefined)).rejects.toThrow("INVALID_CREDENTIALS");
    expect(checkSignIn).not.toHaveBeenCalled();
  });
});

describe("the sign-in form's reading of the codes", () => {
  it.each([
    ["LOCKED:61", { key: "locked", minutes: 2 }],
    ["LOCKED:1", { key: "locked", minutes: 1 }],
    ["INVALID_CREDENTIALS", { key: "invalidCredentials" }],
    ["CredentialsSignin", { key: "invalidCredentials" }],
    ["UNAVAILABLE", { key: "unavailable" }],
    ["connect ECONNREFUSED 127.0.0.1:54320", { key: "unexpected" }],
    [undefined, { key: "unexpected" }],
  ])("%s", (code, expected) => {
    expect(toSignInFormError(code)).toEqual(expected);
  });
});
