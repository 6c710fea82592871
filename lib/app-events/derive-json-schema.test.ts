import { describe, expect, it } from "vitest";
import type { TJsonObject } from "@/lib/schemas/app-event";
import { deriveJsonSchema, findExampleMismatches, validateJsonSchema } from "./derive-json-schema";

describe("deriveJsonSchema", () => {
  it("types every key of the example and requires them all", () => {
    expect(deriveJsonSchema({ name: "Brandon", age: 31, score: 4.5, active: true, deletedAt: null })).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: "integer" },
        score: { type: "number" },
        active: { type: "boolean" },
        deletedAt: { type: "null" },
      },
      required: ["name", "age", "score", "active", "deletedAt"],
    });
  });

  it("describes nested objects, and leaves an empty object open", () => {
    expect(deriveJsonSchema({ contact: { address: { city: "Lyon" } }, meta: {} })).toEqual({
      type: "object",
      properties: {
        contact: {
          type: "object",
          properties: { address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
          required: ["address"],
        },
        meta: { type: "object", properties: {} },
      },
      required: ["contact", "meta"],
    });
  });

  it("merges array elements: keys some elements lack are optional, mixed types are listed", () => {
    const example: TJsonObject = {
      lines: [
        { sku: "A-1", quantity: 2, note: "gift" },
        { sku: "B-2", quantity: 1.5, discount: null },
      ],
      tags: ["a", 1, null],
    };
    expect(deriveJsonSchema(example)).toEqual({
      type: "object",
      properties: {
        lines: {
          type: "array",
          items: {
            type: "object",
            properties: {
              sku: { type: "string" },
              quantity: { type: "number" },
              note: { type: "string" },
              discount: { type: "null" },
            },
            required: ["sku", "quantity"],
          },
        },
        tags: { type: "array", items: { type: ["string", "integer", "null"] } },
      },
      required: ["lines", "tags"],
    });
  });

  it("keeps integer when every number is whole, and nests arrays of arrays", () => {
    expect(deriveJsonSchema({ grid: [[1, 2], [3]], empty: [] })).toEqual({
      type: "object",
      properties: {
        grid: { type: "array", items: { type: "array", items: { type: "integer" } } },
        empty: { type: "array" },
      },
      required: ["grid", "empty"],
    });
  });

  it.each([
    ["an RFC 3339 date-time", "2024-02-29T09:30:00Z", "date-time"],
    ["a date-time with fraction and offset", "2024-05-01T09:30:00.123+02:00", "date-time"],
    ["a leap second, at 23:59 UTC", "2017-01-01T01:59:60.5+02:00", "date-time"],
    ["an email address", "brandon@useparagon.com", "email"],
  ])("claims a format for %s", (_label, value, format) => {
    expect(deriveJsonSchema({ value })).toMatchObject({ properties: { value: { type: "string", format } } });
  });

  it.each([
    ["a date without a time", "2024-05-01"],
    ["an impossible day", "2023-02-29T09:30:00Z"],
    ["a date-time without a zone", "2024-05-01T09:30:00"],
    ["a leap second that is not at 23:59 UTC", "2024-05-01T23:59:60+02:00"],
    ["an email without a dotted domain", "brandon@localhost"],
    ["an empty string", ""],
  ])("claims no format for %s", (_label, value) => {
    expect(deriveJsonSchema({ value })).toEqual({ type: "object", properties: { value: { type: "string" } }, required: ["value"] });
  });

  it("claims a format only when every value at that place has it", () => {
    const schema = deriveJsonSchema({
      emails: ["a@example.com", "b@example.com"],
      mixed: ["a@example.com", "2024-05-01T09:30:00Z"],
      sometimes: ["a@example.com", "not an email"],
    });
    expect(schema.properties).toEqual({
      emails: { type: "array", items: { type: "string", format: "email" } },
      mixed: { type: "array", items: { type: "string" } },
      sometimes: { type: "array", items: { type: "string" } },
    });
  });

  it("derives a schema that is valid and accepts its own example", () => {
    const example: TJsonObject = { id: 7, user: { email: "x@example.com", roles: ["admin"] }, items: [{ a: 1 }, { a: 2, b: "x" }], at: "2024-05-01T09:30:00Z" };
    const schema = deriveJsonSchema(example);
    expect(validateJsonSchema(schema)).toEqual([]);
    expect(findExampleMismatches(schema, example)).toEqual([]);
    expect(findExampleMismatches(schema, { ...example, id: "7" })).toEqual([{ path: "/id", message: "must be integer" }]);
    expect(findExampleMismatches(schema, { ...example, at: "2024-05-01" })).toEqual([{ path: "/at", message: 'must match format "date-time"' }]);
  });
});

