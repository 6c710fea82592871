// The Request step's hooks for the engine: the Idempotency-Key header it sends, and beforeSend, the fence
// a worker passes just before the request leaves. Against a real HTTP server on 127.0.0.1.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { executeRequestStep, type TRequestInput, type TRequestStepOptions } from "@/lib/engine/steps/request-step";
import { type TStepOf, ZStep } from "@/lib/schemas/workflow";

/** What the server saw, in order: "connection" when a socket opens, "request" when a request arrives. */
const seen: string[] = [];
const received: http.IncomingHttpHeaders[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push("request");
    received.push(request.headers);
    request.resume();
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"ok":true}');
  });
  server.on("connection", () => seen.push("connection"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  received.length = 0;
});

const KEY = "run_1:send::1";
const scope = { trigger: { type: "app_event", payload: { key: "theirs-42" } }, steps: {}, user: {}, settings: {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function requestStep(config: Record<string, unknown> = {}): TStepOf<"request"> {
  return ZStep.parse({ id: "send", name: "Send", type: "request", config: { method: "POST", url: `${baseUrl}/hooks`, ...config } }) as TStepOf<"request">;
}

function send(step: TStepOf<"request">, options: Partial<TRequestStepOptions> = {}) {
  return executeRequestStep(step, scope, { allowHosts: ["127.0.0.1"], ...options });
}

describe("the Idempotency-Key header", () => {
  it("is sent by default with the engine's key, and recorded in the input", async () => {
    const outcome = await send(requestStep(), { idempotencyKey: KEY });
    expect(outcome).toMatchObject({ ok: true, input: { headers: { "idempotency-key": KEY } } });
    expect(received.map((headers) => headers["idempotency-key"])).toEqual([KEY]);
  });

  it("is not sent when the step switches it off", async () => {
    const outcome = await send(requestStep({ idempotencyKey: false }), { idempotencyKey: KEY });
    expect(outcome.ok).toBe(true);
    expect(outcome.input).toMatchObject({ headers: {} });
    expect(outcome.input).not.toHaveProperty(["headers", "idempotency-key"]);
    expect(received).toHaveLength(1);
    expect(received[0]).not.toHaveProperty("idempotency-key");
  });

  it("is not sent without a key from the engine (Test step)", async () => {
    await send(requestStep());
    expect(received).toHaveLength(1);
    expect(received[0]).not.toHaveProperty("idempotency-key");
  });

  it("gives way to an Idempotency-Key header the builder set", async () => {
    const outcome = await send(requestStep({ headers: [{ key: "Idempotency-Key", value: "{{trigger.payload.key}}" }] }), { idempotencyKey: KEY });
    expect(outcome).toMatchObject({ ok: true, input: { headers: { "idempotency-key": "theirs-42" } } });
    expect(received.map((headers) => headers["idempotency-key"])).toEqual(["theirs-42"]);
  });
});

describe("beforeSend", () => {
  it("is called once, with the recorded input, and the request leaves only after it resolves", async () => {
    const calls: TRequestInput[] = [];
    const beforeSend = async (input: TRequestInput) => {
      calls.push(input);
      seen.push("beforeSend started");
      // Long enough for a request sent alongside, instead of after, to reach the server meanwhile.
      await sleep(150);
      seen.push("beforeSend resolved");
    };
    const outcome = await send(requestStep({ body: { kind: "json", json: '{"n": 1}' } }), { idempotencyKey: KEY, beforeSend });

    expect(outcome.ok).toBe(true);
    expect(calls).toEqual([outcome.input]);
    expect(calls[0]).toEqual({ method: "POST", url: `${baseUrl}/hooks`, headers: { "content-type": "application/json", "idempotency-key": KEY }, body: '{"n":1}' });
    expect(seen.filter((entry) => entry !== "connection")).toEqual(["beforeSend started", "beforeSend resolved", "request"]);
  });

  it("stops the request when it rejects: the rejection propagates and nothing reaches the server", async () => {
    const fence = new Error("the run belongs to another worker now");
    await expect(send(requestStep(), { idempotencyKey: KEY, beforeSend: () => Promise.reject(fence) })).rejects.toBe(fence);
    // Time for a request sent regardless to arrive.
    await sleep(200);
    expect(seen).toEqual([]);
  });

  it("is not called for a request the address guard refuses", async () => {
    let called = false;
    const outcome = await send(requestStep(), { allowHosts: [], beforeSend: async () => void (called = true) });
    expect(outcome).toMatchObject({ ok: false, error: { code: "request_blocked", details: { reason: "loopback" } } });
    expect(called).toBe(false);
    expect(seen).toEqual([]);
  });
});
