// The cross-tenant probe. Every /api/v1 operation that names a project (from the route table that
// test/api-helpers.ts builds from lib/openapi/operations.ts, which also builds openapi.json) and every SDK route
// file under app/projects/[projectId]/sdk is called by another tenant, with the victim project's real ids in the
// path: with another project's API key, with another builder's session, and (SDK routes) with a user token
// signed by another project's key. Each must be refused (404, or 403 where the caller's credential lacks the role
// the operation requires, or 401 for a token the victim's keys do not verify) and write nothing in any table that
// has a projectId. A new operation or SDK route joins the probe without an edit here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { TOperation } from "@/lib/openapi/define-operation";
import { OPERATIONS } from "@/lib/openapi/operations";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { ROUTES, createWorld, isProjectRoute, routeName, snapshotWorld, type TRouteHandler, type TRouteSpec, type TWorld } from "@/test/api-helpers";
import { createDeployedWorkflow } from "@/test/engine-factories";
import { callRoute } from "@/test/factories";
import { signToken } from "@/test/sdk/sdk-helpers";

let world: TWorld;
/** The victim's rows the SDK routes address, and each project's private signing key. */
let victim: { requestWorkflowId: string; runId: string; privateKeyPem: string };
let attackerPrivateKeyPem: string;
const rateLimit = process.env.API_RATE_LIMIT_PER_MINUTE;

const REQUEST_GRAPH = {
  trigger: { type: "request" },
  steps: [{ id: "f", name: "F", type: "function", config: { code: "function () { return 1 }", params: [] } }],
  edges: [{ id: "e", source: "trigger", target: "f" }],
};

beforeAll(async () => {
  // Hundreds of refusals inside a minute; the rate limit is test/api/errors.test.ts's subject.
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  world = await createWorld();
  // As test/api/bad-input.test.ts does: one call per route (a 401 here) lets the table's seeding wrappers create
  // the rows its paths name in the victim project (an App Event, an event, a run, a destination…).
  for (const route of ROUTES) await callRoute(route.handler, { method: route.operation.method, params: route.params(world) });
  const victimKey = await generateSigningKey({ projectId: world.project.id, name: "victim", createdById: null });
  const attackerKey = await generateSigningKey({ projectId: world.other.id, name: "attacker", createdById: null });
  attackerPrivateKeyPem = attackerKey.privateKeyPem;
  const request = await createDeployedWorkflow({ projectId: world.project.id, graph: REQUEST_GRAPH, enabledForAllUsers: true });
  const user = await db.connectedUser.findFirstOrThrow({ where: { projectId: world.project.id, externalId: world.userExternalId }, select: { id: true } });
  const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: request.workflowId }, select: { id: true } });
  const run = await db.run.create({
    data: { id: crypto.randomUUID(), projectId: world.project.id, workflowId: request.workflowId, workflowVersionId: version.id, connectedUserId: user.id, triggerType: "request", input: { body: {} }, status: "succeeded" },
    select: { id: true },
  });
  victim = { requestWorkflowId: request.workflowId, runId: run.id, privateKeyPem: victimKey.privateKeyPem };
  forgetProjectConfig(world.project.id);
  forgetProjectConfig(world.other.id);
});

/** What the probe saw, for the closing summary. */
const seen: Record<string, number> = {};
afterAll(() => {
  if (rateLimit === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
  else process.env.API_RATE_LIMIT_PER_MINUTE = rateLimit;
  console.log("[cross-tenant probe]", JSON.stringify(seen));
});

// Every table with a projectId column, read from the schema, so a new table is counted without an edit here.
const PROJECT_TABLES = [...readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{([^}]*)\}/gm)]
  .filter(([, , body]) => /^\s+projectId\s/m.test(body))
  .map(([, name]) => name.charAt(0).toLowerCase() + name.slice(1));

