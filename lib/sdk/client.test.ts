// The SDK against the real SDK route, served over real HTTP on 127.0.0.1: what an app's page would see.
import { createPrivateKey, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import vm from "node:vm";
import { build } from "esbuild";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPTIONS, POST } from "@/app/projects/[projectId]/sdk/events/trigger/route";
import { PATCH as updateMe } from "@/app/projects/[projectId]/sdk/me/route";
import { db } from "@/lib/db/client";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { SDK_BUILDS } from "@/scripts/build-sdk";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { createTestProject } from "@/test/factories";
import { createSwitchyard, SwitchyardError, type TSwitchyard } from "./index";

const ROUTE = /^\/projects\/([^/]+)\/sdk\/(events\/trigger|me)$/;

/** Hands each Node request to the route handler as a fetch Request, as Next.js does, and writes its Response back. */
async function handle(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  const url = new URL(req.url ?? "/", origin);
  const match = ROUTE.exec(url.pathname);
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  const request = new Request(url, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
  const params = { params: Promise.resolve({ projectId: decodeURIComponent(match[1]) }) };
  const response =
    req.method === "OPTIONS"
      ? OPTIONS()
      : req.method === "POST" && match[2] === "events/trigger"
        ? await POST(request, params)
        : req.method === "PATCH" && match[2] === "me"
          ? await updateMe(request, params)
          : new Response(null, { status: 405 });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

let server: Server;
let baseUrl: string;
let projectId: string;
let workflowId: string;
let privateKeyPem: string;

const signToken = (options: { sub?: string; expiresAt?: number } = {}) => {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: "RS256" }).setSubject(options.sub ?? "user-1").setIssuedAt();
  return jwt.setExpirationTime(options.expiresAt ?? "1h").sign(createPrivateKey(privateKeyPem));
};

/** Awaits a promise that must reject, and returns what it rejected with. */
async function rejectionOf(promise: Promise<unknown>): Promise<SwitchyardError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(SwitchyardError);
  return outcome.error as SwitchyardError;
}

const fields = (error: SwitchyardError) => ({ name: error.name, status: error.status, code: error.code, message: error.message, details: error.details });

async function authenticated(token?: string): Promise<TSwitchyard> {
  const switchyard = createSwitchyard();
  await switchyard.authenticate(projectId, token ?? (await signToken()), { baseUrl });
  return switchyard;
}

