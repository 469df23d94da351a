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

  it("refuses a deactivated user with the same answer as a wrong password", async () => {
    await db.user.update({ where: { email: "lena.vogel@example.com" }, data: { isActive: false } });
    expect(await checkSignIn("lena.vogel@example.com", DEMO_PASSWORD, start)).toEqual({ status: "INVALID_CREDENTIALS" });
  });
});