type TCounter = { count(args: { where: { projectId: string } }): Promise<number> };
async function countProjectRows(projectId: string): Promise<Record<string, number>> {
  const delegates = db as unknown as Record<string, TCounter>;
  return Object.fromEntries(await Promise.all(PROJECT_TABLES.map(async (table) => [table, await delegates[table].count({ where: { projectId } })] as const)));
}

/** The rows of both tenants (counted per table), plus every field snapshotWorld reads (names, revocations…). */
const snapshot = async () => ({ victim: await countProjectRows(world.project.id), attacker: await countProjectRows(world.other.id), fields: await snapshotWorld(world) });

async function probe(label: string, call: () => Promise<{ status: number; body: unknown }>, expected: { status: number; code: string }) {
  const before = await snapshot();
  const response = await call();
  seen[`${label} → ${response.status}`] = (seen[`${label} → ${response.status}`] ?? 0) + 1;
  expect(response.status).toBe(expected.status);
  expect((response.body as { error: { code: string } }).error.code).toBe(expected.code);
  expect(await snapshot()).toEqual(before);
}

/** The handler the operation's route file exports, as Next serves it (without the table's seeding wrappers). */
async function routeFileHandler(operation: TOperation): Promise<TRouteHandler> {
  const file = path.join(process.cwd(), "app/api/v1", operation.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  return ((await import(file)) as Record<string, TRouteHandler>)[operation.method];
}

/** Is this path parameter's value a real row of the victim project? Unknown parameters fail, so a new kind gets a lookup. */
async function existsInVictim(param: string, value: string): Promise<boolean> {
  const projectId = world.project.id;
  const where = { id: value, projectId };
  const lookups: Record<string, () => Promise<number>> = {
    workflowId: () => db.workflow.count({ where }),
    versionId: () => db.workflowVersion.count({ where }),
    apiKeyId: () => db.apiKey.count({ where }),
    signingKeyId: () => db.signingKey.count({ where }),
    appEventId: () => db.appEvent.count({ where }),
    eventId: () => db.event.count({ where }),
    runId: () => db.run.count({ where }),
    destinationId: () => db.notificationDestination.count({ where }),
    endpointId: () => db.webhookEndpoint.count({ where }),
    userId: () => db.connectedUser.count({ where: { externalId: value, projectId } }),
  };
  if (!lookups[param]) throw new Error(`The probe has no lookup for the path parameter ${param}; add one`);
  return (await lookups[param]()) === 1;
}

const CALLERS = ["another project's API key", "another builder's session"] as const;
type TCallerName = (typeof CALLERS)[number];
/** The other tenant's credential: the API key of project B, or the session of B's owner (no member of the victim's). */
const callerHeaders = (name: TCallerName): Record<string, string> =>
  name === "another project's API key" ? { authorization: `Bearer ${world.otherApiKey.key}` } : { cookie: world.strangerCookie };

const projectRoutes = ROUTES.filter(isProjectRoute).map((route) => [routeName(route), route] as const);

describe.each(projectRoutes)("%s, called by another tenant", (_name, route: TRouteSpec) => {
  const callWith = async (headers: Record<string, string>, params: Record<string, string>) => {
    const body = route.body;
    return callRoute(await routeFileHandler(route.operation), { method: route.operation.method, params, headers, rawBody: body === undefined ? undefined : JSON.stringify(body) });
  };
  const childParams = () => Object.keys(route.params(world)).filter((name) => name !== "projectId");

  it("addresses real rows of the victim project", async () => {
    const params = route.params(world);
    for (const name of childParams()) expect({ [name]: await existsInVictim(name, params[name]) }).toEqual({ [name]: true });
  });

  it.each(CALLERS)("404 with %s for the victim's project id, writing nothing", async (caller) => {
    await probe(`api: ${caller}, victim's project`, () => callWith(callerHeaders(caller), route.params(world)), { status: 404, code: "not_found" });
  });

  // The caller's own project in the path, the victim's ids after it: access to a project must not reach another's rows.
  // A user id is a name within a project, not a row of the victim's, so a path with nothing else is not probed.
  const crossesIds = Object.keys(route.operation.params?.shape ?? {}).some((name) => name !== "projectId" && name !== "userId");
  it.runIf(crossesIds).each(CALLERS)("404 with %s for its own project and the victim's ids (403 for a key where a builder is required)", async (caller) => {
    const forbidden = caller === "another project's API key" && route.operation.requires !== undefined;
    const expected = forbidden ? { status: 403, code: "forbidden" } : { status: 404, code: "not_found" };
    await probe(`api: ${caller}, own project + victim's ids`, () => callWith(callerHeaders(caller), { ...route.params(world), projectId: world.other.id }), expected);
  });
});

// The SDK routes: every route.ts under app/projects/[projectId]/sdk, with each method it exports but OPTIONS.
const SDK_DIR = path.join(process.cwd(), "app/projects/[projectId]/sdk");
const SDK_FILES = readdirSync(SDK_DIR, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts").map((file) => path.dirname(file));
const SDK_MISMATCH = "The user token's signature does not match any active signing key of this project";

describe.each(SDK_FILES)("SDK route %s, called with another project's user token", (file) => {
  const paramNames = [...file.matchAll(/\[(\w+)\]/g)].map(([, name]) => name);
  const victimParams = () => {
    const values: Record<string, string> = { workflowId: victim.requestWorkflowId, runId: victim.runId };
    return Object.fromEntries([["projectId", world.project.id], ...paramNames.map((name) => {
      if (!values[name]) throw new Error(`The probe has no victim id for the SDK path parameter ${name}; add one`);
      return [name, values[name]];
    })]);
  };
  const handlers = async () => Object.entries((await import(path.join(SDK_DIR, file, "route.ts"))) as Record<string, TRouteHandler>).filter(([method]) => method !== "OPTIONS");
  const send = async (method: string, handler: TRouteHandler, params: Record<string, string>, privateKeyPem: string) =>
    callRoute(handler, {
      method,
      params,
      headers: { authorization: `Bearer ${await signToken(privateKeyPem, { sub: world.userExternalId })}` },
      // A body each SDK route accepts: an App Event's, /me's, a Request trigger's (any JSON).
      rawBody: method === "GET" || method === "HEAD" ? undefined : JSON.stringify({ name: "World Event", payload: {}, meta: {} }),
    });

  it("401 for the victim's project, as for any bad signature, writing nothing", async () => {
    for (const [method, handler] of await handlers()) {
      await probe(`sdk: ${method}, victim's project`, () => send(method, handler, victimParams(), attackerPrivateKeyPem), { status: 401, code: "unauthorized" });
    }
  });

  it.runIf(paramNames.length > 0)("404 for the caller's own project with the victim's ids, writing nothing", async () => {
    for (const [method, handler] of await handlers()) {
      await probe(`sdk: ${method}, own project + victim's ids`, () => send(method, handler, { ...victimParams(), projectId: world.other.id }, attackerPrivateKeyPem), { status: 404, code: "not_found" });
    }
  });

  it.runIf(paramNames.length > 0)("answers the victim's own token for the same ids (the ids are live)", async () => {
    for (const [method, handler] of await handlers()) {
      const response = await send(method, handler, victimParams(), victim.privateKeyPem);
      expect({ method, status: response.status < 300 }).toEqual({ method, status: true });
    }
  });

  it("says nothing of the other project in its 401", async () => {
    const [method, handler] = (await handlers())[0];
    const response = await send(method, handler, victimParams(), attackerPrivateKeyPem);
    expect(response.body).toEqual({ error: { code: "unauthorized", message: SDK_MISMATCH } });
  });
});

it("probes every operation of the registry whose path names a project", () => {
  const registry = (OPERATIONS as TOperation[]).filter((op) => op.path.includes("{projectId}")).map((op) => op.id);
  expect(projectRoutes.map(([, route]) => route.operation.id).sort()).toEqual(registry.sort());
});
