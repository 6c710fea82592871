// OpenAPI 3.1 for /api/v1, generated from the operation list and the zod schemas the routes parse with.
import { z } from "zod";
import { ZErrorBody } from "@/lib/schemas/common";
import type { TOperation } from "./define-operation";
import { OPERATIONS } from "./operations";

type TJsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "Malformed JSON, an empty body, JSON nested more than MAX_JSON_DEPTH (64) levels, text PostgreSQL cannot store (a NUL or an unpaired surrogate, with its JSON pointer in details) in the body, query or path, or a malformed percent-escape in the path",
  401: "Missing, invalid or revoked credentials",
  403: "The caller may not do this",
  404: "Not found, or not visible to the caller",
  409: "Conflicts with the current state",
  413: "Body larger than 1 MiB",
  422: "The body does not match the schema; details lists each field path",
  429: "Rate limited; see Retry-After",
  500: "Unexpected error (details are in the server log only)",
  503: "Busy (the Test step sandbox is full); see Retry-After",
};

function toSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, TJsonSchema>): TJsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as TJsonSchema;
  const defs = (json.$defs ?? {}) as Record<string, TJsonSchema>;
  delete json.$defs;
  delete json.$schema;
  const relink = (value: TJsonSchema) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as TJsonSchema;
  for (const [name, def] of Object.entries(defs)) components[name] ??= relink(def);
  const id = z.globalRegistry.get(schema)?.id;
  if (id) {
    components[id] ??= relink(json);
    return { $ref: `#/components/schemas/${id}` };
  }
  return relink(json);
}

function parameters(operation: TOperation, components: Record<string, TJsonSchema>) {
  const list: TJsonSchema[] = [];
  for (const [location, schema] of [["path", operation.params], ["query", operation.query]] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      list.push({ name, in: location, required: location === "path" || !field.safeParse(undefined).success, schema: toSchema(field, "input", components) });
    }
  }
  return list;
}

export function buildOpenApiDocument(serverUrl: string) {
  const components: Record<string, TJsonSchema> = {};
  const errorRef = toSchema(ZErrorBody, "output", components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS as TOperation[]) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(operation.responses)) {
      responses[status] = schema
        ? { description: "Success", content: { "application/json": { schema: toSchema(schema, "output", components) } } }
        : { description: "Success" };
    }
    // Every operation can refuse bad input (400), credentials (401), a rate limit (429) and fail (500).
    for (const status of [...new Set([...operation.errors, 400, 401, 429, 500])].sort()) {
      responses[status] = { description: STATUS_TEXT[status], content: { "application/json": { schema: errorRef } } };
    }
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = {
      operationId: operation.id,
      summary: operation.summary,
      tags: [operation.tag],
      parameters: parameters(operation, components),
      ...(operation.body
        ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(operation.body, "input", components) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchyard management API",
      version: "1",
      description: "Every error has the body { error: { code, message, details? } }.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ apiKey: [] }, { session: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A project API key (sy_…)" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
    },
  };
}
