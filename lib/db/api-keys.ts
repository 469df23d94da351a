/**
 * API keys for other systems. The secret ("wcrm_" + 32 random base62 characters, ~190 bits) is shown once and
 * only its SHA-256 is stored: with that much entropy a fast hash is enough, and lookups stay one index probe.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/permissions";
import { writeAuditEntry } from "./audit-log";
import { db } from "./client";
import type { ApiKeyScope } from "./generated/prisma/client";
import { pgPool } from "./pg-pool";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const API_KEY_PREFIX = "wcrm_";

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function newSecret(): string {
  const bytes = randomBytes(32);
  let body = "";
  for (const byte of bytes) body += ALPHABET[byte % ALPHABET.length];
  return `${API_KEY_PREFIX}${body}`;
}

export type ApiKeyPrincipal = { id: string; name: string; role: Role; scope: ApiKeyScope };

export async function createApiKey(input: { name: string; scope: ApiKeyScope; role: Role }, actorId: string): Promise<{ id: string; secret: string }> {
  const secret = newSecret();
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.create({
      data: { name: input.name, scope: input.scope, role: input.role, prefix: secret.slice(0, API_KEY_PREFIX.length + 4), hashedKey: hashApiKey(secret), createdById: actorId },
      select: { id: true },
    });
    await writeAuditEntry(tx, { actorId, action: "apikey.create", entityType: "ApiKey", entityId: key.id, after: { name: input.name, scope: input.scope, role: input.role } });
    return { id: key.id, secret };
  });
}

export function listApiKeys() {
  return db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, scope: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
}

export async function revokeApiKey(id: string, actorId: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count > 0) await writeAuditEntry(tx, { actorId, action: "apikey.revoke", entityType: "ApiKey", entityId: id });
    return count > 0;
  });
}

/** The live key with this secret, or null (unknown or revoked). */
export async function findApiKeyBySecret(secret: string): Promise<ApiKeyPrincipal | null> {
  const key = await db.apiKey.findUnique({ where: { hashedKey: hashApiKey(secret) }, select: { id: true, name: true, role: true, scope: true, revokedAt: true } });
  if (!key || key.revokedAt) return null;
  return { id: key.id, name: key.name, role: key.role, scope: key.scope };
}

/** Counts one request in the key's current minute; returns the count so far in that minute. */
export async function countApiRequest(keyId: string, windowStart: Date): Promise<number> {
  const { rows } = await pgPool().query<{ count: number }>(
    `INSERT INTO "ApiRequestWindow" ("keyId", "windowStart", "count") VALUES ($1, $2, 1)
     ON CONFLICT ("keyId", "windowStart") DO UPDATE SET "count" = "ApiRequestWindow"."count" + 1
     RETURNING "count"`,
    [keyId, windowStart.toISOString()],
  );
  return rows[0]!.count;
}

/** Marks a key as used, at most once a minute (the list shows "last used"; a write per request is not needed). */
export async function touchApiKey(keyId: string, now: Date): Promise<void> {
  await pgPool().query(`UPDATE "ApiKey" SET "lastUsedAt" = $2 WHERE "id" = $1 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < $2::timestamptz - interval '1 minute')`, [keyId, now.toISOString()]);
}

/** Old rate-limit windows and idempotency records, dropped by the worker now and then. */
export async function pruneApiBookkeeping(now: Date): Promise<void> {
  await pgPool().query(`DELETE FROM "ApiRequestWindow" WHERE "windowStart" < $1::timestamptz - interval '1 hour'`, [now.toISOString()]);
  await pgPool().query(`DELETE FROM "ApiIdempotencyKey" WHERE "createdAt" < $1::timestamptz - interval '7 days'`, [now.toISOString()]);
}
