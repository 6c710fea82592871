// What a step produced comes from outside: a partner's answer, user code. Unlike a request to Switchyard,
// which is refused when it holds what PostgreSQL cannot store (lib/http/storable-text.ts), a step's data has
// to be kept, so it is made storable instead, visibly and the same way every time:
// - a NUL character becomes the six characters \u0000, an unpaired surrogate the six characters \udXXX
//   (jsonb refuses both, and the step's record could never be written, so the run could never go on);
// - a value nested deeper than the JSON depth limit is replaced by a note saying so (PostgreSQL, JSON.stringify
//   and the template resolver are recursive).
// The engine applies it to a step's outcome before anything reads it, so the steps after it see the same data
// whether the outcome is fresh or replayed from its record.
import { maxJsonDepth } from "@/lib/http/json-depth";

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const needsEscape = (text: string) => text.includes("\u0000") || !text.isWellFormed();

const escapeText = (text: string) => (needsEscape(text) ? text.replace(UNSTORABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`) : text);

/** Whether anything in `value` needs changing, found without copying it (the common case: nothing does). */
function isStorable(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof item === "string") {
      if (needsEscape(item)) return false;
    } else if (typeof item === "object" && item !== null) {
      if (depth > limit) return false;
      for (const [key, child] of Array.isArray(item) ? item.entries() : Object.entries(item)) {
        if (typeof key === "string" && needsEscape(key)) return false;
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return true;
}

/** A copy of `value` PostgreSQL can store as jsonb (see above); the same value when nothing needed changing. */
export function toStorableStepData(value: unknown, limit = maxJsonDepth()): unknown {
  if (typeof value === "string") return escapeText(value);
  if (typeof value !== "object" || value === null || isStorable(value, limit)) return value;
  // Iterative: a value as deep as the one this exists for would exhaust the stack of a recursive walk.
  const root: { value: unknown } = { value: undefined };
  const stack: { source: unknown; target: Record<string, unknown> | unknown[]; key: string | number; depth: number }[] = [{ source: value, target: root as unknown as Record<string, unknown>, key: "value", depth: 1 }];
  while (stack.length > 0) {
    const { source, target, key, depth } = stack.pop() as (typeof stack)[number];
    const put = (item: unknown) => ((target as Record<string | number, unknown>)[key] = item);
    if (typeof source === "string") put(escapeText(source));
    else if (typeof source !== "object" || source === null) put(source);
    else if (depth > limit) put({ truncated: `nested more than ${limit} levels deep; not kept` });
    else if (Array.isArray(source)) {
      const copy: unknown[] = new Array(source.length);
      put(copy);
      source.forEach((item, index) => stack.push({ source: item, target: copy, key: index, depth: depth + 1 }));
    } else {
      const copy: Record<string, unknown> = {};
      put(copy);
      for (const [name, item] of Object.entries(source)) stack.push({ source: item, target: copy, key: escapeText(name), depth: depth + 1 });
    }
  }
  return root.value;
}
