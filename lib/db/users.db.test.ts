import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { checkAccessChange } from "@/lib/auth/user-access-rules";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { db } from "./client";
import { listUsers, updateUserAccess } from "./users";

beforeAll(async () => {
  await seedShop(1);
});

/** Waits until `count` sessions wait for a lock (pg_locks: pg_stat_activity is a snapshot inside a transaction). */
async function waitForWaitingBackends(client: pg.Client, count: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted`);
    if (rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Fewer than ${count} sessions ever waited for a lock.`);
}

const demote = (actorId: string, targetId: string) =>
  updateUserAccess(targetId, { role: "MANAGER" }, actorId, ({ target, activeAdminCount }) => checkAccessChange({ actorId, target, change: { role: "MANAGER" }, activeAdminCount }));

describe("changing user access", () => {
  it("two admins demoting each other at the same time leave one admin: the second change sees the first", async () => {
    const first = DEMO_USERS.find((user) => user.role === "ADMIN")!;
    const second = await db.user.create({ data: { email: "second.admin@example.com", name: "Second Admin", role: "ADMIN", passwordHash: "x" }, select: { id: true } });
    expect(await db.user.count({ where: { role: "ADMIN", isActive: true } })).toBe(2);

    // Hold back every write to User until both changes are under way, so both would read the admin count before
    // either writes if nothing serialised them.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query(`BEGIN; LOCK TABLE "User" IN SHARE ROW EXCLUSIVE MODE`);
    const pending = Promise.all([demote(first.id, second.id), demote(second.id, first.id)]);
    try {
      await waitForWaitingBackends(blocker, 2);
    } finally {
      await blocker.query("COMMIT");
      await blocker.end();
    }
    const results = await pending;
    expect(results.filter((result) => result && "user" in result)).toHaveLength(1);
    expect(results.filter((result) => result && "refused" in result).map((result) => result && "refused" in result && result.refused)).toEqual(["lastAdmin"]);
    expect(await db.user.count({ where: { role: "ADMIN", isActive: true } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "user.update-access" } })).toBe(1);
  });

  it("an unknown user is null, not an error", async () => {
    expect(await demote(DEMO_USERS[0]!.id, "00000000-0000-4000-8000-00000000beef")).toBeNull();
  });

  it("lists users a page at a time, active first, with the total", async () => {
    const total = await db.user.count();
    const firstPage = await listUsers({ skip: 0, take: 2 });
    const rest = await listUsers({ skip: 2, take: 100 });
    expect(firstPage.total).toBe(total);
    expect(firstPage.users).toHaveLength(2);
    expect([...firstPage.users, ...rest.users].map((user) => user.id)).toHaveLength(total);
    expect(new Set([...firstPage.users, ...rest.users].map((user) => user.id)).size).toBe(total);
  });
});
