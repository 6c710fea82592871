// Every /api/v1 route against every way a request can be refused: exact status, exact error body, and
// nothing written. The route list comes from lib/openapi/operations.ts, so a new operation joins the table.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/error-response";
import { MAX_BODY_BYTES } from "@/lib/http/read-json-body";
import type { TOperation } from "@/lib/openapi/define-operation";
import { OPERATIONS } from "@/lib/openapi/operations";
import {
  ROUTES, addMember, createWorld, expiredSessionCookie, isProjectRoute, jsonParseMessage, routeName, send, snapshotWorld,
  streamedBody, type TRouteSpec, type TWorld,
} from "@/test/api-helpers";
import { createTestBuilder, sessionCookie } from "@/test/factories";

let world: TWorld;
let revokedKey: string;
beforeAll(async () => {
  world = await createWorld();
  const key = await createApiKey({ projectId: world.project.id, name: "revoked", createdById: null });
  await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  revokedKey = key.key;
});

const json = (value: unknown) => JSON.stringify(value);
const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/** Sends the route's own method and valid body with the given headers, and checks that nothing changed. */
async function expectRefused(
  route: TRouteSpec,
  request: { headers: Record<string, string>; params?: Record<string, string>; body?: BodyInit; duplex?: "half" },
  expected: { status: number; body: unknown },
) {
  const before = await snapshotWorld(world);
  const hasBody = request.body !== undefined || route.body !== undefined;
  const response = await send(
    route.handler,
    {
      method: route.operation.method,
      headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...request.headers },
      body: request.body ?? (route.body === undefined ? undefined : json(route.body)),
      duplex: request.duplex,
    },
    request.params ?? route.params(world),
  );
  expect({ status: response.status, body: response.body }).toEqual(expected);
  expect(await snapshotWorld(world)).toEqual(before);
  return response;
}

it("the route table covers every operation", () => {
  expect(ROUTES.map((route) => route.operation.id).sort()).toEqual((OPERATIONS as TOperation[]).map((op) => op.id).sort());
});

const table = (filter: (route: TRouteSpec) => boolean) => ROUTES.filter(filter).map((route) => [routeName(route), route] as const);

describe.each(table(() => true))("%s refuses bad credentials", (_name, route) => {
  const signIn = "Sign in, or send a project API key as `Authorization: Bearer <key>`";
  const badHeader = "The Authorization header must be `Bearer <API key>`";
  const badKey = "The API key is not valid or has been revoked";
  const credentials: [string, () => Promise<Record<string, string>>, string][] = [
    ["no credentials", async () => ({}), signIn],
    ["a Basic Authorization header", async () => ({ authorization: "Basic dXNlcjpwYXNz" }), badHeader],
    ["a Bearer header with two tokens", async () => ({ authorization: "Bearer sy_a sy_b" }), badHeader],
    ["an unknown API key", async () => ({ authorization: `Bearer sy_${randomUUID()}` }), badKey],
    ["a revoked API key", async () => ({ authorization: `Bearer ${revokedKey}` }), badKey],
    ["an expired session cookie", async () => ({ cookie: await expiredSessionCookie(world.project.ownerId) }), signIn],
    [
      "a session cookie sealed with another secret",
      async () => {
        const salt = "authjs.session-token";
        const token = await encode({ token: { sub: world.project.ownerId }, secret: "another-secret-that-is-long-enough", salt });
        return { cookie: `${salt}=${token}` };
      },
      signIn,
    ],
  ];
  it.each(credentials)("401 with %s", async (_label, headers, message) => {
    await expectRefused(route, { headers: await headers() }, { status: 401, body: error("unauthorized", message) });
  });
});

describe.each(table(isProjectRoute))("%s hides other tenants", (_name, route) => {
  const notFound = { status: 404, body: error("not_found", "Project not found") };
  it("404 for a builder who is not a member", async () => {
    await expectRefused(route, { headers: { cookie: world.strangerCookie } }, notFound);
  });
  it("404 for the API key of another project", async () => {
    await expectRefused(route, { headers: { authorization: `Bearer ${world.otherApiKey.key}` } }, notFound);
  });
  it.each(["not-a-uuid", randomUUID()])("404 for project id %s", async (projectId) => {
    await expectRefused(route, { headers: { cookie: world.ownerCookie }, params: route.params(world, projectId) }, notFound);
  });
});

describe.each(table((route) => route.operation.requires !== undefined))("%s is for builders", (_name, route) => {
  it("403 for a project API key", async () => {
    const message = "API keys cannot do this; sign in to the dashboard as a builder";
    await expectRefused(route, { headers: { authorization: `Bearer ${world.apiKey.key}` } }, { status: 403, body: error("forbidden", message) });
  });
});

