/**
 * Idempotency-Key for API writes (creating an order): the first successful response is stored per API key and
 * idempotency key; a repeat with the same request gets it back instead of a second order.
 *
 * The first request claims the key by inserting its row as pending (`status` 0: no HTTP status is 0), runs, and
 * then stores its response on the row. A concurrent repeat finds the pending row and polls for the answer. No
 * database connection is held while the request runs: an advisory lock held on a pooled connection across the
 * whole write (the order, the rescore, the segment refresh all need connections of their own) let a burst of as
 * many requests as the pool has connections take every one of them and then wait forever for one more.
 */
import { AppError } from "@/lib/errors";
import { pgPool } from "./pg-pool";

export type StoredOutcome = { status: number; body: unknown; replayed?: boolean };

const PENDING = 0;

export type IdempotencyTiming = {
  /** How long a repeat waits for the first request to finish before it is told to retry (409). */
  waitMs: number;
  pollMs: number;
  /** A claim still pending after this long belongs to a request that died (a crash, a restart): the next repeat takes it over. */
  staleMs: number;
};

const DEFAULT_TIMING: IdempotencyTiming = { waitMs: 20_000, pollMs: 50, staleMs: 120_000 };

type KeyRow = { requestHash: string; status: number; response: unknown; pendingForMs: number };

/** Repeats with the same key while the first one runs; its Retry-After says when to ask again. */
export class IdempotencyKeyBusy extends AppError {
  readonly retryAfterSeconds = 1;
  constructor() {
    super("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry it in a moment to get its response.");
  }
}

async function claim(keyId: string, idempotencyKey: string, requestHash: string): Promise<boolean> {
  const { rowCount } = await pgPool().query(
    `INSERT INTO "ApiIdempotencyKey" ("keyId", "idempotencyKey", "requestHash", "status", "response") VALUES ($1, $2, $3, ${PENDING}, 'null'::jsonb)
     ON CONFLICT DO NOTHING`,
    [keyId, idempotencyKey, requestHash],
  );
  return rowCount === 1;
}

async function readKey(keyId: string, idempotencyKey: string): Promise<KeyRow | null> {
  const { rows } = await pgPool().query<KeyRow>(
    `SELECT "requestHash", "status", "response", (extract(epoch FROM clock_timestamp() - "createdAt") * 1000)::float8 AS "pendingForMs"
     FROM "ApiIdempotencyKey" WHERE "keyId" = $1 AND "idempotencyKey" = $2`,
    [keyId, idempotencyKey],
  );
  return rows[0] ?? null;
}

/** Takes over a claim whose request died; only one of several repeats gets it. */
async function takeOverStale(keyId: string, idempotencyKey: string, staleMs: number): Promise<boolean> {
  const { rowCount } = await pgPool().query(
    `UPDATE "ApiIdempotencyKey" SET "createdAt" = clock_timestamp()
     WHERE "keyId" = $1 AND "idempotencyKey" = $2 AND "status" = ${PENDING} AND "createdAt" < clock_timestamp() - $3 * interval '1 millisecond'`,
    [keyId, idempotencyKey, staleMs],
  );
  return rowCount === 1;
}

async function runClaimed(keyId: string, idempotencyKey: string, run: () => Promise<StoredOutcome>): Promise<StoredOutcome> {
  let outcome: StoredOutcome;
  try {
    outcome = await run();
  } catch (error) {
    // Failures are not stored: the caller may fix the request's cause and send the same key again.
    await pgPool()
      .query(`DELETE FROM "ApiIdempotencyKey" WHERE "keyId" = $1 AND "idempotencyKey" = $2 AND "status" = ${PENDING}`, [keyId, idempotencyKey])
      .catch((cleanup: unknown) => console.error("[api] Could not release an Idempotency-Key claim", cleanup));
    throw error;
  }
  await pgPool().query(`UPDATE "ApiIdempotencyKey" SET "status" = $3, "response" = $4::jsonb WHERE "keyId" = $1 AND "idempotencyKey" = $2`, [
    keyId,
    idempotencyKey,
    outcome.status,
    JSON.stringify(outcome.body),
  ]);
  return outcome;
}

export async function withIdempotencyKey(
  keyId: string,
  idempotencyKey: string,
  requestHash: string,
  run: () => Promise<StoredOutcome>,
  timing: Partial<IdempotencyTiming> = {},
): Promise<StoredOutcome> {
  if (idempotencyKey.length > 200) throw new AppError("INVALID", "An Idempotency-Key may be at most 200 characters.");
  const { waitMs, pollMs, staleMs } = { ...DEFAULT_TIMING, ...timing };
  const deadline = Date.now() + waitMs;
  while (true) {
    if (await claim(keyId, idempotencyKey, requestHash)) return runClaimed(keyId, idempotencyKey, run);
    const stored = await readKey(keyId, idempotencyKey);
    // Gone between the two statements: the first request failed and released it. Claim again.
    if (!stored) continue;
    if (stored.requestHash !== requestHash) throw new AppError("INVALID", "This Idempotency-Key was already used for a different request.");
    if (stored.status !== PENDING) return { status: stored.status, body: stored.response, replayed: true };
    if (stored.pendingForMs > staleMs && (await takeOverStale(keyId, idempotencyKey, staleMs))) return runClaimed(keyId, idempotencyKey, run);
    if (Date.now() >= deadline) throw new IdempotencyKeyBusy();
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
