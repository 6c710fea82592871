// The production web server's listener (lib/http/fast-path-listener.ts) on a loopback port, against the real
// database: it answers POST and OPTIONS of the event trigger itself, exactly as the Next route file does, and
// hands every other request to Next (here a stand-in that records what it got).
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/projects/[projectId]/sdk/events/trigger/route";
import { db } from "@/lib/db/client";
import { answerClientError } from "@/lib/http/answer-client-error";
import { createRequestListener } from "@/lib/http/fast-path-listener";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { callRoute } from "@/test/factories";
import { awayFromAMinuteBoundary, countRows, createSdkProject, deployOn, errorBody, expectNothingWritten } from "./sdk-helpers";

let server: http.Server;
let base: string;
let fallbackCalls: string[] = [];
let world: Awaited<ReturnType<typeof createSdkProject>>;
let projectId: string;
let workflowId: string;
let token: string;
let nulSubToken: string;

beforeAll(async () => {
  const fallback = (req: http.IncomingMessage, res: http.ServerResponse) => {
    fallbackCalls.push(`${req.method} ${req.url}`);
    res.writeHead(299, { "content-type": "text/plain" }).end("next");
  };
  server = http.createServer(createRequestListener({ fallback }));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  world = await createSdkProject();
  projectId = world.project.id;
  workflowId = await deployOn(projectId, world.appEvent.id);
  token = await world.token({ sub: "fast-path-user" });
  nulSubToken = await world.token({ sub: "fast-path\u0000user" });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  fallbackCalls = [];
});

const triggerPath = (id = projectId) => `/projects/${id}/sdk/events/trigger`;
const event = (payload: object = { email: "a@b.co" }) => JSON.stringify({ name: "Contact Created", payload });
/** An event whose body nests `depth` deep in all (its payload holds the arrays). */
const deepEvent = (depth: number) => `{"name":"Contact Created","payload":{"deep":${"[".repeat(depth - 2)}${"]".repeat(depth - 2)}}}`;

type THeaders = Record<string, string | string[]>;

/** A raw HTTP/1.1 request, so that headers can repeat and the body can be chunked or cut short. */
function send(options: { method?: string; path?: string; headers?: THeaders; body?: string | Buffer; chunked?: boolean }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request(`${base}${options.path ?? triggerPath()}`, { method: options.method ?? "POST" }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    // An array value goes out as one header line per item.
    for (const [name, value] of Object.entries(options.headers ?? {})) request.setHeader(name, value);
    if (options.chunked) request.setHeader("transfer-encoding", "chunked");
    request.end(options.body);
  });
}

const json = (response: { text: string }) => JSON.parse(response.text) as unknown;

