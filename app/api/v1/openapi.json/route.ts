import { openApiDocument } from "@/lib/api/openapi";

/** The API's description, generated from the same zod schemas that validate its requests. No key needed. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
