/**
 * How a REST API endpoint is declared (method, path, permission, zod schemas), without any server code, so the
 * OpenAPI document can be built anywhere (a test, a script) from the same declarations the routes run.
 */
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export type Endpoint<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> = {
  method: HttpMethod;
  /** OpenAPI path, e.g. "/api/v1/customers/{id}". */
  path: string;
  summary: string;
  tag: string;
  permission: Permission;
  /** Needs a read-write key. */
  write: boolean;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  successStatus?: 200 | 201;
  /** Accepts an Idempotency-Key header: the same key and request replay the first response. */
  idempotent?: boolean;
  /** Error statuses this endpoint can answer with, besides 401, 403, 429 and 500. */
  errors: (400 | 404 | 409 | 422)[];
};

export function defineEndpoint<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(endpoint: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return endpoint;
}

/** Requests per key per minute (API_RATE_LIMIT_PER_MINUTE overrides). */
export function rateLimitPerMinute(): number {
  const configured = Number(process.env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : 600;
}

