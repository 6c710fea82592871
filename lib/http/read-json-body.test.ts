import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { readJsonBody } from "./read-json-body";

const post = (body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function failure(request: Request, maxBytes?: number): Promise<AppError> {
  const error = await readJsonBody(request, maxBytes).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("readJsonBody", () => {
  it("parses a JSON body", async () => {
    await expect(readJsonBody(post('{"a":[1,2]}'))).resolves.toEqual({ a: [1, 2] });
  });

  it("refuses empty and malformed bodies as invalid_json", async () => {
    expect((await failure(post("  "))).code).toBe("invalid_json");
    const malformed = await failure(post("{nope"));
    expect(malformed.code).toBe("invalid_json");
    expect(malformed.message).toMatch(/^The request body is not valid JSON/);
  });

  it("refuses a body over the cap, by its declared length or as it streams", async () => {
    expect((await failure(post("{}", { "content-length": "2000" }), 1000)).code).toBe("payload_too_large");
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i += 1) controller.enqueue(new TextEncoder().encode(" ".repeat(400)));
        controller.close();
      },
    });
    expect((await failure(post(chunks), 1000)).code).toBe("payload_too_large");
  });

  it("answers a client that disconnects mid-body with bad_request, not a server error", async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const error = await failure(post(broken));
    expect(error.code).toBe("bad_request");
    expect(error.status).toBe(400);
  });
});

const nested = (depth: number, inner = "1") => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;
const unstorable = (path: string, message: string) => ({
  code: "bad_request",
  message: "The request contains text that cannot be stored",
  details: [{ in: "body", path, message }],
});
const refusal = (error: AppError) => ({ code: error.code, message: error.message, details: error.details });

describe("readJsonBody's depth limit", () => {
  const previous = process.env.MAX_JSON_DEPTH;
  afterEach(() => {
    if (previous === undefined) delete process.env.MAX_JSON_DEPTH;
    else process.env.MAX_JSON_DEPTH = previous;
  });

  it("accepts 64 levels and refuses 65 or 10,000 with invalid_json, before parsing", async () => {
    await expect(readJsonBody(post(nested(64)))).resolves.toEqual(JSON.parse(nested(64)));
    for (const depth of [65, 10_000]) {
      const error = await failure(post(nested(depth)));
      expect(refusal(error)).toEqual({ code: "invalid_json", message: "The request body nests arrays and objects more than 64 levels deep", details: undefined });
    }
    // Too deep and malformed as well: refused for its depth, without JSON.parse getting to it.
    expect((await failure(post("[".repeat(100_000)))).message).toBe("The request body nests arrays and objects more than 64 levels deep");
  });

  it("counts objects and arrays alike, and no bracket inside a string", async () => {
    const objects = `${'{"a":'.repeat(65)}1${"}".repeat(65)}`;
    expect((await failure(post(objects))).code).toBe("invalid_json");
    const brackets = JSON.stringify({ text: "[{".repeat(100), quote: '\\"[[[[', more: "\\" });
    await expect(readJsonBody(post(brackets))).resolves.toEqual(JSON.parse(brackets));
  });

  it("takes its limit from MAX_JSON_DEPTH, and 64 unless that is a positive integer", async () => {
    process.env.MAX_JSON_DEPTH = "3";
    await expect(readJsonBody(post(nested(3)))).resolves.toEqual([[[1]]]);
    expect((await failure(post(nested(4)))).message).toBe("The request body nests arrays and objects more than 3 levels deep");
    for (const ignored of ["0", "-1", "2.5", "many"]) {
      process.env.MAX_JSON_DEPTH = ignored;
      await expect(readJsonBody(post(nested(64)))).resolves.toBeDefined();
      expect((await failure(post(nested(65)))).code).toBe("invalid_json");
    }
  });
});

describe("readJsonBody's refusal of text PostgreSQL cannot store", () => {
  it.each([
    ["a NUL in a value", '{"a":{"b":["x","y\\u0000z"]}}', "/a/b/1", "The value contains a NUL character (U+0000), which cannot be stored"],
    ["a NUL in a key", '{"a":{"k\\u0000":1}}', "/a/k\u0000", "The key contains a NUL character (U+0000), which cannot be stored"],
    ["a lone high surrogate", '{"a":"\\ud800"}', "/a", "The value contains an unpaired surrogate (U+D800), which cannot be stored"],
    ["a lone low surrogate", '{"a":"x\\uDC00"}', "/a", "The value contains an unpaired surrogate (U+DC00), which cannot be stored"],
    ["a low surrogate before its high one", '{"a":"\\udc00\\ud800"}', "/a", "The value contains an unpaired surrogate (U+DC00), which cannot be stored"],
    ["a lone surrogate in a key with / and ~", '{"a/b~c":{"\\udbff":1}}', "/a~1b~0c/\udbff", "The key contains an unpaired surrogate (U+DBFF), which cannot be stored"],
    ["a NUL in a bare string", '"\\u0000"', "", "The value contains a NUL character (U+0000), which cannot be stored"],
  ])("refuses %s with 400 bad_request and its JSON pointer", async (_name, text, path, message) => {
    const error = await failure(post(text));
    expect(error.status).toBe(400);
    expect(refusal(error)).toEqual(unstorable(path, message));
  });

  it("accepts a paired surrogate and an escaped backslash before u0000, as they are", async () => {
    const text = '{"emoji \\ud83d\\ude00":"\\ud83d\\ude00 😀","literal":"\\\\u0000","key \\\\ud800":"\\\\ud800"}';
    await expect(readJsonBody(post(text))).resolves.toEqual({ "emoji 😀": "😀 😀", literal: "\\u0000", "key \\ud800": "\\ud800" });
  });

  it("turns invalid UTF-8 (a surrogate's bytes, ED A0 80) into U+FFFD rather than a lone surrogate", async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    const value = (await readJsonBody(post(bytes))) as { a: string };
    expect(value.a.isWellFormed()).toBe(true);
    expect(value.a).toMatch(/^\uFFFD+$/);
  });
});
