import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEMO_PASSWORD, DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { checkSignIn } from "./sign-in";

const start = new Date("2026-06-01T12:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

beforeAll(async () => {
  await seedShop(1);
});

describe("signing in", () => {
  it("accepts the right password in any email letter case and refuses a wrong one", async () => {
    expect(await checkSignIn("Agent@Example.com", DEMO_PASSWORD, start)).toMatchObject({ status: "OK", user: { email: "agent@example.com", role: "AGENT" } });
    expect(await checkSignIn("agent@example.com", "wrong", start)).toEqual({ status: "INVALID_CREDENTIALS" });
    expect(await checkSignIn("nobody@example.com", DEMO_PASSWORD, start)).toEqual({ status: "INVALID_CREDENTIALS" });
  });

  it("locks an email after five failures in fifteen minutes, even for the right password, then lets it in again", async () => {
    const email = DEMO_USERS[1]!.email;
    for (let i = 0; i < 5; i++) expect((await checkSignIn(email, "guess", minutes(i))).status).toBe("INVALID_CREDENTIALS");
    const locked = await checkSignIn(email, DEMO_PASSWORD, minutes(5));
    expect(locked).toEqual({ status: "LOCKED", retryAfterSeconds: 10 * 60 });
    // Other accounts are not affected.
    expect((await checkSignIn(DEMO_USERS[0]!.email, DEMO_PASSWORD, minutes(5))).status).toBe("OK");
    expect((await checkSignIn(email, DEMO_PASSWORD, minutes(15))).status).toBe("OK");
  });

  it("counts parallel wrong passwords one at a time: at most five are checked, the rest are locked out", async () => {
    const email = DEMO_USERS[2]!.email;
    const at = new Date("2026-07-01T09:00:00Z");
    const results = await Promise.all(Array.from({ length: 10 }, () => checkSignIn(email, "parallel-guess", at)));
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === "INVALID_CREDENTIALS")).toHaveLength(5);
    expect(statuses.filter((status) => status === "LOCKED")).toHaveLength(5);
    expect(await db.signInAttempt.count({ where: { email, attemptedAt: at } })).toBe(5);
    // The right password is refused as well until the window has passed.
    expect(await checkSignIn(email, DEMO_PASSWORD, new Date(at.getTime() + 60_000))).toEqual({ status: "LOCKED", retryAfterSeconds: 14 * 60 });
    expect((await checkSignIn(email, DEMO_PASSWORD, new Date(at.getTime() + 15 * 60_000 + 1))).status).toBe("OK");
  });

  it("deletes attempts older than the window when a new one is counted", async () => {
    const old = new Date("2026-05-01T00:00:00Z");
    await db.signInAttempt.create({ data: { email: "someone-else@example.com", isSuccess: false, attemptedAt: old } });
    await checkSignIn("agent@example.com", DEMO_PASSWORD, new Date("2026-08-01T00:00:00Z"));
    expect(await db.signInAttempt.count({ where: { attemptedAt: { lte: old } } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { email: "agent@example.com", isSuccess: true, attemptedAt: new Date("2026-08-01T00:00:00Z") } })).toBe(1);
  });

  it("refuses a deactivated user with the same answer as a wrong password", async () => {
    await db.user.update({ where: { email: "lena.vogel@example.com" }, data: { isActive: false } });
    expect(await checkSignIn("lena.vogel@example.com", DEMO_PASSWORD, start)).toEqual({ status: "INVALID_CREDENTIALS" });
  });
});
