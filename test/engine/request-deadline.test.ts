// A Request step's timeoutMs bounds the whole attempt, not the silence between two bytes: servers on
// 127.0.0.1 that answer too slowly are cut off at the deadline, and they see their socket closed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { executeRequestStep } from "@/lib/engine/steps/request-step";
import { type TStepOf, ZStep } from "@/lib/schemas/workflow";

type TSlowServer = { url: string; bytesSent: () => number; socketClosed: Promise<void>; close: () => Promise<void> };

const servers: TSlowServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server that hands each request to `answer`; socketClosed settles when the first connection closes. */
async function startSlowServer(answer: (response: http.ServerResponse, count: () => void) => void): Promise<TSlowServer> {
  let bytes = 0;
  let closed!: () => void;
  const socketClosed = new Promise<void>((resolve) => (closed = resolve));
  const server = http.createServer((request, response) => {
    request.resume();
    answer(response, () => bytes++);
  });
  server.on("connection", (socket) => socket.on("close", closed));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const slow: TSlowServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytesSent: () => bytes,
    socketClosed,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  servers.push(slow);
  return slow;
}

function requestTo(url: string, timeoutMs: number): TStepOf<"request"> {
  return ZStep.parse({ id: "call", name: "Call", type: "request", config: { method: "GET", url, timeoutMs } }) as TStepOf<"request">;
}

const scope = { trigger: { type: "app_event", payload: {} }, steps: {}, user: {}, settings: {} };

describe("the Request step's deadline", () => {
  it("cuts off a server that sends its headers, then one byte every 200 ms, for ever", async () => {
    const server = await startSlowServer((response, count) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.flushHeaders();
      const drip = setInterval(() => {
        response.write("x");
        count();
      }, 200);
      response.on("close", () => clearInterval(drip));
    });

    const outcome = await executeRequestStep(requestTo(`${server.url}/drip`, 1_000), scope, { allowHosts: ["127.0.0.1"] });

    expect(outcome).toEqual({
      ok: false,
      input: expect.objectContaining({ method: "GET", url: `${server.url}/drip` }),
      error: { code: "timeout", message: "The answer's body was still arriving after 1000 ms", details: { phase: "body" }, retryable: true },
    });
    await server.socketClosed;
    expect(server.bytesSent()).toBeGreaterThan(0);
  });

  it("cuts off a server that accepts the request and never answers", async () => {
    const server = await startSlowServer(() => {});

    const outcome = await executeRequestStep(requestTo(`${server.url}/silent`, 500), scope, { allowHosts: ["127.0.0.1"] });

    expect(outcome).toEqual({
      ok: false,
      input: expect.objectContaining({ url: `${server.url}/silent` }),
      error: { code: "timeout", message: "No answer within 500 ms", details: { phase: "headers" }, retryable: true },
    });
    await server.socketClosed;
  });

  it("still reads a slow answer that completes within the deadline", async () => {
    const server = await startSlowServer((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"done":');
      setTimeout(() => response.end("true}"), 200);
    });

    const outcome = await executeRequestStep(requestTo(`${server.url}/slow-but-done`, 5_000), scope, { allowHosts: ["127.0.0.1"] });

    expect(outcome).toMatchObject({ ok: true, output: { statusCode: 200, body: { done: true } } });
  });
});
