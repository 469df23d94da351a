import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "./endpoints";
import { openApiDocument } from "./openapi";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every (method, OpenAPI path) that a route file under app/api/v1 exports. */
function routeMethods(directory = API_ROOT): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) found.push(...routeMethods(full));
    else if (entry === "route.ts") {
      const source = readFileSync(full, "utf8");
      const routePath = `/api/v1/${path.relative(API_ROOT, directory).split(path.sep).join("/")}`.replace(/\/$/, "").replace(/\[(\w+)\]/g, "{$1}");
      for (const match of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push({ method: match[1]!, path: routePath });
    }
  }
  return found;
}

describe("the OpenAPI description", () => {
  const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>> };

  it("describes every method of every route file under app/api/v1", () => {
    const routes = routeMethods().filter((route) => route.path !== "/api/v1/openapi.json");
    expect(routes.length).toBeGreaterThanOrEqual(ENDPOINTS.length);
    for (const route of routes) expect(document.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it("declares nothing that no route file serves", () => {
    const served = new Set(routeMethods().map((route) => `${route.method} ${route.path}`));
    for (const endpoint of ENDPOINTS) expect(served.has(`${endpoint.method} ${endpoint.path}`), `${endpoint.method} ${endpoint.path}`).toBe(true);
  });

  it("is OpenAPI 3.1 with the errors every endpoint can answer and its path parameters", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const [pathName, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(operations)) {
        for (const status of ["401", "403", "429", "500", "503"]) expect(operation.responses[status], `${pathName} ${status}`).toBeDefined();
        for (const name of [...pathName.matchAll(/\{(\w+)\}/g)].map((match) => match[1])) {
          expect(operation.parameters.some((parameter) => parameter.in === "path" && parameter.name === name), `${pathName} {${name}}`).toBe(true);
        }
      }
    }
  });

  it("takes request and response shapes from the zod schemas", () => {
    const createOrder = document.paths["/api/v1/orders"]!.post as unknown as { requestBody: { content: Record<string, { schema: { required: string[] } }> }; responses: Record<string, unknown>; parameters: { name: string }[] };
    expect(createOrder.requestBody.content["application/json"]!.schema.required).toEqual(expect.arrayContaining(["externalId", "placedAt", "totalMinor"]));
    expect(createOrder.responses["201"]).toBeDefined();
    expect(createOrder.parameters.map((parameter) => parameter.name)).toContain("Idempotency-Key");
  });
});