describe.each(table((route) => route.operation.requires === undefined))("%s is open to API keys", (_name, route) => {
  it("succeeds for the project's API key", async () => {
    const success = Number(Object.keys(route.operation.responses)[0]);
    const body = route.body === undefined ? undefined : json(route.body);
    const headers = { authorization: `Bearer ${world.apiKey.key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) };
    expect((await send(route.handler, { method: route.operation.method, headers, body }, route.params(world))).status).toBe(success);
  });
});

describe.each(table((route) => route.operation.requires === "owner"))("%s is for owners", (_name, route) => {
  it("403 for a member who is not the owner", async () => {
    const member = await addMember(world.project.id);
    await expectRefused(route, { headers: { cookie: member.cookie } }, { status: 403, body: error("forbidden", "Only project owners can do this") });
  });
});

/** The route's valid body with one field made wrong (most take a name), and the 422 details that must name it. */
function wrongFieldOf(route: TRouteSpec): { body: unknown; details: { path: string; message: string }[] } {
  const wrongType = "Invalid input: expected string, received number";
  switch (route.operation.id) {
    case "importSigningKey":
      return { body: { name: 42, publicKey: 42 }, details: [{ path: "name", message: wrongType }, { path: "publicKey", message: "Invalid input" }] };
    case "replayRun":
      return { body: { version: 42 }, details: [{ path: "version", message: 'Invalid option: expected one of "original"|"current"' }] };
    case "startRun":
      return { body: { source: 42 }, details: [{ path: "source", message: 'Invalid option: expected one of "deployed"|"draft"' }] };
    case "testWorkflowStep":
      return { body: { stepId: 42, triggerPayload: {} }, details: [{ path: "stepId", message: wrongType }] };
    case "pauseSchedule":
      return { body: { note: 42 }, details: [{ path: "note", message: wrongType }] };
    case "backfillSchedule":
      return { body: { ...(route.body as object), from: 42 }, details: [{ path: "from", message: wrongType }] };
    case "updateUserMetadata":
      return { body: { meta: 42 }, details: [{ path: "meta", message: "Invalid input: expected record, received number" }] };
    case "updateWebhookEndpoint":
      return { body: { routing: 42 }, details: [{ path: "routing", message: "Invalid input: expected object, received number" }] };
    case "rotateWebhookSecret":
      return { body: { graceHours: "x" }, details: [{ path: "graceHours", message: "Invalid input: expected number, received string" }] };
    case "enableUserWorkflow":
      return { body: { settings: 42 }, details: [{ path: "settings", message: "Invalid input: expected record, received number" }] };
    default:
      return { body: { ...(route.body as object), name: 42 }, details: [{ path: "name", message: wrongType }] };
  }
}

describe.each(table((route) => route.operation.body !== undefined))("%s reads its body safely", (_name, route) => {
  const owner = () => ({ cookie: world.ownerCookie });
  const tooLarge = { status: 413, body: error("payload_too_large", "The request body is larger than 1 MiB") };
  const emptyBody = { status: 400, body: error("invalid_json", "The request body is empty; send a JSON document") };

  it.each(['{"name": ', "{name: 'x'}", '{"name": "x"} trailing'])("400 for malformed JSON %s", async (raw) => {
    const body = error("invalid_json", `The request body is not valid JSON: ${jsonParseMessage(raw)}`);
    await expectRefused(route, { headers: owner(), body: raw }, { status: 400, body });
  });

  it.each(["", "  \n"])("400 for an empty body %j", async (raw) => {
    await expectRefused(route, { headers: owner(), body: raw }, emptyBody);
  });

  it("413 for a body over 1 MiB that declares its Content-Length", async () => {
    const raw = " ".repeat(MAX_BODY_BYTES + 1);
    await expectRefused(route, { headers: { ...owner(), "content-length": String(raw.length) }, body: raw }, tooLarge);
  });

  it("413 for a streamed body over 1 MiB without Content-Length", async () => {
    await expectRefused(route, { headers: owner(), body: streamedBody(2 * MAX_BODY_BYTES), duplex: "half" }, tooLarge);
  });

  it("413 for a body over 1 MiB whose Content-Length understates it", async () => {
    const raw = " ".repeat(MAX_BODY_BYTES + 1);
    await expectRefused(route, { headers: { ...owner(), "content-length": "2" }, body: raw }, tooLarge);
  });

  it("422 with the path of each wrong field", async () => {
    const { body, details } = wrongFieldOf(route);
    await expectRefused(route, { headers: owner(), body: json(body) }, { status: 422, body: error("validation_failed", "The request is not valid", details) });
    const notAnObject = [{ path: "", message: "Invalid input: expected object, received array" }];
    await expectRefused(route, { headers: owner(), body: "[]" }, { status: 422, body: error("validation_failed", "The request is not valid", notAnObject) });
  });
});

describe("bodies at the size limit", () => {
  it("accepts a body of exactly 1 MiB", async () => {
    const { POST } = await import("@/app/api/v1/projects/[projectId]/api-keys/route");
    const prefix = '{"name":"exactly one MiB","padding":"';
    const raw = `${prefix}${"x".repeat(MAX_BODY_BYTES - prefix.length - 2)}"}`;
    expect(Buffer.byteLength(raw)).toBe(MAX_BODY_BYTES);
    const response = await send(POST, { method: "POST", headers: { cookie: world.ownerCookie, "content-length": String(raw.length) }, body: raw }, { projectId: world.project.id });
    expect(response.status).toBe(201);
    expect(response.body.name).toBe("exactly one MiB");
  });
});

describe("child resources of another project", () => {
  it("404 for a key id of project B revoked through project A, and B's key stays active", async () => {
    const route = ROUTES.find((r) => r.operation.id === "revokeApiKey") as TRouteSpec;
    const params = { projectId: world.project.id, apiKeyId: world.otherApiKey.id };
    await expectRefused(route, { headers: { cookie: world.ownerCookie }, params }, { status: 404, body: error("not_found", "API key not found") });
  });

  it("404 for a malformed child id", async () => {
    const route = ROUTES.find((r) => r.operation.id === "revokeSigningKey") as TRouteSpec;
    const params = { projectId: world.project.id, signingKeyId: "42" };
    await expectRefused(route, { headers: { cookie: world.ownerCookie }, params }, { status: 404, body: error("not_found", "Not found") });
  });
});

describe("a session whose builder no longer exists", () => {
  it("is refused with 401 and creates nothing", async () => {
    const ghost = await createTestBuilder();
    const cookie = await sessionCookie(ghost.id);
    await db.builder.delete({ where: { id: ghost.id } });
    const route = ROUTES.find((r) => r.operation.id === "createProject") as TRouteSpec;
    const name = `ghost ${randomUUID()}`;
    const response = await send(route.handler, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: json({ name }) });
    expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: error("unauthorized", "Sign in, or send a project API key as `Authorization: Bearer <key>`") });
    expect(await db.project.count({ where: { name } })).toBe(0);
  });
});