describe("the fast path", () => {
  it("accepts a signed event without Next: 201 with the run it started, stored, with CORS headers", async () => {
    const before = await countRows(projectId);
    const newUser = await world.token({ sub: `fast-path-${randomUUID()}` });
    const response = await send({ headers: { authorization: `Bearer ${newUser}`, "content-type": "application/json" }, body: event({ email: "fast@b.co" }) });
    expect(response.status).toBe(201);
    expect(json(response)).toEqual({ eventId: expect.any(String), runs: [{ runId: expect.any(String), workflowId }] });
    expect(response.headers).toMatchObject({ "content-type": "application/json", "access-control-allow-origin": "*", "access-control-expose-headers": "retry-after" });
    expect(fallbackCalls).toEqual([]);
    const stored = await db.event.findFirstOrThrow({ where: { id: (json(response) as { eventId: string }).eventId, projectId } });
    expect(stored).toMatchObject({ payload: { email: "fast@b.co" }, source: "sdk" });
    expect(await countRows(projectId)).toEqual({ events: before.events + 1, runs: before.runs + 1, users: before.users + 1 });
  });

  it("takes the path with a query string, and decodes the project id as Next does", async () => {
    const encoded = triggerPath(projectId).replace(projectId, encodeURIComponent(projectId).replace("-", "%2D"));
    for (const path of [`${triggerPath()}?source=test`, encoded]) {
      const response = await send({ path, headers: { authorization: `Bearer ${token}` }, body: event() });
      expect(response.status).toBe(201);
    }
    expect(fallbackCalls).toEqual([]);
  });

  it("answers the CORS preflight itself", async () => {
    const response = await send({ method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(response.headers).toMatchObject({
      "access-control-allow-origin": "*",
      "access-control-allow-headers": "authorization, content-type, idempotency-key",
      "access-control-max-age": "86400",
    });
    expect(fallbackCalls).toEqual([]);
  });

  it("answers a repeated Idempotency-Key with the first answer and one event", async () => {
    const headers = { authorization: `Bearer ${token}`, "idempotency-key": randomUUID() };
    const before = await countRows(projectId);
    const first = await send({ headers, body: event({ once: true }) });
    const second = await send({ headers, body: event({ once: true }) });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(json(second)).toEqual(json(first));
    expect((await countRows(projectId)).events).toBe(before.events + 1);
  });

  it("answers 429 with Retry-After, readable by browsers, past the project's limit", async () => {
    const limited = await createSdkProject();
    await db.project.update({ where: { id: limited.project.id }, data: { eventRateLimitPerMinute: 1 } });
    forgetProjectConfig(limited.project.id);
    const headers = { authorization: `Bearer ${await limited.token()}` };
    await awayFromAMinuteBoundary();
    expect((await send({ path: triggerPath(limited.project.id), headers, body: event() })).status).toBe(201);
    const refused = await send({ path: triggerPath(limited.project.id), headers, body: event() });
    expect(refused.status).toBe(429);
    expect(json(refused)).toEqual(errorBody("rate_limited", `Too many requests; try again in ${refused.headers["retry-after"]} s`));
    expect(refused.headers["access-control-expose-headers"]).toBe("retry-after");
  });
});

describe("the same answers as the Next route file", () => {
  const big = " ".repeat(1024 * 1024 + 1);
  // Each refusal through the listener and through the route handler Next calls: same status, same body.
  const cases: { name: string; path?: () => string; headers?: () => THeaders; body: string; chunked?: boolean; status: number }[] = [
    { name: "unknown project", path: () => triggerPath(randomUUID()), headers: () => ({ authorization: `Bearer ${token}` }), body: event(), status: 404 },
    { name: "project id that is not a UUID", path: () => triggerPath("not-a-uuid"), body: event(), status: 404 },
    { name: "no token", body: event(), status: 401 },
    { name: "two Authorization fields", headers: () => ({ authorization: [`Bearer ${token}`, `Bearer ${token}`] }), body: event(), status: 401 },
    { name: "empty body", headers: () => ({ authorization: `Bearer ${token}` }), body: "", status: 400 },
    { name: "malformed JSON", headers: () => ({ authorization: `Bearer ${token}` }), body: "{nope", status: 400 },
    { name: "wrong shape", headers: () => ({ authorization: `Bearer ${token}` }), body: JSON.stringify({ name: "", payload: [] }), status: 400 },
    { name: "unknown App Event", headers: () => ({ authorization: `Bearer ${token}` }), body: JSON.stringify({ name: "Nope", payload: {} }), status: 404 },
    { name: "body over 1 MiB, declared", headers: () => ({ authorization: `Bearer ${token}` }), body: big, status: 413 },
    { name: "body over 1 MiB, chunked", headers: () => ({ authorization: `Bearer ${token}` }), body: big, chunked: true, status: 413 },
    { name: "too large, but the project comes first", path: () => triggerPath(randomUUID()), body: big, status: 404 },
    { name: "body nested 65 deep", headers: () => ({ authorization: `Bearer ${token}` }), body: deepEvent(65), status: 400 },
    { name: "body nested 10,000 deep", headers: () => ({ authorization: `Bearer ${token}` }), body: deepEvent(10_000), status: 400 },
    { name: "NUL in a payload value", headers: () => ({ authorization: `Bearer ${token}` }), body: event({ note: "a\u0000b" }), status: 400 },
    { name: "NUL in a payload key", headers: () => ({ authorization: `Bearer ${token}` }), body: event({ "a\u0000b": 1 }), status: 400 },
    { name: "lone high surrogate", headers: () => ({ authorization: `Bearer ${token}` }), body: event({ note: "\ud800" }), status: 400 },
    { name: "lone low surrogate", headers: () => ({ authorization: `Bearer ${token}` }), body: event({ note: "\udc00" }), status: 400 },
    { name: "NUL in the project id (%00)", path: () => triggerPath(`${projectId}%00`), headers: () => ({ authorization: `Bearer ${token}` }), body: event(), status: 400 },
    { name: "NUL in the token's sub", headers: () => ({ authorization: `Bearer ${nulSubToken}` }), body: event(), status: 400 },
  ];

  for (const testCase of cases) {
    it(`answers the ${testCase.name} as the route does`, async () => {
      const path = testCase.path?.() ?? triggerPath();
      const headers = testCase.headers?.() ?? {};
      const fast = await expectNothingWritten(projectId, () => send({ path, headers, body: testCase.body, chunked: testCase.chunked }));
      const viaNext = await callRoute(POST, {
        params: { projectId: decodeURIComponent(path.split("/")[2]) },
        headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value])),
        rawBody: testCase.body,
      });
      expect({ status: fast.status, body: json(fast) }).toEqual({ status: testCase.status, body: viaNext.body });
      expect(viaNext.status).toBe(testCase.status);
      expect(fast.headers["access-control-allow-origin"]).toBe("*");
      expect(fallbackCalls).toEqual([]);
    });
  }

  it("writes nothing for a client that goes away mid-body, and keeps serving", async () => {
    await expectNothingWritten(projectId, async () => {
      await new Promise<void>((resolve) => {
        const request = http.request(`${base}${triggerPath()}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-length": "1000" } });
        request.on("error", () => resolve());
        request.write('{"name":"Contact Created","payload":');
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 50);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    expect((await send({ headers: { authorization: `Bearer ${token}` }, body: event() })).status).toBe(201);
  });
});

describe("everything else", () => {
  it("goes to Next: other paths, other methods on this path, a trailing slash", async () => {
    const requests = [
      { method: "GET", path: "/api/health" },
      { method: "POST", path: "/api/v1/projects" },
      { method: "GET", path: triggerPath() },
      { method: "PUT", path: triggerPath() },
      { method: "POST", path: `${triggerPath()}/` },
      { method: "POST", path: `/projects/${projectId}/sdk/events` },
    ];
    for (const { method, path } of requests) {
      const response = await send({ method, path, body: method === "GET" ? undefined : "{}" });
      expect({ status: response.status, text: response.text }).toEqual({ status: 299, text: "next" });
    }
    expect(fallbackCalls).toEqual(requests.map(({ method, path }) => `${method} ${path}`));
  });
});

/** Bytes straight onto a connection, for requests no HTTP client would send; answers what came back. */
function sendRaw(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1", () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}

const statusLine = (raw: string) => raw.slice(0, raw.indexOf("\r\n"));
const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4)) as unknown;

describe("requests Node cannot parse", () => {
  const trigger = (headerLines: string[], target = triggerPath()) => {
    const body = event();
    const head = [`POST ${target} HTTP/1.1`, "Host: 127.0.0.1", `Authorization: Bearer ${token}`, `Content-Length: ${body.length}`, ...headerLines];
    return Buffer.from(`${head.join("\r\n")}\r\n\r\n${body}`, "latin1");
  };

  it("answers a NUL in a stored header (Idempotency-Key) with 400 and the documented body; nothing is written", async () => {
    const raw = await expectNothingWritten(projectId, () => sendRaw(trigger(["Idempotency-Key: key\u0000one"])));
    expect(statusLine(raw)).toBe("HTTP/1.1 400 Bad Request");
    expect(raw).toMatch(/\r\nContent-Type: application\/json\r\n/);
    expect(bodyOf(raw)).toEqual(errorBody("bad_request", "The request is not valid HTTP: Invalid header value char"));
    expect(fallbackCalls).toEqual([]);
  });

  it("answers a NUL in the request line alike, whatever the path", async () => {
    for (const target of [`/projects/${projectId}\u0000/sdk/events/trigger`, "/sign-in\u0000"]) {
      const raw = await expectNothingWritten(projectId, () => sendRaw(trigger([], target)));
      expect({ status: statusLine(raw), body: bodyOf(raw) }).toEqual({
        status: "HTTP/1.1 400 Bad Request",
        body: errorBody("bad_request", "The request is not valid HTTP: Invalid char in url path"),
      });
    }
    expect(fallbackCalls).toEqual([]);
  });

  it("keeps Node's own answer to headers over its size limit", async () => {
    const raw = await sendRaw(trigger([`X-Padding: ${"x".repeat(20_000)}`]));
    expect(raw).toBe("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n");
  });

  it("still answers a well-formed request on the same server afterwards", async () => {
    expect((await send({ headers: { authorization: `Bearer ${token}` }, body: event() })).status).toBe(201);
  });
});
