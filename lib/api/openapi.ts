/**
 * The OpenAPI 3.1 description of REST API v1, generated from the endpoint declarations and their zod schemas
 * (zod's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from "zod";
import { rateLimitPerMinute, type Endpoint } from "./define";
import { ENDPOINTS } from "./endpoints";
import { ErrorSchema } from "./resources";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete json.$schema;
  return json;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Missing, unknown or revoked API key",
  403: "The key's scope or role does not allow this",
  404: "Not found",
  409: "Conflict (for example a duplicate external id, an erased person, or a repeat whose Idempotency-Key is still being processed: retry after Retry-After)",
  422: "Validation failed; `fields` says which field and why",
  429: "Too many requests for this key; see Retry-After",
  500: "Unexpected error (no details are given)",
  503: "The server is too busy right now; see Retry-After",
};

/** Query or path parameters from an object schema. */
function parameters(schema: z.ZodType | undefined, location: "query" | "path"): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function operation(endpoint: Endpoint): JsonSchema {
  const success = endpoint.successStatus ?? 200;
  const responses: Record<string, JsonSchema> = {
    [success]: { description: success === 201 ? "Created" : "OK", content: { "application/json": { schema: schemaOf(endpoint.response, "output") } } },
  };
  for (const status of [...endpoint.errors, 401, 403, 429, 500, 503].sort()) {
    responses[status] = { description: STATUS_TEXT[status], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  const headers: JsonSchema[] = endpoint.idempotent
    ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Sending the same key again with the same request returns the first response and creates nothing.", schema: { type: "string", maxLength: 200 } }]
    : [];
  return {
    operationId: `${endpoint.method.toLowerCase()}${endpoint.path.replace(/\/api\/v1/, "").replace(/[{}]/g, "").replace(/\/(\w)/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, "")}`,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: `Needs a key whose role may \`${endpoint.permission}\`${endpoint.write ? " and a read-write scope" : ""}.`,
    parameters: [...parameters(endpoint.params, "path"), ...parameters(endpoint.query, "query"), ...headers],
    ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(endpoint.body, "input") } } } } : {}),
    responses,
    security: [{ apiKey: [] }],
  };
}

export function openApiDocument(endpoints: readonly Endpoint[] = ENDPOINTS): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const endpoint of endpoints) (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint);
  return {
    openapi: "3.1.0",
    info: {
      title: "Worthwise CRM API",
      version: "1",
      description: `Customers, orders, segments and customer value. Authenticate with an API key created by an admin: \`Authorization: Bearer wcrm_…\`. At most ${rateLimitPerMinute()} requests per key per minute. Money is in integer minor units; times are ISO 8601. Lists are paged with \`cursor\` (from \`nextCursor\`) and \`limit\`.`,
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key (wcrm_…)" } },
      schemas: { Error: schemaOf(ErrorSchema, "output") },
    },
  };
}
