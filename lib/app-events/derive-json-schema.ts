// Derives an App Event's JSON Schema (draft 2020-12) from its example payload, and checks schemas that
// builders edit by hand. Pure and client-safe: the editor and the API run the same code.
import type { ErrorObject } from "ajv/dist/2020";
import type { TJsonObject, TJsonValue } from "@/lib/schemas/app-event";
import { compileDetached, createSchemaAjv } from "./schema-ajv";

type TType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

/** What the example values seen at one place in the payload have in common. */
type TShape = {
  types: Set<TType>;
  /** Objects: each key's shape, and how many of the objects seen had it. */
  properties: Map<string, { shape: TShape; seen: number }>;
  objects: number;
  /** Arrays: the shape of all their elements together; null while no element was seen. */
  items: TShape | null;
  /** Strings: the format every string seen matches, null once one does not. */
  format: string | null | undefined;
};

export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

// The format checks of the Ajv that validates payloads, so a claimed format always accepts the example.
const ajv = createSchemaAjv();
const isDateTime = ajv.compile({ type: "string", format: "date-time" });
const isEmail = ajv.compile({ type: "string", format: "email" });

function formatOf(text: string): string | null {
  if (isDateTime(text)) return "date-time";
  if (isEmail(text)) return "email";
  return null;
}

function emptyShape(): TShape {
  return { types: new Set(), properties: new Map(), objects: 0, items: null, format: undefined };
}

function addValue(shape: TShape, value: TJsonValue): TShape {
  if (value === null) shape.types.add("null");
  else if (Array.isArray(value)) {
    shape.types.add("array");
    for (const element of value) shape.items = addValue(shape.items ?? emptyShape(), element);
  } else if (typeof value === "object") {
    shape.types.add("object");
    shape.objects += 1;
    for (const [key, child] of Object.entries(value)) {
      const property = shape.properties.get(key) ?? { shape: emptyShape(), seen: 0 };
      property.seen += 1;
      addValue(property.shape, child);
      shape.properties.set(key, property);
    }
  } else if (typeof value === "string") {
    shape.types.add("string");
    const format = formatOf(value);
    shape.format = shape.format === undefined || shape.format === format ? format : null;
  } else if (typeof value === "number") {
    shape.types.add(Number.isInteger(value) ? "integer" : "number");
  } else {
    shape.types.add("boolean");
  }
  return shape;
}

const TYPE_ORDER: TType[] = ["object", "array", "string", "number", "integer", "boolean", "null"];

function toSchema(shape: TShape): TJsonObject {
  // An integer where other examples have fractions is just a number.
  const types = TYPE_ORDER.filter((type) => shape.types.has(type) && !(type === "integer" && shape.types.has("number")));
  const schema: TJsonObject = {};
  if (types.length > 0) schema.type = types.length === 1 ? types[0] : types;
  if (shape.types.has("object")) {
    const properties: TJsonObject = {};
    const required: string[] = [];
    for (const [key, property] of shape.properties) {
      properties[key] = toSchema(property.shape);
      if (property.seen === shape.objects) required.push(key);
    }
    schema.properties = properties;
    if (required.length > 0) schema.required = required;
  }
  // An empty array says nothing about its elements, so they stay unconstrained.
  if (shape.types.has("array") && shape.items) schema.items = toSchema(shape.items);
  if (shape.types.has("string") && shape.format) schema.format = shape.format;
  return schema;
}

/**
 * The schema an example payload implies: every key it has is required, with the type of its value.
 * Array elements are merged: a key that only some elements have is optional, and values of different
 * types give a list of types. "date-time" and "email" formats are claimed only when every string seen
 * at that place has the format. No `$schema` is written: the dialect is always draft 2020-12.
 */
export function deriveJsonSchema(example: TJsonObject): TJsonObject {
  return toSchema(addValue(emptyShape(), example));
}

export type TSchemaProblem = { path: string; message: string };

function describe(error: ErrorObject): string {
  const allowed = error.params && "allowedValues" in error.params ? (error.params.allowedValues as unknown[]) : null;
  const message = error.message ?? "is not valid";
  return allowed ? `${message}: ${allowed.join(", ")}` : message;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What makes a JSON object no usable draft 2020-12 schema: another dialect named in `$schema`, or what the
 * meta-schema refuses (one problem per path). Shared by App Events and the Request trigger's schemas.
 */
export function draft2020Problems(schema: Record<string, unknown>): TSchemaProblem[] {
  if (schema.$schema !== undefined && schema.$schema !== JSON_SCHEMA_DIALECT) {
    return [{ path: "/$schema", message: `Only JSON Schema draft 2020-12 is supported: leave $schema out or set it to ${JSON_SCHEMA_DIALECT}` }];
  }
  if (ajv.validateSchema(schema)) return [];
  // The meta-schema reports one mistake several times (each anyOf branch); the first says it best.
  const problems = new Map<string, string>();
  for (const error of ajv.errors ?? []) if (!problems.has(error.instancePath)) problems.set(error.instancePath, describe(error));
  return [...problems].map(([path, message]) => ({ path, message }));
}

/**
 * What is wrong with a JSON Schema for an App Event, as JSON Pointer paths into the schema ("" is the
 * root) with messages; empty when it is usable. It must be a draft 2020-12 schema that compiles, and
 * since payloads are always JSON objects, its root must accept objects.
 */
export function validateJsonSchema(schema: unknown): TSchemaProblem[] {
  if (!isPlainObject(schema)) return [{ path: "", message: "A JSON Schema for an App Event must be a JSON object" }];
  const metaProblems = draft2020Problems(schema);
  if (metaProblems.length > 0) return metaProblems;
  const type = schema.type;
  if (type !== undefined && !(type === "object" || (Array.isArray(type) && type.includes("object")))) {
    return [{ path: "/type", message: "Payloads are always JSON objects, so the root type must be \"object\"" }];
  }
  try {
    compileDetached(ajv, schema);
  } catch (error) {
    return [{ path: "", message: error instanceof Error ? error.message : "The schema does not compile" }];
  }
  return [];
}

/** Where an example payload breaks a (valid) schema, as JSON Pointer paths into the payload. */
export function findExampleMismatches(schema: TJsonObject, example: TJsonObject): TSchemaProblem[] {
  try {
    const validate = compileDetached(ajv, schema);
    if (validate(example)) return [];
    return (validate.errors ?? []).map((error) => ({
      path: error.instancePath,
      message: error.params && "missingProperty" in error.params ? `must have property “${String(error.params.missingProperty)}”` : describe(error),
    }));
  } catch {
    return [];
  }
}
