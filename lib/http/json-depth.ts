// How deeply JSON from outside may nest. JSON.parse itself is iterative, but almost everything that handles
// the parsed value is recursive: zod's JSON schemas, schema derivation, ajv, JSON.stringify (which throws
// RangeError past a few thousand levels), PostgreSQL's jsonb input. So depth is checked on the text, before
// it is parsed. Client-safe (no server imports), so a schema can check a string field that holds JSON too.


const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects accepted: MAX_JSON_DEPTH, a positive integer, or 64. Read on every
 * request, so a bad value falls back to the default instead of failing every request.
 */
export function maxJsonDepth(): number {
  const configured = Number(process.env.MAX_JSON_DEPTH);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_JSON_DEPTH;
}

/**
 * Whether JSON text nests arrays and objects more than `limit` deep (`{}` is 1, `{"a":[]}` is 2), found in
 * one pass over its characters; brackets inside strings do not count. Exact for valid JSON; for invalid
 * JSON it may say either, and JSON.parse refuses that text anyway.
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index += 1;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return false;
}
