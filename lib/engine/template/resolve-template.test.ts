import { describe, expect, it } from "vitest";
import { resolveDeep, resolveJsonTemplate, resolveTemplate, TemplateError } from "./resolve-template";

const scope = {
  trigger: { payload: { email: "ada@example.com", count: 3, tags: ["a", "b"], nothing: null, quote: 'say "hi"' } },
  steps: { get_contact: { output: { body: { items: [{ id: "c1" }, { id: "c2" }] } } } },
  user: { id: "u1", metadata: { "plan name": "pro" } },
  settings: { x: true },
  fanOut: { item: { id: 7 }, index: 0 },
};

function caught(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error("expected a TemplateError");
}

describe("resolveTemplate", () => {
  it.each([
    ["a whole-text path keeps its type (number)", "{{trigger.payload.count}}", 3],
    ["a whole-text path keeps its type (array)", "{{ trigger.payload.tags }}", ["a", "b"]],
    ["a whole-text path keeps its type (object)", "{{fanOut.item}}", { id: 7 }],
    ["a whole-text path keeps null", "{{trigger.payload.nothing}}", null],
    ["indexes", "{{steps.get_contact.output.body.items[1].id}}", "c2"],
    ["dotted numeric index", "{{steps.get_contact.output.body.items.0.id}}", "c1"],
    ["quoted keys", '{{user.metadata["plan name"]}}', "pro"],
    ["array length", "{{trigger.payload.tags.length}}", 2],
    ["string length", "{{trigger.payload.email.length}}", 15],
    ["zero index from fanOut", "{{fanOut.index}}", 0],
    ["boolean setting", "{{settings.x}}", true],
    ["interpolation", "To: {{trigger.payload.email}} ({{trigger.payload.count}})", "To: ada@example.com (3)"],
    ["objects as JSON in text", "tags={{trigger.payload.tags}}", 'tags=["a","b"]'],
    ["null as nothing in text", "[{{trigger.payload.nothing}}]", "[]"],
    ["no templates", "plain", "plain"],
    ["escape", "\\{{user.id}} is {{user.id}}", "{{user.id}} is u1"],
  ])("%s", (_name, text, expected) => {
    expect(resolveTemplate(text, scope)).toEqual(expected);
  });

  it.each([
    ["unknown key", "{{trigger.payload.missing}}", "trigger.payload.missing"],
    ["unknown root", "{{nope}}", "nope"],
    ["index out of range", "{{trigger.payload.tags[5]}}", "trigger.payload.tags[5]"],
    ["key on a primitive", "{{trigger.payload.count.x}}", "trigger.payload.count.x"],
    ["key through null", "Hi {{trigger.payload.nothing.x}}", "trigger.payload.nothing.x"],
    ["prototype members", "{{trigger.constructor}}", "trigger.constructor"],
    ["__proto__", "{{trigger.__proto__}}", "trigger.__proto__"],
    ["object key on an array", "{{trigger.payload.tags.first}}", "trigger.payload.tags.first"],
  ])("throws missing_path for %s", (_name, text, path) => {
    expect(caught(() => resolveTemplate(text, scope))).toMatchObject({ code: "missing_path", path });
  });

  it("yields undefined (whole) or nothing (inside text) for missing paths when asked", () => {
    expect(resolveTemplate("{{trigger.nope}}", scope, { missing: "undefined" })).toBeUndefined();
    expect(resolveTemplate("a{{trigger.nope}}b", scope, { missing: "undefined" })).toBe("ab");
  });

  it("throws syntax errors with a position", () => {
    expect(caught(() => resolveTemplate("ok {{ user.", scope))).toMatchObject({ code: "syntax", position: 11 });
  });
});

describe("resolveJsonTemplate", () => {
  it.each([
    ["values between tokens become JSON", '{"n": {{trigger.payload.count}}, "t": {{trigger.payload.tags}}}', { n: 3, t: ["a", "b"] }],
    ["values inside strings are escaped", '{"q": "<{{trigger.payload.quote}}>"}', { q: '<say "hi">' }],
    ["a bare string value is quoted", '{"e": {{trigger.payload.email}}}', { e: "ada@example.com" }],
    ["escaped quotes keep string state", '{"a": "x\\"{{user.id}}"}', { a: 'x"u1' }],
    ["objects inside strings become JSON text", '{"s": "{{fanOut.item}}"}', { s: '{"id":7}' }],
  ])("%s", (_name, text, expected) => {
    expect(resolveJsonTemplate(text, scope)).toEqual(expected);
  });

  it("reports text that is not JSON after resolution", () => {
    expect(caught(() => resolveJsonTemplate("{ nope: {{user.id}} }", scope))).toMatchObject({ code: "invalid_json" });
  });
});

describe("resolveDeep", () => {
  it("resolves every string in a config and keeps other values", () => {
    const config = {
      url: "https://api.example.com/{{user.id}}",
      headers: [{ key: "X-Count", value: "{{trigger.payload.count}}" }],
      timeoutMs: 1000,
      enabled: true,
      nested: { items: "{{trigger.payload.tags}}", none: null },
    };
    expect(resolveDeep(config, scope)).toEqual({
      url: "https://api.example.com/u1",
      headers: [{ key: "X-Count", value: 3 }],
      timeoutMs: 1000,
      enabled: true,
      nested: { items: ["a", "b"], none: null },
    });
  });

  it("names the field a failing template came from", () => {
    const error = caught(() => resolveDeep({ headers: [{ key: "a", value: "{{user.nope}}" }] }, scope));
    expect(error).toMatchObject({ code: "missing_path", field: "headers.0.value", path: "user.nope" });
    expect(error.message).toMatch(/^headers\.0\.value: /);
  });
});
