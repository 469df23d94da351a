/**
 * The REST API's one wrapper. An endpoint is declared once — method, path, permission, zod schemas for params,
 * query, body and response — and that declaration both runs the request and describes it in the OpenAPI document
 * (lib/api/openapi.ts), so the two cannot drift. Every request: API key (401) → rate limit (429) → scope and
 * role (403) → validation (422) → handler → response checked against its schema; failures go through the one
 * error mapping in lib/http/route-errors.ts (404, 409, and 500 without internals). Only a request that does not
 * fit its schemas is the client's fault (422): a response that does not fit its schema, or any other zod failure
 * on the way, is our bug (500, logged). A database pool with no free connection answers 503 with Retry-After.
 * Every audit entry the handler writes names the API key (lib/db/audit-log.ts `withAuditSource`).
 */
import { createHash } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z, ZodError } from "zod";
import { can } from "@/lib/auth/permissions";
import { countApiRequest, findApiKeyBySecret, touchApiKey, type ApiKeyPrincipal } from "@/lib/db/api-keys";
import { IdempotencyKeyBusy, withIdempotencyKey } from "@/lib/db/api-idempotency";
import { withAuditSource } from "@/lib/db/audit-log";
import { isPoolTimeout } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route-errors";
import { rateLimitPerMinute, type Endpoint } from "./define";

export { defineEndpoint, type Endpoint } from "./define";

export type HandlerInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  key: ApiKeyPrincipal;
  request: Request;
  now: Date;
};

async function authenticate(request: Request): Promise<ApiKeyPrincipal> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("UNAUTHENTICATED", "Send an API key as `Authorization: Bearer <key>`.");
  const key = await findApiKeyBySecret(match[1]!);
  if (!key) throw new AppError("UNAUTHENTICATED", "This API key is not valid or was revoked.");
  return key;
}

function searchParamsObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
}

/** The route handler for an endpoint: `export const GET = handle(endpoint, async (input) => …)`. */
export function handle<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  endpoint: Endpoint<P, Q, B, R>,
  handler: (input: HandlerInput<P, Q, B>) => Promise<z.input<R> | Response>,
) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const headers = new Headers();
    try {
      const key = await authenticate(request);
      const now = new Date();
      const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      const count = await countApiRequest(key.id, windowStart);
      const limit = rateLimitPerMinute();
      headers.set("X-RateLimit-Limit", String(limit));
      headers.set("X-RateLimit-Remaining", String(Math.max(0, limit - count)));
      if (count > limit) {
        headers.set("Retry-After", String(Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000))));
        throw new AppError("RATE_LIMITED", `More than ${limit} requests this minute for this key. Try again after Retry-After seconds.`);
      }
      void touchApiKey(key.id, now).catch(() => {});
      if (endpoint.write && key.scope !== "READ_WRITE") throw new AppError("FORBIDDEN", "This API key may only read.");
      if (!can(key.role, endpoint.permission)) throw new AppError("FORBIDDEN", `The role of this API key (${key.role.toLowerCase()}) does not allow this.`);

      const url = new URL(request.url);
      const bodyText = endpoint.body ? await request.clone().text() : "";
      const input = {
        // A malformed id in the path names nothing that exists: 404, like an unknown one.
        params: endpoint.params ? parseParams(endpoint.params, await context.params) : undefined,
        query: endpoint.query ? parseRequest(endpoint.query, searchParamsObject(url)) : undefined,
        body: endpoint.body ? parseRequest(endpoint.body, await readJson(request)) : undefined,
        key,
        request,
        now,
      } as HandlerInput<P, Q, B>;

      const run = async (): Promise<{ status: number; body: unknown } | Response> => {
        const result = await withAuditSource({ apiKey: { id: key.id, name: key.name } }, () => handler(input));
        if (result instanceof Response) return result;
        return { status: endpoint.successStatus ?? 200, body: endpoint.response.parse(result) };
      };
      const idempotencyKey = endpoint.idempotent ? request.headers.get("idempotency-key") : null;
      const outcome = idempotencyKey
        ? await withIdempotencyKey(key.id, idempotencyKey, hashRequest(request.method, url.pathname, bodyText), async () => {
            const result = await run();
            if (result instanceof Response) throw new Error("Idempotent endpoints return data, not a Response.");
            return result;
          })
        : await run();
      if (outcome instanceof Response) {
        headers.forEach((value, name) => outcome.headers.set(name, value));
        return outcome;
      }
      if ("replayed" in outcome && outcome.replayed) headers.set("Idempotent-Replayed", "true");
      return Response.json(outcome.body, { status: outcome.status, headers });
    } catch (error) {
      const response = apiErrorResponse(error);
      headers.forEach((value, name) => response.headers.set(name, value));
      if (response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="Worthwise CRM API"');
      return response;
    }
  };
}

/** Zod failures of the request itself, the only ones that are the client's (422). */
const requestErrors = new WeakSet<ZodError>();

function parseRequest(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  requestErrors.add(parsed.error);
  throw parsed.error;
}

const RETRY_AFTER_BUSY_SECONDS = 5;

function apiErrorResponse(error: unknown): Response {
  unstable_rethrow(error);
  if (error instanceof ZodError && !requestErrors.has(error)) {
    // A response that does not fit its own schema (or a schema check deeper down): our bug, not the request's.
    console.error("[api] A value failed its schema after the request was accepted", error);
    return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500 });
  }
  if (isPoolTimeout(error)) {
    console.error("[api] No free database connection", error);
    return Response.json(
      { error: { code: "UNAVAILABLE", message: "The server is busy. Try again after Retry-After seconds." } },
      { status: 503, headers: { "Retry-After": String(RETRY_AFTER_BUSY_SECONDS) } },
    );
  }
  const response = errorResponse(error);
  if (error instanceof IdempotencyKeyBusy) response.headers.set("Retry-After", String(error.retryAfterSeconds));
  return response;
}

function hashRequest(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

function parseParams(schema: z.ZodType, params: Record<string, string>): unknown {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("NOT_FOUND", "There is nothing at this address.");
  return parsed.data;
}
