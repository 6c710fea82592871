import { describe, expect, it } from "vitest";
import { formatPath, listTemplatePaths, parseTemplate, TemplateError } from "./parse-template";

describe("parseTemplate", () => {
  it.each([
    ["plain text", "hello", [{ kind: "text", text: "hello" }]],
    ["empty text", "", []],
    ["one path", "{{trigger.payload.email}}", [{ kind: "path", path: ["trigger", "payload", "email"] }]],
    ["spaces inside braces", "{{  settings.x  }}", [{ kind: "path", path: ["settings", "x"], source: "settings.x" }]],
    [
      "indexes and quoted keys",
      `{{ steps.get_contact.output.body.items[0].id }} {{ user.metadata["plan name"] }}`,
      [
        { kind: "path", path: ["steps", "get_contact", "output", "body", "items", 0, "id"] },
        { kind: "text", text: " " },
        { kind: "path", path: ["user", "metadata", "plan name"] },
      ],
    ],
    ["single-quoted key with escape", "{{a['it\\'s']}}", [{ kind: "path", path: ["a", "it's"] }]],
    ["spaces inside brackets", "{{a[ 2 ]}}", [{ kind: "path", path: ["a", 2] }]],
    ["hyphenated names", "{{trigger.headers.x-api-key}}", [{ kind: "path", path: ["trigger", "headers", "x-api-key"] }]],
    ["numeric dotted segment", "{{a.0.b}}", [{ kind: "path", path: ["a", "0", "b"] }]],
    [
      "text around paths",
      "Hi {{user.name}}!",
      [
        { kind: "text", text: "Hi ", start: 0, end: 3 },
        { kind: "path", path: ["user", "name"], start: 3, end: 16 },
        { kind: "text", text: "!", start: 16, end: 17 },
      ],
    ],
    ["escaped braces", "\\{{not.a.path}}", [{ kind: "text", text: "{{not.a.path}}" }]],
    ["lone closing braces", '{"a":{"b":1}}', [{ kind: "text", text: '{"a":{"b":1}}' }]],
    ["closing brace after a path", "{{x}}}", [{ kind: "path", path: ["x"] }, { kind: "text", text: "}" }]],
    ["other backslashes are text", "a\\nb", [{ kind: "text", text: "a\\nb" }]],
  ])("%s", (_name, text, expected) => {
    expect(parseTemplate(text)).toMatchObject(expected);
  });

  it.each([
    ["unclosed", "abc {{ trigger.x", 4, /Unclosed \{\{/],
    ["empty", "{{ }}", 0, /Empty/],
    ["starts with a digit", "{{1abc}}", 2, /Expected a variable name/],
    ["dot without a name", "{{a.}}", 4, /after "\."/],
    ["unclosed bracket", "{{a[0}}", 5, /Expected "\]"/],
    ["bracket with junk", "{{a[b]}}", 4, /number or a quoted key/],
    ["unclosed quote", '{{a["b]}}', 4, /Unclosed quoted key/],
    ["space inside a path", "{{a .b}}", 4, /Unexpected "\."/],
    ["expression syntax", "{{a + b}}", 4, /Unexpected "\+"/],
    ["function call", "{{a()}}", 3, /Unexpected "\("/],
  ])("rejects %s", (_name, text, position, message) => {
    const error = (() => {
      try {
        parseTemplate(text);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ code: "syntax", position });
    expect((error as Error).message).toMatch(message);
  });
});

describe("formatPath", () => {
  it.each([
    [["trigger", "payload", "email"], "trigger.payload.email"],
    [["a", 0, "b"], "a[0].b"],
    [["user", "metadata", "plan name"], 'user.metadata["plan name"]'],
    [["h", "x-api-key"], "h.x-api-key"],
  ])("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe("listTemplatePaths", () => {
  it("lists every path with its root and position", () => {
    expect(listTemplatePaths("{{ steps.a.output }} and {{fanOut.item.id}}")).toEqual([
      { source: "steps.a.output", root: "steps", path: ["steps", "a", "output"], start: 0, end: 20 },
      { source: "fanOut.item.id", root: "fanOut", path: ["fanOut", "item", "id"], start: 25, end: 43 },
    ]);
  });

  it("returns nothing for plain text and throws on bad syntax", () => {
    expect(listTemplatePaths("no variables")).toEqual([]);
    expect(() => listTemplatePaths("{{")).toThrow(TemplateError);
  });
});