describe("validateJsonSchema", () => {
  it("accepts a hand-written 2020-12 schema, with or without $schema", () => {
    const schema = { type: "object", properties: { id: { type: "string", minLength: 1 } }, required: ["id"], additionalProperties: false };
    expect(validateJsonSchema(schema)).toEqual([]);
    expect(validateJsonSchema({ $schema: "https://json-schema.org/draft/2020-12/schema", ...schema })).toEqual([]);
    expect(validateJsonSchema({ $defs: { id: { type: "string" } }, properties: { id: { $ref: "#/$defs/id" } } })).toEqual([]);
  });

  it.each([
    ["an array", [], [{ path: "", message: "A JSON Schema for an App Event must be a JSON object" }]],
    ["a boolean schema", true, [{ path: "", message: "A JSON Schema for an App Event must be a JSON object" }]],
    [
      "an unknown type",
      { type: "object", properties: { id: { type: "strng" } } },
      [{ path: "/properties/id/type", message: "must be equal to one of the allowed values: array, boolean, integer, null, number, object, string" }],
    ],
    ["required that is not a list", { type: "object", required: "id" }, [{ path: "/required", message: "must be array" }]],
    ["a misspelt keyword", { type: "object", requried: ["id"] }, [{ path: "", message: 'strict mode: unknown keyword: "requried"' }]],
    ["a root that cannot be an object", { type: "array" }, [{ path: "/type", message: 'Payloads are always JSON objects, so the root type must be "object"' }]],
    [
      "another dialect",
      { $schema: "http://json-schema.org/draft-07/schema#", type: "object" },
      [{ path: "/$schema", message: "Only JSON Schema draft 2020-12 is supported: leave $schema out or set it to https://json-schema.org/draft/2020-12/schema" }],
    ],
    [
      "an unknown format",
      { type: "object", properties: { phone: { type: "string", format: "phone" } } },
      [{ path: "", message: 'unknown format "phone" ignored in schema at path "#/properties/phone"' }],
    ],
    [
      "a reference that cannot be resolved",
      { type: "object", properties: { a: { $ref: "#/$defs/missing" } } },
      [{ path: "", message: "can't resolve reference #/$defs/missing from id #" }],
    ],
  ])("reports %s", (_label, schema, problems) => {
    expect(validateJsonSchema(schema)).toEqual(problems);
  });
});

describe("the Ajv the checks share", () => {
  it("refuses a schema claiming a meta-schema's $id, and checks the next schema as before", () => {
    const claimsMeta = { $id: "https://json-schema.org/draft/2020-12/schema", type: "object" };
    expect(validateJsonSchema(claimsMeta)).toEqual([{ path: "", message: '$id "https://json-schema.org/draft/2020-12/schema" is the id of a JSON Schema meta-schema' }]);
    expect(findExampleMismatches(claimsMeta, {})).toEqual([]);
    expect(validateJsonSchema({ type: "object", properties: { id: { type: "strng" } } })).toEqual([
      { path: "/properties/id/type", message: "must be equal to one of the allowed values: array, boolean, integer, null, number, object, string" },
    ]);
  });

  it("accepts a schema with an $id of its own, any number of times", () => {
    for (let i = 0; i < 3; i += 1) expect(validateJsonSchema({ $id: "https://example.com/contact", type: "object" })).toEqual([]);
  });
});
