// The JSON Schemas a Request trigger checks its calls against: whether one is usable (deploy, and the editor as
// the builder types), and where a call breaks it (the SDK route). Client-safe and without "server-only": the
// editor bundles it. One Ajv configuration with App Events (lib/app-events/schema-ajv.ts), formats included.
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020";
import { compileDetached, createSchemaAjv } from "@/lib/app-events/schema-ajv";
import { draft2020Problems } from "@/lib/app-events/derive-json-schema";
import type { TRequestPart } from "@/lib/schemas/workflow";

/** `path` is a JSON pointer: into the schema for a schema's problem, into the part of the call for a mismatch ("" is the whole). */
export type TRequestSchemaProblem = { path: string; message: string };

const ajv = createSchemaAjv();

// The editor checks the draft on every change: a schema's verdict is kept by its text, for the last few.
const verdicts = new Map<string, TRequestSchemaProblem[]>();
const VERDICTS_KEPT = 50;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function describe(error: ErrorObject): string {
  if (error.params && "missingProperty" in error.params) return `must have property “${String(error.params.missingProperty)}”`;
  const allowed = error.params && "allowedValues" in error.params ? (error.params.allowedValues as unknown[]) : null;
  const message = error.message ?? "is not valid";
  return allowed ? `${message}: ${allowed.join(", ")}` : message;
}

/**
 * What is wrong with `schema` as the schema of one part of a call; empty when it is usable. It must be a
 * draft 2020-12 schema that compiles; query parameters and headers are always objects, so their schema's root
 * must accept one.
 */
export function requestSchemaProblems(part: TRequestPart, schema: unknown): TRequestSchemaProblem[] {
  const key = `${part} ${JSON.stringify(schema)}`;
  const known = verdicts.get(key);
  if (known) return known;
  const problems = checkSchema(part, schema);
  if (verdicts.size >= VERDICTS_KEPT) verdicts.delete(verdicts.keys().next().value as string);
  verdicts.set(key, problems);
  return problems;
}

function checkSchema(part: TRequestPart, schema: unknown): TRequestSchemaProblem[] {
  if (!isPlainObject(schema)) return [{ path: "", message: "A JSON Schema must be a JSON object" }];
  const metaProblems = draft2020Problems(schema);
  if (metaProblems.length > 0) return metaProblems;
  const type = schema.type;
  if (part !== "body" && type !== undefined && !(type === "object" || (Array.isArray(type) && type.includes("object")))) {
    return [{ path: "/type", message: `The ${part === "query" ? "query parameters are" : "headers are"} always an object, so the root type must be "object"` }];
  }
  try {
    compileDetached(ajv, schema);
  } catch (error) {
    return [{ path: "", message: error instanceof Error ? error.message : "The schema does not compile" }];
  }
  return [];
}

/** A validator for a schema that requestSchemaProblems accepted. */
export function compileRequestSchema(schema: object): ValidateFunction {
  return compileDetached(ajv, schema);
}

/** Where `value` breaks the schema `validate` was compiled from, as JSON pointers into it; empty when it matches. */
export function requestSchemaMismatches(validate: ValidateFunction, value: unknown): TRequestSchemaProblem[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({ path: error.instancePath, message: describe(error) }));
}
