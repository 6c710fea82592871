// The OpenAPI document and the route files under app/api/v1 describe the same API: every route file's
// exported methods are documented, and every documented operation has a route file exporting it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { callRoute } from "@/test/factories";

const API_ROOT = path.join(process.cwd(), "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "projects/[projectId]/route.ts" → "/projects/{projectId}" */
function templateOf(file: string): string {
  const dir = path.relative(API_ROOT, path.dirname(file)).split(path.sep).join("/");
  return `/${dir.replace(/\[([^\]]+)\]/g, "{$1}")}`;
}

async function implementedOperations(): Promise<string[]> {
  const found: string[] = [];
  for (const file of routeFiles(API_ROOT)) {
    const template = templateOf(file);
    if (template === "/openapi.json") continue;
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) if (typeof module[method] === "function") found.push(`${method} ${template}`);
  }
  return found.sort();
}

async function fetchDocument() {
  const response = await callRoute(async (request) => getOpenApi(request), { path: "/api/v1/openapi.json" });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return response.body;
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1.0 document served without credentials, pointing at this server", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: "http://localhost/api/v1" }]);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(["apiKey", "session"]);
  });

  it("documents exactly the operations the route files implement", async () => {
    const document = await fetchDocument();
    const documented: string[] = [];
    for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) documented.push(`${method.toUpperCase()} ${template}`);
    }
    const implemented = await implementedOperations();
    expect(implemented.length).toBeGreaterThan(0);
    expect(documented.sort()).toEqual(implemented);
  });

  it("gives every operation a unique id, its path parameters, and the error answers every route can give", async () => {
    const document = await fetchDocument();
    const ids: string[] = [];
    for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, TDocOperation>>)) {
      const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${template}`;
        ids.push(operation.operationId);
        const declared = operation.parameters.filter((p) => p.in === "path");
        expect(declared.map((p) => p.name).sort(), where).toEqual(pathParams);
        expect(declared.every((p) => p.required), where).toBe(true);
        for (const status of ["401", "429", "500"]) {
          expect(operation.responses[status]?.content?.["application/json"]?.schema, `${where} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        }
        if (pathParams.length > 0) expect(Object.keys(operation.responses), where).toContain("404");
        if (operation.requestBody) {
          for (const status of ["400", "413", "422"]) expect(Object.keys(operation.responses), `${where} ${status}`).toContain(status);
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.components.schemas.Error).toBeDefined();
  });
});

type TDocOperation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
