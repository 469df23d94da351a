/**
 * Idempotency-Key for API writes (creating an order): the first successful response is stored per key and
 * idempotency key; a repeat with the same request gets it back instead of a second order. A session advisory
 * lock makes a concurrent repeat wait for the first to finish rather than race it.
 */
import type { Prisma } from "./generated/prisma/client";
import { AppError } from "@/lib/errors";
import { pgPool } from "./pg-pool";

export type StoredOutcome = { status: number; body: unknown; replayed?: boolean };

export async function withIdempotencyLock(keyId: string, idempotencyKey: string, requestHash: string, run: () => Promise<StoredOutcome>): Promise<StoredOutcome> {
  if (idempotencyKey.length > 200) throw new AppError("INVALID", "An Idempotency-Key may be at most 200 characters.");
  const client = await pgPool().connect();
  const lock = `${keyId}:${idempotencyKey}`;
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [lock]);
    const { rows } = await client.query<{ requestHash: string; status: number; response: unknown }>(
      `SELECT "requestHash", "status", "response" FROM "ApiIdempotencyKey" WHERE "keyId" = $1 AND "idempotencyKey" = $2`,
      [keyId, idempotencyKey],
    );
    const stored = rows[0];
    if (stored) {
      if (stored.requestHash !== requestHash) throw new AppError("INVALID", "This Idempotency-Key was already used for a different request.");
      return { status: stored.status, body: stored.response, replayed: true };
    }
    const outcome = await run();
    await client.query(
      `INSERT INTO "ApiIdempotencyKey" ("keyId", "idempotencyKey", "requestHash", "status", "response") VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT DO NOTHING`,
      [keyId, idempotencyKey, requestHash, outcome.status, JSON.stringify(outcome.body as Prisma.InputJsonValue)],
    );
    return outcome;
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lock]).catch(() => {});
    client.release();
  }
}