beforeAll(async () => {
  const project = await createTestProject();
  projectId = project.id;
  privateKeyPem = (await generateSigningKey({ projectId, name: "sdk test", createdById: null })).privateKeyPem;
  const appEvent = await createTestAppEvent(projectId, "Contact Created");
  ({ workflowId } = await createDeployedWorkflow({
    projectId,
    graph: {
      trigger: { type: "app_event", appEventId: appEvent.id },
      steps: [{ id: "f", name: "F", type: "function", config: { code: "function () { return 1 }", params: [] } }],
      edges: [{ id: "e", source: "trigger", target: "f" }],
    },
  }));
  server = createServer((req, res) => {
    handle(req, res, baseUrl).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("switchyard.event", () => {
  it("sends the event for the token's user and resolves with the event id and the runs it started", async () => {
    const switchyard = await authenticated(await signToken({ sub: "sdk-user-201" }));
    const result = await switchyard.event("Contact Created", { name: "Brandon", email: "brandon@example.com" });
    expect(result).toEqual({ eventId: expect.any(String), runs: [{ runId: expect.any(String), workflowId }] });
    const stored = await db.event.findFirstOrThrow({ where: { id: result.eventId, projectId }, select: { source: true, payload: true } });
    expect(stored).toEqual({ source: "sdk", payload: { name: "Brandon", email: "brandon@example.com" } });
    expect(await db.run.count({ where: { projectId, eventId: result.eventId } })).toBe(1);
  });

  it("sends the Idempotency-Key: a repeat resolves with the first answer and starts no run", async () => {
    const switchyard = await authenticated();
    const idempotencyKey = randomUUID();
    const first = await switchyard.event("Contact Created", { n: 1 }, { idempotencyKey });
    const runsBefore = await db.run.count({ where: { projectId } });
    expect(await switchyard.event("Contact Created", { n: 1 }, { idempotencyKey })).toEqual(first);
    expect(await db.run.count({ where: { projectId } })).toBe(runsBefore);
  });

  it("rejects with the server's 404 for an App Event that does not exist", async () => {
    const error = await rejectionOf((await authenticated()).event("Contact Deleted", {}));
    expect(fields(error)).toEqual({
      name: "SwitchyardError",
      status: 404,
      code: "not_found",
      message: "App Event “Contact Deleted” does not exist in this project",
      details: undefined,
    });
  });

  it("rejects with the server's 401 for an expired token", async () => {
    const expiresAt = Math.floor(Date.now() / 1000) - 3600;
    const error = await rejectionOf((await authenticated(await signToken({ expiresAt }))).event("Contact Created", {}));
    expect(fields(error)).toEqual({
      name: "SwitchyardError",
      status: 401,
      code: "unauthorized",
      message: `The user token expired at ${new Date(expiresAt * 1000).toISOString()}`,
      details: undefined,
    });
  });

  it("rejects with the server's 400 and its details for a payload that is not an object", async () => {
    const switchyard = await authenticated();
    // A caller without types can pass anything; the server is the one to refuse it.
    const error = await rejectionOf(switchyard.event("Contact Created", [1, 2] as unknown as Record<string, unknown>));
    expect(fields(error)).toEqual({
      name: "SwitchyardError",
      status: 400,
      code: "bad_request",
      message: "The request body is not valid",
      details: [{ path: "payload", message: "Invalid input: expected record, received array" }],
    });
  });

  it("rejects with not_authenticated before authenticate, and sends nothing", async () => {
    const eventsBefore = await db.event.count({ where: { projectId } });
    const error = await rejectionOf(createSwitchyard({ baseUrl }).event("Contact Created", {}));
    expect(fields(error)).toEqual({
      name: "SwitchyardError",
      status: 0,
      code: "not_authenticated",
      message: "Call switchyard.authenticate(projectId, userToken) before sending events",
      details: undefined,
    });
    expect(await db.event.count({ where: { projectId } })).toBe(eventsBefore);
  });

  it("rejects with network_error when Switchyard cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const switchyard = createSwitchyard();
    await switchyard.authenticate(projectId, await signToken(), { baseUrl: deadUrl });
    const error = await rejectionOf(switchyard.event("Contact Created", {}));
    expect({ status: error.status, code: error.code }).toEqual({ status: 0, code: "network_error" });
    expect(error.message).toContain(`Could not reach Switchyard at ${deadUrl}`);
  });
});

// switchyard.workflow() against the server: test/request-trigger/request-trigger-responses.test.ts.
describe("switchyard.workflow, local checks", () => {
  it("rejects with not_authenticated before authenticate, and sends nothing", async () => {
    const runsBefore = await db.run.count({ where: { projectId } });
    const error = await rejectionOf(createSwitchyard({ baseUrl }).workflow(workflowId, { body: {} }));
    expect(fields(error)).toEqual({
      name: "SwitchyardError",
      status: 0,
      code: "not_authenticated",
      message: "Call switchyard.authenticate(projectId, userToken) before calling workflows",
      details: undefined,
    });
    expect(await db.run.count({ where: { projectId } })).toBe(runsBefore);
  });

  it.each([
    ["no workflow id", "", {}, "Pass the id of the workflow to call"],
    ["a header name that cannot be sent", "wf", { headers: { "bad header": "x" } }, expect.stringMatching(/^The headers cannot be sent: /)],
  ])("rejects %s with invalid_argument, locally", async (_label, id, options, message) => {
    const error = await rejectionOf((await authenticated()).workflow(id, options));
    expect(fields(error)).toEqual({ name: "SwitchyardError", status: 0, code: "invalid_argument", message, details: undefined });
  });
});

describe("switchyard.setUserMetadata", () => {
  it("merges into the user's metadata and indexes their provider ids, so webhooks are routed to them", async () => {
    const sub = `meta-${randomUUID()}`;
    const switchyard = await authenticated(await signToken({ sub }));
    await switchyard.setUserMetadata({ plan: "pro", providerIds: { github: 4211 } });
    const user = await switchyard.setUserMetadata({ seats: 3, plan: null });
    expect(user).toMatchObject({ externalId: sub, metadata: { seats: 3, providerIds: { github: "4211" } } });
    expect(user.metadata).not.toHaveProperty("plan");
    const row = await db.connectedUserProviderId.findFirstOrThrow({ where: { projectId, provider: "github", providerId: "4211" }, select: { connectedUser: { select: { externalId: true } } } });
    expect(row.connectedUser.externalId).toBe(sub);
  });

  it("rejects with the server's 409 when another user already has that provider id, and changes nothing", async () => {
    const first = await authenticated(await signToken({ sub: `meta-${randomUUID()}` }));
    await first.setUserMetadata({ providerIds: { stripe: "acct_shared" } });
    const secondSub = `meta-${randomUUID()}`;
    const second = await authenticated(await signToken({ sub: secondSub }));
    const error = await rejectionOf(second.setUserMetadata({ providerIds: { stripe: "acct_shared" }, plan: "pro" }));
    expect(await db.connectedUser.count({ where: { projectId, externalId: secondSub } })).toBe(0);
    expect(fields(error)).toEqual({
      name: "SwitchyardError", status: 409, code: "conflict", message: "Another user already has stripe id “acct_shared”",
      details: [{ path: "meta.providerIds.stripe", message: "already another user's" }],
    });
  });

  it("rejects with 422 and the path for a provider id that is not text", async () => {
    const switchyard = await authenticated();
    const error = await rejectionOf(switchyard.setUserMetadata({ providerIds: { github: { id: 1 } } }));
    expect(error.status).toBe(422);
    expect(error.details).toEqual([{ path: "meta.providerIds.github", message: expect.any(String) }]);
  });
});

describe("switchyard.authenticate", () => {
  const header = Buffer.from(JSON.stringify({ alg: "RS256" })).toString("base64url");
  const claims = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it.each([
    ["an empty token", "", "Pass the user token (a JWT signed with your project's signing key)"],
    ["a token that is not a JWT", "not-a-jwt", "The user token is not a JWT (header.payload.signature)"],
    ["a JWT without signature", `${header}.${claims({ sub: "u" })}.`, "The user token is not a JWT (header.payload.signature)"],
    ["a header that is not JSON", `bm90IGpzb24.${claims({ sub: "u" })}.sig`, "The user token's header is not base64url-encoded JSON"],
    ["claims that are not JSON", `${header}.bm90IGpzb24.sig`, "The user token's payload is not base64url-encoded JSON"],
    ["a JWT without sub", `${header}.${claims({ iat: 1 })}.sig`, "The user token has no `sub` claim naming your user"],
  ])("rejects %s with invalid_token, locally", async (_label, token, message) => {
    const error = await rejectionOf(createSwitchyard().authenticate(projectId, token, { baseUrl }));
    expect(fields(error)).toEqual({ name: "SwitchyardError", status: 0, code: "invalid_token", message, details: undefined });
  });

  it("forgets the previous user when a later authenticate fails", async () => {
    const switchyard = await authenticated();
    await rejectionOf(switchyard.authenticate(projectId, "not-a-jwt", { baseUrl }));
    expect((await rejectionOf(switchyard.event("Contact Created", {}))).code).toBe("not_authenticated");
  });

  it("needs a baseUrl outside a browser page", async () => {
    const error = await rejectionOf(createSwitchyard().authenticate(projectId, await signToken()));
    expect(fields(error)).toMatchObject({ status: 0, code: "invalid_argument" });
  });
});

describe("the script-tag bundle (public/sdk.js)", () => {
  /** Runs the minified IIFE build in a bare page-like global with the given currentScript and location. */
  async function loadScript(page: { scriptSrc: string | null; origin: string }) {
    const bundle = await build({ ...SDK_BUILDS.script, write: false, outfile: undefined, logLevel: "silent" });
    const window: Record<string, unknown> = {
      fetch,
      URL,
      atob,
      TextDecoder,
      location: { origin: page.origin },
      document: { currentScript: page.scriptSrc === null ? null : { src: page.scriptSrc } },
    };
    window.window = window;
    vm.runInNewContext(bundle.outputFiles[0].text, window);
    return window.switchyard as TSwitchyard & { SwitchyardError: unknown };
  }

  it.each([
    ["the origin it was loaded from", { scriptSrc: "__BASE__/sdk.js", origin: "http://127.0.0.1:9" }],
    ["the page's origin when there is no current script", { scriptSrc: null, origin: "__BASE__" }],
  ])("defines window.switchyard, which talks to %s", async (_label, page) => {
    const at = (text: string | null) => text?.replace("__BASE__", baseUrl) ?? null;
    const switchyard = await loadScript({ scriptSrc: at(page.scriptSrc), origin: at(page.origin) as string });
    expect(typeof switchyard.SwitchyardError).toBe("function");
    await switchyard.authenticate(projectId, await signToken({ sub: "script-tag-user" }));
    const result = await switchyard.event("Contact Created", { via: "script tag" });
    expect(result).toEqual({ eventId: expect.any(String), runs: [{ runId: expect.any(String), workflowId }] });
  });
});
