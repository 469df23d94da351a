/**
 * Idempotency-Keys claimed by a pending row: a repeat waits for the first request's answer and gets it, a
 * failure releases the key, a repeat that waits too long is told to retry, and a claim left by a request that
 * died is taken over.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/prisma/factories/users";
import { seedShop } from "@/tests/support/seed-shop";
import { IdempotencyKeyBusy, withIdempotencyKey } from "./api-idempotency";
import { createApiKey } from "./api-keys";
import { db } from "./client";

let keyId = "";

beforeAll(async () => {
  await seedShop(2);
  const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;
  keyId = (await createApiKey({ name: "Idempotency test", scope: "READ_WRITE", role: "MANAGER" }, admin.id)).id;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("an Idempotency-Key", () => {
  it("makes a concurrent repeat wait for the first answer and replay it, running the work once", async () => {
    let runs = 0;
    const work = async () => {
      runs++;
      await sleep(300);
      return { status: 201, body: { id: "first" } };
    };
    const [first, repeat] = await Promise.all([withIdempotencyKey(keyId, "wait-1", "hash", work), sleep(50).then(() => withIdempotencyKey(keyId, "wait-1", "hash", work))]);
    expect(runs).toBe(1);
    expect(first).toEqual({ status: 201, body: { id: "first" } });
    expect(repeat).toEqual({ status: 201, body: { id: "first" }, replayed: true });
  });

  it("is released when the work fails, so the same key can be sent again", async () => {
    await expect(withIdempotencyKey(keyId, "fail-1", "hash", async () => Promise.reject(new Error("shop sent nonsense")))).rejects.toThrow("shop sent nonsense");
    expect(await db.apiIdempotencyKey.count({ where: { keyId, idempotencyKey: "fail-1" } })).toBe(0);
    expect(await withIdempotencyKey(keyId, "fail-1", "hash", async () => ({ status: 201, body: { ok: true } }))).toEqual({ status: 201, body: { ok: true } });
  });

  it("refuses a different request under a used key, and tells a repeat that waited too long to retry", async () => {
    await withIdempotencyKey(keyId, "used-1", "hash-a", async () => ({ status: 201, body: {} }));
    await expect(withIdempotencyKey(keyId, "used-1", "hash-b", async () => ({ status: 201, body: {} }))).rejects.toMatchObject({ code: "INVALID" });

    const slow = withIdempotencyKey(keyId, "slow-1", "hash", async () => {
      await sleep(600);
      return { status: 201, body: {} };
    });
    await sleep(50);
    await expect(withIdempotencyKey(keyId, "slow-1", "hash", async () => ({ status: 201, body: {} }), { waitMs: 100, pollMs: 20 })).rejects.toBeInstanceOf(IdempotencyKeyBusy);
    await slow;
  });

  it("takes over a claim still pending from a request that died", async () => {
    await db.apiIdempotencyKey.create({ data: { keyId, idempotencyKey: "dead-1", requestHash: "hash", status: 0, response: "null", createdAt: new Date(Date.now() - 10 * 60_000) } });
    const outcome = await withIdempotencyKey(keyId, "dead-1", "hash", async () => ({ status: 201, body: { id: "again" } }), { staleMs: 60_000 });
    expect(outcome).toEqual({ status: 201, body: { id: "again" } });
    expect(await db.apiIdempotencyKey.findUniqueOrThrow({ where: { keyId_idempotencyKey: { keyId, idempotencyKey: "dead-1" } }, select: { status: true, response: true } })).toEqual({ status: 201, response: { id: "again" } });
  });
});