describe("rate limiting", () => {
  const previous = process.env.API_RATE_LIMIT_PER_MINUTE;
  beforeAll(() => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
    else process.env.API_RATE_LIMIT_PER_MINUTE = previous;
  });

  const minute = () => Math.floor(Date.now() / 60_000);

  it("answers 429 with Retry-After once the limit is exceeded, per caller", async () => {
    const route = ROUTES.find((r) => r.operation.id === "listProjects") as TRouteSpec;
    // The window is a calendar minute; if the burst straddles a boundary the counts restart, so retry.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const builder = await createTestBuilder();
      const neighbour = await createTestBuilder();
      const headers = { cookie: await sessionCookie(builder.id) };
      const start = minute();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await send(route.handler, { headers })).status);
      const limited = await send(route.handler, { headers });
      const neighbourStatus = (await send(route.handler, { headers: { cookie: await sessionCookie(neighbour.id) } })).status;
      if (minute() !== start) continue;
      expect(statuses).toEqual([200, 200, 200]);
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect({ status: limited.status, body: limited.body }).toEqual({
        status: 429,
        body: error("rate_limited", `Too many requests; try again in ${retryAfter} s`),
      });
      expect(neighbourStatus).toBe(200);
      return;
    }
    throw new Error("every attempt straddled a minute boundary");
  });
});

describe("unexpected errors", () => {
  const generic = error("internal_error", "Something went wrong on our side. It has been logged.");

  it("errorResponse hides the message and logs the error", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const thrown = new Error("secret detail");
    const response = errorResponse(thrown);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual(generic);
    expect(text).not.toContain("secret detail");
    expect(log).toHaveBeenCalledWith("[switchyard] unhandled error", thrown);
    log.mockRestore();
  });

  it.each(ROUTES.filter((r) => ["listProjects", "getProject"].includes(r.operation.id)).map((r) => [routeName(r), r] as const))(
    "%s answers a non-AppError with the generic 500",
    async (_name, route) => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      // Rejects when the handler awaits it, after authentication: a plain Error from inside the handler.
      const rejected = Promise.reject(new Error("secret detail"));
      rejected.catch(() => {});
      const response = await route.handler(new Request("http://localhost/api/v1/test", { headers: { cookie: world.ownerCookie } }), {
        params: rejected,
      });
      const text = await response.text();
      expect({ status: response.status, body: JSON.parse(text) }).toEqual({ status: 500, body: generic });
      expect(text).not.toContain("secret detail");
      log.mockRestore();
    },
  );
});
