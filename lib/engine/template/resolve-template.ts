// Resolves template text against a run's scope. Lookups see own data properties only, so a template can
// never reach prototypes (`constructor`, `__proto__`) or call anything.
import { exceedsJsonDepth, maxJsonDepth } from "@/lib/http/json-depth";
import { formatPath, parseTemplate, TemplateError, type TPathSegment, type TTemplatePart } from "./parse-template";

export { TemplateError, listTemplatePaths, parseTemplate, formatPath } from "./parse-template";
export type { TPathSegment, TTemplatePart, TTemplateReference, TTemplateErrorCode } from "./parse-template";

/** The roots a template may start with. fanOut exists only inside a fan-out lane. */
export const TEMPLATE_ROOTS = ["trigger", "steps", "user", "settings", "fanOut"] as const;
export type TTemplateRoot = (typeof TEMPLATE_ROOTS)[number];

/** What templates read: { trigger, steps: { <id>: { output } }, user, settings, fanOut?: { item, index } }. */
export type TTemplateScope = Readonly<Record<string, unknown>>;

export type TResolveOptions = {
  /**
   * "throw" (default) raises TemplateError("missing_path"). "undefined" yields undefined for a whole-text
   * path and "" inside interpolated text; conditions use it so that `exists` can test for absence.
   */
  missing?: "throw" | "undefined";
};

type TLookup = { found: true; value: unknown } | { found: false };

function lookupPath(scope: TTemplateScope, path: readonly TPathSegment[]): TLookup {
  let current: unknown = scope;
  for (const segment of path) {
    if (Array.isArray(current) || typeof current === "string") {
      if (segment === "length") {
        current = current.length;
        continue;
      }
      if (typeof current === "string") return { found: false };
      const index = typeof segment === "number" ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= current.length) return { found: false };
      current = current[index];
    } else if (current !== null && typeof current === "object") {
      const key = String(segment);
      if (!Object.hasOwn(current, key)) return { found: false };
      current = (current as Record<string, unknown>)[key];
    } else {
      return { found: false };
    }
    if (current === undefined) return { found: false };
  }
  return { found: true, value: current };
}

function resolvePart(part: TTemplatePart & { kind: "path" }, scope: TTemplateScope, options: TResolveOptions) {
  const result = lookupPath(scope, part.path);
  if (result.found) return result.value;
  if (options.missing === "undefined") return undefined;
  const path = formatPath(part.path);
  throw new TemplateError("missing_path", `Nothing at {{ ${path} }}`, { path: part.source, position: part.start });
}

/** How a value reads inside text: strings as they are, null/missing as nothing, the rest as JSON. */
export function stringifyTemplateValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

/**
 * Resolves template text. When the text is exactly one `{{ path }}` (no text around it), the value is
 * returned as it is (object, number, …); otherwise the parts are joined into a string.
 */
export function resolveTemplate(text: string, scope: TTemplateScope, options: TResolveOptions = {}): unknown {
  const parts = parseTemplate(text);
  if (parts.length === 1 && parts[0].kind === "path") return resolvePart(parts[0], scope, options);
  return parts
    .map((part) => (part.kind === "text" ? part.text : stringifyTemplateValue(resolvePart(part, scope, options))))
    .join("");
}

/**
 * Resolves a JSON body template and parses it. Values are inserted as JSON where the template stands
 * between JSON tokens (`{"n": {{x}}}`), and as escaped string content where it stands inside a JSON
 * string (`{"greeting": "Hi {{name}}"}`), so quotes in the data cannot break the document.
 */
export function resolveJsonTemplate(text: string, scope: TTemplateScope): unknown {
  let inString = false;
  let json = "";
  for (const part of parseTemplate(text)) {
    if (part.kind === "text") {
      json += part.text;
      inString = endsInsideString(part.text, inString);
      continue;
    }
    const value = resolvePart(part, scope, {});
    json += inString ? JSON.stringify(stringifyTemplateValue(value)).slice(1, -1) : (JSON.stringify(value) ?? "null");
  }
  // Before parsing: what reads the parsed body afterwards (JSON.stringify, the record's jsonb) is recursive.
  const limit = maxJsonDepth();
  if (exceedsJsonDepth(json, limit)) throw new TemplateError("invalid_json", `The JSON nests arrays and objects more than ${limit} levels deep after filling in the variables`);
  try {
    return JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TemplateError("invalid_json", `Not valid JSON after filling in the variables: ${reason}`);
  }
}

function endsInsideString(text: string, startsInside: boolean): boolean {
  let inside = startsInside;
  for (let i = 0; i < text.length; i++) {
    if (inside && text[i] === "\\") i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/**
 * Resolves every string inside a config value (arrays and plain objects are walked; other values are
 * kept). A TemplateError names the field it came from, e.g. "headers.0.value".
 */
export function resolveDeep(value: unknown, scope: TTemplateScope, options: TResolveOptions = {}): unknown {
  return resolveAt(value, scope, options, []);
}

function resolveAt(value: unknown, scope: TTemplateScope, options: TResolveOptions, at: string[]): unknown {
  if (typeof value === "string") {
    try {
      return resolveTemplate(value, scope, options);
    } catch (error) {
      if (!(error instanceof TemplateError) || error.field !== undefined) throw error;
      const field = at.join(".");
      throw new TemplateError(error.code, field ? `${field}: ${error.message}` : error.message, {
        path: error.path,
        position: error.position,
        field,
      });
    }
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveAt(item, scope, options, [...at, String(i)]));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveAt(item, scope, options, [...at, key])]),
    );
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
