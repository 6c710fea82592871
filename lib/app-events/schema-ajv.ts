// The one Ajv configuration for App Event schemas. The editor's and the API's schema checks
// (derive-json-schema.ts) and ingestion (lib/sdk-config/get-project-config.ts) all build their instance here,
// so a payload the editor calls valid is one ingestion accepts, formats included. Client-safe: the editor
// bundles it.
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * A draft 2020-12 Ajv with ajv-formats' formats checked. Strict, so a misspelt keyword ("requried") or format
 * ("emial") is an error instead of silently constraining nothing; the strict type, tuple and required checks
 * stay off, since they refuse schemas that are valid JSON Schema. addUsedSchema: false, so schemas that share
 * an $id do not collide in one instance.
 */
export function createSchemaAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    addUsedSchema: false,
  });
  addFormats(ajv);
  return ajv;
}

// Ajv's normalizeId: the id a schema is registered under.
const registeredId = (id: string) => id.replace(/#\/?$/, "");

/**
 * Compiles `schema` without keeping it in the instance: Ajv caches every schema object it compiles, so a
 * long-lived instance that compiles new objects would grow without end. The function returned keeps working.
 * Ajv's removeSchema also unregisters the schema's $id; user schemas are never registered (addUsedSchema:
 * false), so that could only unregister a meta-schema whose $id the schema claims, and break every later
 * check of the instance. Such a schema is refused instead.
 */
export function compileDetached(ajv: Ajv2020, schema: object): ValidateFunction {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id === "string" && (Object.hasOwn(ajv.schemas, registeredId(id)) || Object.hasOwn(ajv.refs, registeredId(id)))) {
    throw new Error(`$id "${id}" is the id of a JSON Schema meta-schema`);
  }
  try {
    return ajv.compile(schema);
  } finally {
    ajv.removeSchema(schema);
  }
}
