import { describe, expect, it } from "vitest";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import { compileRequestSchema, requestSchemaMismatches, requestSchemaProblems } from "./request-trigger-schemas";
import { requestInputFromTestData } from "./request-trigger-input";

describe("requestSchemaProblems", () => {
  it.each([
    ["body", { type: "object", required: ["email"] }, []],
    ["body", { type: "array", items: { type: "integer" } }, []],
    ["query", { type: "object", properties: { page: { type: "string", pattern: "^[0-9]+$" } } }, []],
    ["body", [], [{ path: "", message: "A JSON Schema must be a JSON object" }]],
    ["body", { $schema: "http://json-schema.org/draft-07/schema#" }, [{ path: "/$schema", message: "Only JSON Schema draft 2020-12 is supported: leave $schema out or set it to https://json-schema.org/draft/2020-12/schema" }]],
    ["body", { type: "strnig" }, [{ path: "/type", message: "must be equal to one of the allowed values: array, boolean, integer, null, number, object, string" }]],
    ["query", { type: "array" }, [{ path: "/type", message: 'The query parameters are always an object, so the root type must be "object"' }]],
    ["headers", { type: "string" }, [{ path: "/type", message: 'The headers are always an object, so the root type must be "object"' }]],
    ["body", { requried: ["email"] }, [{ path: "", message: 'strict mode: unknown keyword: "requried"' }]],
  ] as const)("%s %j", (part, schema, problems) => {
    expect(requestSchemaProblems(part, schema)).toEqual(problems);
  });
});

describe("requestSchemaMismatches", () => {
  it("answers JSON pointers into the value, formats checked", () => {
    const validate = compileRequestSchema({ type: "object", properties: { email: { type: "string", format: "email" } }, required: ["email", "name"] });
    expect(requestSchemaMismatches(validate, { email: "a@b.co", name: "Ada" })).toEqual([]);
    expect(requestSchemaMismatches(validate, { email: "nope" })).toEqual([
      { path: "", message: "must have property “name”" },
      { path: "/email", message: 'must match format "email"' },
    ]);
  });
});

describe("deploying a Request trigger", () => {
  const graph = (trigger: Record<string, unknown>) => ({ trigger: { type: "request", ...trigger }, steps: [], edges: [] });
  const problems = (trigger: Record<string, unknown>) => validateWorkflow(graph(trigger), { appEventIds: new Set() }).problems;

  it("accepts usable schemas and a timeout from 1 to 300 s", () => {
    expect(problems({ timeoutSeconds: 300, bodySchema: { type: "object" }, querySchema: {}, headersSchema: { required: ["x-api-version"] } })).toEqual([]);
  });

  it("names the schema and the place in it that is wrong, and refuses a timeout out of range", () => {
    expect(problems({ bodySchema: { type: "strnig" }, headersSchema: { type: "array" }, timeoutSeconds: 301 })).toEqual([
      { stepId: "trigger", field: "timeoutSeconds", message: "Wait at most 300 seconds (5 minutes)" },
    ]);
    expect(problems({ bodySchema: { type: "strnig" }, headersSchema: { type: "array" } })).toEqual([
      { stepId: "trigger", field: "bodySchema", message: "/type: must be equal to one of the allowed values: array, boolean, integer, null, number, object, string" },
      { stepId: "trigger", field: "headersSchema", message: '/type: The headers are always an object, so the root type must be "object"' },
    ]);
  });

  it("refuses a Response step that answers with a 1xx", () => {
    const withResponse = { ...graph({}), steps: [{ id: "reply", name: "Reply", type: "response", config: { statusCode: 101, headers: [], body: "" } }], edges: [{ id: "e", source: "trigger", target: "reply" }] };
    expect(validateWorkflow(withResponse, { appEventIds: new Set() }).problems).toEqual([{ stepId: "reply", field: "config.statusCode", message: "Answer with a status from 200 to 599" }]);
  });
});

describe("requestInputFromTestData", () => {
  it("reads { body, query, headers }, lower-casing header names; a missing part is empty", () => {
    expect(requestInputFromTestData({ body: [1], query: { page: 2, tag: ["a", 3] }, headers: { "X-Trace": "t" } })).toEqual({
      type: "request",
      body: [1],
      query: { page: "2", tag: ["a", "3"] },
      headers: { "x-trace": "t" },
    });
    expect(requestInputFromTestData(undefined)).toEqual({ type: "request", body: {}, query: {}, headers: {} });
    expect(requestInputFromTestData({ query: "page=1" })).toEqual({ type: "request", body: {}, query: {}, headers: {} });
  });
});
