import { describe, expect, it } from "vitest";
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
