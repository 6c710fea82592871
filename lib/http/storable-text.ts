// Text PostgreSQL cannot store: a NUL character (text columns refuse it with 22021, jsonb refuses \u0000 with
// 22P05) and an unpaired UTF-16 surrogate (jsonb refuses "\ud800" with 22P02; a text column would get U+FFFD
// in its place from the driver's UTF-8 encoding, so what is stored would not be what was sent). Such text is
// refused where it enters, with a JSON pointer to it, and never stripped: what is stored is what was sent.
import { AppError } from "./errors";

/** Where a refused string came from; `path` in the refusal's details is a JSON pointer inside it. */
export type TTextSource = "body" | "query" | "path" | "token";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What in this text PostgreSQL cannot store ("a NUL character (U+0000)"), or null when it can store it. */
function unstorableCharacter(text: string): string | null {
  if (text.includes("\u0000")) return "a NUL character (U+0000)";
  if (text.isWellFormed()) return null;
  const lone = (LONE_SURROGATE.exec(text) as RegExpExecArray)[0];
  return `an unpaired surrogate (U+${lone.charCodeAt(0).toString(16).toUpperCase()})`;
}

/** The refusal's wording for one string, the same for API details and form fields. */
export function unstorableTextMessage(text: string, what: "value" | "key" = "value"): string | null {
  const character = unstorableCharacter(text);
  return character === null ? null : `The ${what} contains ${character}, which cannot be stored`;
}

const pointerTo = (path: string, key: string) => `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;

/**
 * The first string, value or key, in a JSON value (or a record of parameters) that PostgreSQL cannot store,
 * with its JSON pointer. Breadth first and iterative, so no depth can exhaust the stack.
 */
export function findUnstorableText(value: unknown): { path: string; message: string } | null {
  if (typeof value === "string") {
    const message = unstorableTextMessage(value);
    return message === null ? null : { path: "", message };
  }
  const containers: { value: unknown; path: string }[] = [{ value, path: "" }];
  for (let next = 0; next < containers.length; next += 1) {
    const container = containers[next];
    if (typeof container.value !== "object" || container.value === null) continue;
    const isArray = Array.isArray(container.value);
    for (const [key, child] of Object.entries(container.value)) {
      const keyMessage = isArray ? null : unstorableTextMessage(key, "key");
      if (keyMessage !== null) return { path: pointerTo(container.path, key), message: keyMessage };
      if (typeof child === "string") {
        const message = unstorableTextMessage(child);
        if (message !== null) return { path: pointerTo(container.path, key), message };
      } else if (typeof child === "object" && child !== null) {
        containers.push({ value: child, path: pointerTo(container.path, key) });
      }
    }
  }
  return null;
}

/**
 * Refuses text PostgreSQL cannot store anywhere in `value`, with 400 bad_request and
 * `details: [{ in, path, message }]` naming the first such string.
 */
export function refuseUnstorableText(value: unknown, source: TTextSource): void {
  const found = findUnstorableText(value);
  if (found) {
    throw new AppError("bad_request", "The request contains text that cannot be stored", { details: [{ in: source, ...found }] });
  }
}
