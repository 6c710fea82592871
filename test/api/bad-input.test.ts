// Bad input to every public route: JSON nested too deep, text PostgreSQL cannot store (a NUL, a lone
// surrogate) in bodies, keys, query and path parameters and the user token's sub, and malformed percent-escapes
// in the path. Each is refused with an exact status and error body, and writes nothing. The routes come from
// the operation registry (test/api-helpers.ts checks it against lib/openapi/operations.ts) and the SDK routes'
// folder. Valid edge cases next to them (a paired surrogate, a literal "\u0000") are stored byte-exact.
import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInWithPassword, signUpWithPassword } from "@/app/(auth)/actions";
import { signIn } from "@/lib/auth/auth";
import { POST as triggerEvent } from "@/app/projects/[projectId]/sdk/events/trigger/route";
import { PATCH as updateMe } from "@/app/projects/[projectId]/sdk/me/route";
import { POST as callWorkflow } from "@/app/projects/[projectId]/sdk/triggers/[workflowId]/route";
import { db } from "@/lib/db/client";
import { createRequestListener } from "@/lib/http/fast-path-listener";
import type { TOperation } from "@/lib/openapi/define-operation";
import { OPERATIONS } from "@/lib/openapi/operations";
import { ROUTES, createWorld, routeName, snapshotWorld, type TRouteHandler, type TRouteSpec, type TWorld } from "@/test/api-helpers";
import { callRoute } from "@/test/factories";
import { createDeployedWorkflow } from "@/test/engine-factories";
import { countRows, createSdkProject, deployOn } from "@/test/sdk/sdk-helpers";

const REQUEST_GRAPH = {
  trigger: { type: "request" },
  steps: [{ id: "f", name: "F", type: "function", config: { code: "function () { return 1 }", params: [] } }],
  edges: [{ id: "e", source: "trigger", target: "f" }],
};

// Auth.js loads only inside Next (its `next/server` import does not resolve here). The server actions refuse
// bad fields before they call it, which a stand-in that records its calls lets this file prove.
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("@/lib/auth/auth", () => ({ signIn: vi.fn(), signOut: vi.fn() }));

const BAD_TEXT = [
  ["a NUL", "\u0000", "a NUL character (U+0000)"],
  ["a lone high surrogate", "\ud800", "an unpaired surrogate (U+D800)"],
  ["a lone low surrogate", "\udc00", "an unpaired surrogate (U+DC00)"],
] as const;
/** Valid text that looks close: a paired surrogate, and a backslash followed by u0000 as plain characters. */
const EDGE_TEXT = "emoji 😀 literal \\u0000";

const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });
const cannotStore = (source: string, pointer: string, what: "value" | "key", character: string) => ({
  status: 400,
  body: error("bad_request", "The request contains text that cannot be stored", [
    { in: source, path: pointer, message: `The ${what} contains ${character}, which cannot be stored` },
  ]),
});
const tooDeep = { status: 400, body: error("invalid_json", "The request body nests arrays and objects more than 64 levels deep") };
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

let world: TWorld;
let sdk: Awaited<ReturnType<typeof createSdkProject>>;
const rateLimit = process.env.API_RATE_LIMIT_PER_MINUTE;

beforeAll(async () => {
  // Hundreds of refusals by one builder inside a minute; the rate limit is errors.test.ts's subject.
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  world = await createWorld();
  sdk = await createSdkProject();
  await deployOn(sdk.project.id, sdk.appEvent.id, { enabledForAllUsers: true });
  requestWorkflowId = (await createDeployedWorkflow({ projectId: sdk.project.id, graph: REQUEST_GRAPH, enabledForAllUsers: true })).workflowId;
  // The route table seeds the rows some routes address on their first call (401 here); after this, a
  // refused request changes nothing.
  for (const route of ROUTES) await callRoute(route.handler, { method: route.operation.method, params: route.params(world) });
});

afterAll(() => {
  if (rateLimit === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
  else process.env.API_RATE_LIMIT_PER_MINUTE = rateLimit;
});

/** Everything a public route could write for the world's projects and the SDK project. */
async function snapshot() {
  const projectId = { in: [world.project.id, world.other.id] };
  return {
    world: await snapshotWorld(world),
    appEvents: await db.appEvent.findMany({ where: { projectId }, select: { id: true, name: true, example: true, jsonSchema: true }, orderBy: { id: "asc" } }),
    destinations: await db.notificationDestination.findMany({ where: { projectId }, select: { id: true, name: true, url: true }, orderBy: { id: "asc" } }),
    events: await db.event.count({ where: { projectId } }),
    runs: await db.run.count({ where: { projectId } }),
    sdk: await countRows(sdk.project.id),
  };
}

async function expectRefused(call: () => Promise<{ status: number; body: unknown }>, expected: { status: number; body: unknown }) {
  const before = await snapshot();
  const response = await call();
  expect({ status: response.status, body: response.body }).toEqual(expected);
  expect(await snapshot()).toEqual(before);
}

const owner = () => ({ cookie: world.ownerCookie });
const callApi = (route: TRouteSpec, options: { rawBody?: string; params?: Record<string, string>; query?: string } = {}) =>
  callRoute(route.handler, {
    method: route.operation.method,
    params: options.params ?? route.params(world),
    path: `/api/v1/test${options.query ?? ""}`,
    headers: owner(),
    rawBody: options.rawBody ?? (route.body === undefined ? undefined : JSON.stringify(route.body)),
  });

/** The body with `text` added to its first string value (document order), and that value's JSON pointer. */
function withTextInFirstString(value: unknown, text: string, pointer = ""): [unknown, string] | null {
  if (typeof value === "string") return [`${value}${text}`, pointer];
  if (typeof value !== "object" || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = withTextInFirstString(child, text, `${pointer}/${key}`);
    if (found) return [Array.isArray(value) ? Object.assign([...value], { [key]: found[0] }) : { ...value, [key]: found[0] }, found[1]];
  }
  return null;
}

/** The body with a key holding `text` in its first object-valued field (a payload, an example, settings), or at the top. */
function withTextInKey(body: Record<string, unknown>, text: string): [unknown, string] {
  const key = `note ${text}`;
  const field = Object.entries(body).find(([, value]) => typeof value === "object" && value !== null && !Array.isArray(value))?.[0];
  if (field === undefined) return [{ ...body, [key]: "x" }, `/${key}`];
  return [{ ...body, [field]: { ...(body[field] as object), [key]: "x" } }, `/${field}/${key}`];
}

/** A body nested `depth` deep in all: the route's own fields plus one array nest. */
const deepBody = (route: TRouteSpec, depth: number) => `{"deep":${nested(depth - 1)},${JSON.stringify(route.body).slice(1)}`;

/** The handler that the operation's route file under app/api/v1 exports for its method. */
async function routeFileHandler(operation: TOperation): Promise<TRouteHandler> {
  const file = path.join(process.cwd(), "app/api/v1", operation.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  return ((await import(file)) as Record<string, TRouteHandler>)[operation.method];
}

const table = (filter: (route: TRouteSpec) => boolean) => ROUTES.filter(filter).map((route) => [routeName(route), route] as const);

describe.each(table((route) => route.body !== undefined))("%s refuses a bad body", (_name, route) => {
  it.each([65, 10_000])("400 invalid_json for JSON nested %i deep", async (depth) => {
    await expectRefused(() => callApi(route, { rawBody: deepBody(route, depth) }), tooDeep);
  });

  it.each(BAD_TEXT)("400 bad_request for %s in a value", async (_label, text, character) => {
    const [body, pointer] = withTextInFirstString(route.body, text) as [unknown, string];
    await expectRefused(() => callApi(route, { rawBody: JSON.stringify(body) }), cannotStore("body", pointer, "value", character));
  });

  it("400 bad_request for a NUL in a key", async () => {
    const [body, pointer] = withTextInKey(route.body as Record<string, unknown>, "\u0000");
    await expectRefused(() => callApi(route, { rawBody: JSON.stringify(body) }), cannotStore("body", pointer, "key", "a NUL character (U+0000)"));
  });
});

describe.each(table((route) => route.operation.params !== undefined))("%s refuses a bad path parameter", (_name, route) => {
  const names = Object.keys((route.operation.params as NonNullable<TOperation["params"]>).shape);
  const cases = names.flatMap((param) => BAD_TEXT.map(([label, text, character]) => [param, label, text, character] as const));
  it.each(cases)("400 bad_request for %s holding %s", async (param, _label, text, character) => {
    const params = { ...route.params(world), [param]: `${route.params(world)[param]}${text}` };
    // The route file's own handler: the table's seeding wrappers would try to store a row under the bad id.
    const handler = await routeFileHandler(route.operation);
    await expectRefused(() => callApi({ ...route, handler }, { params }), cannotStore("path", `/${param}`, "value", character));
  });
});

describe.each(table((route) => route.operation.query !== undefined))("%s refuses a bad query parameter", (_name, route) => {
  const names = Object.keys((route.operation.query as NonNullable<TOperation["query"]>).shape);
  it.each(names)("400 bad_request for a NUL in ?%s", async (name) => {
    await expectRefused(() => callApi(route, { query: `?${name}=a%00b` }), cannotStore("query", `/${name}`, "value", "a NUL character (U+0000)"));
  });
});

describe("a lone surrogate sent in a query string", () => {
  it("cannot arrive: URL decoding turns its UTF-8 bytes (%ED%A0%80) into U+FFFD, so ?q= finds nothing", async () => {
    for (const [id, list] of [["listWorkflows", "workflows"], ["listConnectedUsers", "users"]]) {
      const route = ROUTES.find((candidate) => candidate.operation.id === id) as TRouteSpec;
      const response = await callApi(route, { query: "?q=%ED%A0%80" });
      expect({ status: response.status, found: response.body[list] }).toEqual({ status: 200, found: [] });
    }
  });
});

// The SDK routes: every route.ts under app/projects/[projectId]/sdk, each with a body it accepts.
const SDK_DIR = path.join(process.cwd(), "app/projects/[projectId]/sdk");
// Each with its method, how a body it accepts wraps a payload (and where that payload sits in the body, for the
// JSON pointers of refusals), and where the accepted payload is stored. GET sdk/runs/{runId} reads no body: its
// path and token are refused in the same order, by the same wrapper, and covered by test/request-trigger.
type TSdkRouteSpec = {
  path: string;
  method: "POST" | "PATCH";
  handler: TRouteHandler;
  params: () => Record<string, string>;
  wrap: (payload: unknown) => unknown;
  pointer: string;
  stored: (response: { body: any }, sub: string) => Promise<unknown>;
};
let requestWorkflowId: string;
const SDK_ROUTES: TSdkRouteSpec[] = [
  {
    path: "events/trigger", method: "POST", handler: triggerEvent, params: () => ({ projectId: sdk.project.id }),
    wrap: (payload) => ({ name: "Contact Created", payload }), pointer: "/payload",
    stored: async (response) => (await db.event.findFirstOrThrow({ where: { id: response.body.eventId, projectId: sdk.project.id }, select: { payload: true } })).payload,
  },
  {
    path: "me", method: "PATCH", handler: updateMe, params: () => ({ projectId: sdk.project.id }),
    wrap: (payload) => ({ meta: payload }), pointer: "/meta",
    stored: async (_response, sub) => (await db.connectedUser.findFirstOrThrow({ where: { projectId: sdk.project.id, externalId: sub }, select: { metadata: true } })).metadata,
  },
  {
    path: "triggers/[workflowId]", method: "POST", handler: callWorkflow, params: () => ({ projectId: sdk.project.id, workflowId: requestWorkflowId }),
    wrap: (payload) => payload, pointer: "",
    stored: async (response) => ((await db.run.findFirstOrThrow({ where: { id: response.body.runId, projectId: sdk.project.id }, select: { input: true } })).input as { body: unknown }).body,
  },
];
const SDK_ROUTE_FILES = [...SDK_ROUTES.map((route) => route.path), "runs/[runId]"];

describe("SDK routes", () => {
  it("the table covers every SDK route", () => {
    const files = readdirSync(SDK_DIR, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
    expect(files.map((file) => path.dirname(file)).sort()).toEqual([...SDK_ROUTE_FILES].sort());
  });

  describe.each(SDK_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))("%s", (_name, route) => {
    const send = async (options: { rawBody?: string; projectId?: string; sub?: string } = {}) =>
      callRoute(route.handler, {
        method: route.method,
        params: { ...route.params(), ...(options.projectId ? { projectId: options.projectId } : {}) },
        headers: { authorization: `Bearer ${await sdk.token({ sub: options.sub ?? "sdk-user" })}` },
        rawBody: options.rawBody ?? JSON.stringify(route.wrap({ email: "a@b.co" })),
      });

    it.each([65, 10_000])("400 invalid_json for JSON nested %i deep", async (depth) => {
      const wrapDepth = route.pointer === "" ? 0 : 1;
      const rawBody = JSON.stringify(route.wrap({ deep: "DEEP" })).replace('"DEEP"', nested(depth - 1 - wrapDepth));
      await expectRefused(() => send({ rawBody }), tooDeep);
    });

    it.each(BAD_TEXT)("400 bad_request for %s in a payload value, in a payload key, in the project id, in the token's sub", async (_label, text, character) => {
      const inValue = JSON.stringify(route.wrap({ note: `x${text}` }));
      await expectRefused(() => send({ rawBody: inValue }), cannotStore("body", `${route.pointer}/note`, "value", character));
      const inKey = JSON.stringify(route.wrap({ [`note${text}`]: 1 }));
      await expectRefused(() => send({ rawBody: inKey }), cannotStore("body", `${route.pointer}/note${text}`, "key", character));
      await expectRefused(() => send({ projectId: `${sdk.project.id}${text}` }), cannotStore("path", "/projectId", "value", character));
      await expectRefused(() => send({ sub: `user${text}` }), cannotStore("token", "/sub", "value", character));
    });

    it("stores a paired surrogate and a literal \\u0000 byte-exact, in the sub and in the payload, at 64 levels", async () => {
      const wrapDepth = route.pointer === "" ? 0 : 1;
      const payload = { [EDGE_TEXT]: EDGE_TEXT, deep: JSON.parse(nested(63 - wrapDepth)) };
      const sub = `${EDGE_TEXT} ${randomUUID()}`;
      const response = await send({ sub, rawBody: JSON.stringify(route.wrap(payload)) });
      expect(response.status).toBeLessThan(300);
      expect(await route.stored(response, sub)).toEqual(payload);
      expect(await db.connectedUser.count({ where: { projectId: sdk.project.id, externalId: sub } })).toBe(1);
    });
  });
});

describe("valid edge cases through /api/v1", () => {
  const route = (id: string) => ROUTES.find((candidate) => candidate.operation.id === id) as TRouteSpec;

  it("stores an App Event whose name and example hold them, with an example 63 levels deep (64 with the body)", async () => {
    const example = { [EDGE_TEXT]: EDGE_TEXT, deep: JSON.parse(nested(62)) };
    const name = `${EDGE_TEXT} ${randomUUID()}`;
    const response = await callApi(route("createAppEvent"), { rawBody: JSON.stringify({ name, example }) });
    expect(response.status).toBe(201);
    const stored = await db.appEvent.findFirstOrThrow({ where: { id: response.body.id, projectId: world.project.id }, select: { name: true, example: true } });
    expect(stored).toEqual({ name, example });
  });

  it("stores a connected user named by them in the path, and finds it with ?q=", async () => {
    const userId = `${EDGE_TEXT} ${randomUUID()}`;
    const response = await callApi(route("enableUserWorkflow"), { params: { ...route("enableUserWorkflow").params(world), userId } });
    expect(response.status).toBe(200);
    expect(await db.connectedUser.count({ where: { projectId: world.project.id, externalId: userId } })).toBe(1);
    const found = await callApi(route("listConnectedUsers"), { query: `?q=${encodeURIComponent(userId)}` });
    expect(found.body.users.map((user: { externalId: string }) => user.externalId)).toEqual([userId]);
  });
});

describe("malformed percent-escapes in the path, through the production web server's listener", () => {
  let server: http.Server;
  let base: string;
  const toNext: string[] = [];
  beforeAll(async () => {
    const fallback = (req: http.IncomingMessage, res: http.ServerResponse) => {
      toNext.push(`${req.method} ${req.url}`);
      res.writeHead(299).end();
    };
    server = http.createServer(createRequestListener({ fallback }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const paths = [
    ...(OPERATIONS as TOperation[]).filter((op) => op.path.includes("{")).map((op) => [op.method, `/api/v1${op.path.replace(/\{[^}]+\}/g, "%zz")}`]),
    ...SDK_ROUTES.filter((route) => route.path === "events/trigger").flatMap((route) => ["POST", "OPTIONS"].map((method) => [method, `/projects/%zz/sdk/${route.path}`])),
    ["POST", "/projects/%ED%A0%80/sdk/events/trigger"],
    ["GET", "/projects/%E0%A4%A/workflows"],
    ["GET", "/%zz?q=1"],
  ];
  it.each(paths)("400 bad_request for %s %s, before Next sees it", async (method, target) => {
    const before = await snapshot();
    const response = await fetch(`${base}${target}`, { method, headers: { cookie: world.ownerCookie } });
    expect({ status: response.status, type: response.headers.get("content-type"), body: await response.json() }).toEqual({
      status: 400,
      type: "application/json",
      body: error("bad_request", "The request path has a malformed percent-escape; send % itself as %25"),
    });
    expect(toNext).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the sign-up and sign-in server actions", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };
  const nul = "The value contains a NUL character (U+0000), which cannot be stored";

  it("refuse a NUL in a name or an email as a field error, creating no builder and no rate-limit row", async () => {
    const tag = `nul-${randomUUID()}`;
    const email = `${tag}@example.test`;
    expect(await signUpWithPassword(undefined, form({ name: "A\u0000B", email, password: "long enough password" }))).toEqual({ fieldErrors: { name: nul }, values: { name: "A\u0000B", email } });
    expect(await signUpWithPassword(undefined, form({ name: "A", email: `${tag}\u0000@example.test`, password: "long enough password" }))).toEqual({ fieldErrors: { email: nul }, values: { name: "A", email: `${tag}\u0000@example.test` } });
    expect(await signInWithPassword(undefined, form({ email: `${tag}\u0000@example.test`, password: "whatever" }))).toEqual({ fieldErrors: { email: nul }, values: { email: `${tag}\u0000@example.test` } });
    expect(signIn).not.toHaveBeenCalled();
    expect(await db.builder.count({ where: { email: { startsWith: tag } } })).toBe(0);
    expect(await db.rateLimitWindow.count({ where: { key: { contains: tag } } })).toBe(0);
  });
});
