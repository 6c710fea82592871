// Helpers for the integration tests beyond the seed factories: raw requests (streamed bodies, exact
// headers), members, throwaway databases, and the catalogue of every /api/v1 route.
import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import { GET as listApiKeys, POST as createApiKey } from "@/app/api/v1/projects/[projectId]/api-keys/route";
import { POST as revokeApiKey } from "@/app/api/v1/projects/[projectId]/api-keys/[apiKeyId]/revoke/route";
import { GET as getProject, PATCH as updateProject } from "@/app/api/v1/projects/[projectId]/route";
import { GET as listSigningKeys, POST as generateSigningKey } from "@/app/api/v1/projects/[projectId]/signing-keys/route";
import { POST as importSigningKey } from "@/app/api/v1/projects/[projectId]/signing-keys/import/route";
import { POST as revokeSigningKey } from "@/app/api/v1/projects/[projectId]/signing-keys/[signingKeyId]/revoke/route";
import { GET as listProjects, POST as createProject } from "@/app/api/v1/projects/route";
import { GET as listConnectedUsers } from "@/app/api/v1/projects/[projectId]/users/route";
import { DELETE as disableUserWorkflow, PUT as enableUserWorkflow } from "@/app/api/v1/projects/[projectId]/users/[userId]/workflows/[workflowId]/route";
import { GET as listWorkflows, POST as createWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/route";
import { POST as importWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/import/route";
import { DELETE as deleteWorkflow, GET as getWorkflow, PATCH as updateWorkflowDraft } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/route";
import { POST as deployWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/deploy/route";
import { GET as exportWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/export/route";
import { POST as duplicateWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/duplicate/route";
import { POST as testWorkflowStep } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/test-step/route";
import { POST as undeployWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/undeploy/route";
import { GET as listWorkflowVersions } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/versions/route";
import { GET as getWorkflowVersion } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/versions/[versionId]/route";
import { GET as listEvents, POST as sendEvent } from "@/app/api/v1/projects/[projectId]/events/route";
import { GET as getEvent } from "@/app/api/v1/projects/[projectId]/events/[eventId]/route";
import { GET as listAppEvents, POST as createAppEvent } from "@/app/api/v1/projects/[projectId]/app-events/route";
import { DELETE as deleteAppEvent, GET as getAppEvent, PATCH as updateAppEvent } from "@/app/api/v1/projects/[projectId]/app-events/[appEventId]/route";
import { createApiKey as createApiKeyRow } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import type { TOperation } from "@/lib/openapi/define-operation";
import { GET as listDestinations, POST as createDestination } from "@/app/api/v1/projects/[projectId]/destinations/route";
import { DELETE as deleteDestination, PATCH as updateDestination } from "@/app/api/v1/projects/[projectId]/destinations/[destinationId]/route";
import { POST as testDestination } from "@/app/api/v1/projects/[projectId]/destinations/[destinationId]/test/route";
import { POST as cancelRun } from "@/app/api/v1/projects/[projectId]/runs/[runId]/cancel/route";
import { POST as replayRun } from "@/app/api/v1/projects/[projectId]/runs/[runId]/replay/route";
import { GET as getRun } from "@/app/api/v1/projects/[projectId]/runs/[runId]/route";
import { GET as listRuns } from "@/app/api/v1/projects/[projectId]/runs/route";
import { POST as startRun } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/run/route";
import { GET as getSchedule } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/schedule/route";
import { POST as backfillSchedule } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/schedule/backfill/route";
import { POST as pauseSchedule } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/schedule/pause/route";
import { POST as resumeSchedule } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/schedule/resume/route";
import { GET as listScheduleTicks } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/schedule/ticks/route";
import { GET as listUpcomingTicks } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/schedule/upcoming/route";
import { sealSecret } from "@/lib/crypto/secret-box";
import { OPERATIONS } from "@/lib/openapi/operations";
import { PATCH as updateUserMetadata } from "@/app/api/v1/projects/[projectId]/users/[userId]/route";
import { GET as listWebhookEndpoints, POST as createWebhookEndpoint } from "@/app/api/v1/projects/[projectId]/webhook-endpoints/route";
import {
  DELETE as deleteWebhookEndpoint,
  GET as getWebhookEndpoint,
  PATCH as updateWebhookEndpoint,
} from "@/app/api/v1/projects/[projectId]/webhook-endpoints/[endpointId]/route";
import { POST as rotateWebhookSecret } from "@/app/api/v1/projects/[projectId]/webhook-endpoints/[endpointId]/rotate-secret/route";
import { GET as revealWebhookSecrets } from "@/app/api/v1/projects/[projectId]/webhook-endpoints/[endpointId]/secret/route";
import { GET as getUserWebhookUrl } from "@/app/api/v1/projects/[projectId]/webhook-endpoints/[endpointId]/user-urls/[userId]/[workflowId]/route";
export { createFreshDatabase, useDatabase } from "@/test/fresh-database";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { createWorkflow as createWorkflowRow } from "@/lib/workflows/create-workflow";
import { deployWorkflow as deployWorkflowRow } from "@/lib/workflows/deploy-workflow";
import { createTestBuilder, createTestProject, sessionCookie } from "@/test/factories";

export type TRouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
export type TRouteResult = { status: number; body: any; headers: Headers };

/** Calls a handler with a Request built by the test (any body, any headers), as Next.js would. */
export async function send(
  handler: TRouteHandler,
  init: RequestInit & { duplex?: "half" },
  params: Record<string, string> = {},
): Promise<TRouteResult> {
  const response = await handler(new Request("http://localhost/api/v1/test", init), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A body that arrives in chunks with no Content-Length, as a chunked upload does. */
export function streamedBody(totalBytes: number, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - sent);
      controller.enqueue(new Uint8Array(size).fill(0x20));
      sent += size;
    },
  });
}

/**
 * A session cookie that expired a minute ago. Auth.js decodes with a 15 s clock tolerance, so a cookie
 * expired by less than that (maxAgeSeconds: -10) is still accepted; -60 is past the tolerance.
 */
export function expiredSessionCookie(builderId: string): Promise<string> {
  return sessionCookie(builderId, { maxAgeSeconds: -60 });
}

export async function addMember(projectId: string) {
  const member = await createTestBuilder("Member");
  await db.membership.create({ data: { projectId, builderId: member.id, role: "member" } });
  return { ...member, cookie: await sessionCookie(member.id) };
}

/** The JSON.parse message readJsonBody embeds in its 400, computed the same way. */
export function jsonParseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}

/** A graph that deploys as it is: a schedule trigger and no steps. */
export const DEPLOYABLE_GRAPH: TWorkflowGraph = {
  trigger: { type: "schedule", schedule: { every: "minutes", interval: 5, timezone: "UTC" }, catchUp: { policy: "skip", windowSeconds: 3600 }, overlap: "skip" },
  steps: [],
  edges: [],
};

/**
 * Two tenants: an owner with project A (an API key, a signing key, a deployed workflow and one to delete,
 * a connected user), and a stranger with project B.
 */
export async function createWorld() {
  const project = await createTestProject();
  const other = await createTestProject();
  const apiKey = await createApiKeyRow({ projectId: project.id, name: "world key", createdById: null });
  const otherApiKey = await createApiKeyRow({ projectId: other.id, name: "other key", createdById: null });
  const signingKey = await db.signingKey.create({
    data: { projectId: project.id, name: "world signing key", source: "uploaded", publicKeyPem: "-", publicJwk: { kty: "RSA", n: "AQAB", e: "AQAB" }, fingerprint: randomUUID() },
    select: { id: true },
  });
  const workflow = await createWorkflowRow({ projectId: project.id, name: "world workflow", graph: DEPLOYABLE_GRAPH });
  const workflowVersion = await deployWorkflowRow({ projectId: project.id, workflowId: workflow.id, createdById: null });
  // The schedule routes' own deployed schedule, so that a test undeploying the world workflow leaves it be.
  const scheduled = await createWorkflowRow({ projectId: project.id, name: "world schedule", graph: DEPLOYABLE_GRAPH });
  await deployWorkflowRow({ projectId: project.id, workflowId: scheduled.id, createdById: null });
  // Its own workflow for DELETE, so a delete that gets through leaves the one the other routes address.
  const doomedWorkflow = await createWorkflowRow({ projectId: project.id, name: "world workflow to delete" });
  const connectedUser = await db.connectedUser.create({
    data: { projectId: project.id, externalId: `world user ${randomUUID()}` },
    select: { externalId: true },
  });
  // The webhook routes' endpoint, there from the start so that a refused first call seeds nothing.
  await db.webhookEndpoint.create({
    data: { id: derivedId("webhook-endpoint", project.id), projectId: project.id, integration: "custom", name: "world-endpoint", options: { routing: null, salesforceOrganizationId: null }, secretSealed: sealSecret("world-secret") },
  });
  return {
    project,
    other,
    apiKey,
    otherApiKey,
    signingKeyId: signingKey.id,
    workflowId: workflow.id,
    workflowVersionId: workflowVersion.id,
    doomedWorkflowId: doomedWorkflow.id,
    scheduledWorkflowId: scheduled.id,
    userExternalId: connectedUser.externalId,
    ownerCookie: await sessionCookie(project.ownerId),
    strangerCookie: await sessionCookie(other.ownerId),
  };
}
export type TWorld = Awaited<ReturnType<typeof createWorld>>;

/** Everything any /api/v1 write could change for the world's two tenants (not lastUsedAt). */
export async function snapshotWorld(world: TWorld) {
  const projectIds = [world.project.id, world.other.id];
  const builderIds = [world.project.ownerId, world.other.ownerId];
  return {
    memberships: await db.membership.count({ where: { builderId: { in: builderIds } } }),
    projects: await db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true }, orderBy: { id: "asc" } }),
    apiKeys: await db.apiKey.findMany({ where: { projectId: { in: projectIds } }, select: { id: true, name: true, revokedAt: true }, orderBy: { id: "asc" } }),
    signingKeys: await db.signingKey.findMany({ where: { projectId: { in: projectIds } }, select: { id: true, name: true, revokedAt: true }, orderBy: { id: "asc" } }),
    workflows: await db.workflow.findMany({
      where: { projectId: { in: projectIds } },
      select: { id: true, name: true, draftRevision: true, enabledForAllUsers: true, deployedVersionId: true, triggerType: true },
      orderBy: { id: "asc" },
    }),
    workflowVersions: await db.workflowVersion.count({ where: { projectId: { in: projectIds } } }),
    connectedUsers: await db.connectedUser.findMany({ where: { projectId: { in: projectIds } }, select: { id: true, externalId: true, metadata: true }, orderBy: { id: "asc" } }),
    providerIds: await db.connectedUserProviderId.count({ where: { projectId: { in: projectIds } } }),
    webhookEndpoints: await db.webhookEndpoint.findMany({
      where: { projectId: { in: projectIds } },
      select: { id: true, integration: true, name: true, options: true, secretSealed: true, previousSecretExpiresAt: true },
      orderBy: { id: "asc" },
    }),
    activations: await db.workflowActivation.findMany({
      where: { projectId: { in: projectIds } },
      select: { workflowId: true, connectedUserId: true, enabled: true, settings: true },
      orderBy: [{ workflowId: "asc" }, { connectedUserId: "asc" }],
    }),
  };
}

export type TRouteSpec = {
  operation: TOperation;
  handler: TRouteHandler;
  /** Path params aimed at `projectId` (the world's project A unless given). */
  params: (world: TWorld, projectId?: string) => Record<string, string>;
  /** A body the operation accepts, for operations that read one. */
  body?: unknown;
};

function operation(id: string): TOperation {
  const found = (OPERATIONS as TOperation[]).find((op) => op.id === id);
  if (!found) throw new Error(`No operation ${id} in lib/openapi/operations.ts`);
  return found;
}

/** A fresh 2048-bit RSA public key in SPKI PEM, importable as a signing key. */
export function rsaPublicKeyPem(): string {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "pem", type: "spki" }).toString();
}

const projectParams = (world: TWorld, projectId = world.project.id) => ({ projectId });
const workflowParams = (world: TWorld, projectId = world.project.id) => ({ projectId, workflowId: world.workflowId });
const activationParams = (world: TWorld, projectId = world.project.id) => ({
  projectId,
  userId: world.userExternalId,
  workflowId: world.workflowId,
});

/** The world's App Event and one received event: an id derived from the project, seeded by withWorldEvent. */
const WORLD_EVENT_NAME = "World Event";
const worldEventId = (world: TWorld) => {
  const hex = createHash("sha256").update(`event:${world.project.id}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
/** Seeds the App Event (and the event the path names) in the addressed project, if it exists, then calls the route. */
const withWorldEvent = (handler: TRouteHandler): TRouteHandler => async (request, context) => {
  const { projectId, eventId } = await context.params;
  const exists = /^[0-9a-f-]{36}$/.test(projectId) && (await db.project.count({ where: { id: projectId } })) > 0;
  if (exists) {
    await db.appEvent.upsert({
      where: { projectId_name: { projectId, name: WORLD_EVENT_NAME } },
      create: { projectId, name: WORLD_EVENT_NAME, example: {}, jsonSchema: {} },
      update: {},
    });
    if (eventId) {
      await db.event.createMany({
        data: [{ id: eventId, projectId, name: WORLD_EVENT_NAME, payload: {}, source: "api", response: { eventId, runs: [] } }],
        skipDuplicates: true,
      });
    }
  }
  return handler(request, context);
};

/** An App Event id derived from the project the path names, so a test can address it before it exists. */
const worldAppEventId = (projectId: string) => {
  const hex = createHash("sha256").update(`app-event:${projectId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const appEventParams = (world: TWorld, projectId = world.project.id) => ({ projectId, appEventId: worldAppEventId(projectId) });
/** Seeds (again, after a DELETE) the App Event the path names in the addressed project, if it exists, then calls the route. */
const withWorldAppEvent = (handler: TRouteHandler): TRouteHandler => async (request, context) => {
  const { projectId, appEventId } = await context.params;
  if (/^[0-9a-f-]{36}$/.test(projectId) && (await db.project.count({ where: { id: projectId } })) > 0) {
    await db.appEvent.upsert({
      where: { id: appEventId },
      create: { id: appEventId, projectId, name: `World App Event ${appEventId}`, example: {}, jsonSchema: { type: "object" } },
      update: {},
    });
  }
  return handler(request, context);
};

/** An id derived from the project and a label, so a route can address a row seeded just before it runs. */
const derivedId = (label: string, projectId: string) => {
  const hex = createHash("sha256").update(`${label}:${projectId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const projectExists = async (projectId: string) => /^[0-9a-f-]{36}$/.test(projectId) && (await db.project.count({ where: { id: projectId } })) > 0;

const runParams = (world: TWorld, projectId = world.project.id) => ({ projectId, runId: derivedId("run", projectId) });
/** Seeds (or re-queues) a run of the addressed project's deployed world workflow, then calls the route. */
const withWorldRun = (handler: TRouteHandler): TRouteHandler => async (request, context) => {
  const { projectId, runId } = await context.params;
  const workflow = (await projectExists(projectId))
    ? await db.workflow.findFirst({ where: { projectId, deployedVersionId: { not: null } }, select: { id: true, deployedVersionId: true } })
    : null;
  if (workflow?.deployedVersionId) {
    await db.run.upsert({
      where: { id: runId },
      create: { id: runId, projectId, workflowId: workflow.id, workflowVersionId: workflow.deployedVersionId, triggerType: "schedule", input: { type: "schedule", payload: null } },
      update: { status: "queued", finishedAt: null },
    });
  }
  return handler(request, context);
};

const destinationParams = (world: TWorld, projectId = world.project.id) => ({ projectId, destinationId: derivedId("destination", projectId) });
/** Seeds (again, after a DELETE) the destination the path names, pointing at a closed local port. */
const withWorldDestination = (handler: TRouteHandler): TRouteHandler => async (request, context) => {
  const { projectId, destinationId } = await context.params;
  if (await projectExists(projectId)) {
    await db.notificationDestination.upsert({
      where: { id: destinationId },
      create: { id: destinationId, projectId, name: "world destination", url: "http://127.0.0.1:9/", encryptedSecret: sealSecret("whsec_world") },
      update: {},
    });
  }
  return handler(request, context);
};

const scheduleParams = (w: TWorld, projectId = w.project.id) => ({ projectId, workflowId: w.scheduledWorkflowId });

const endpointParams = (world: TWorld, projectId = world.project.id) => ({ projectId, endpointId: derivedId("webhook-endpoint", projectId) });
/** Seeds (again, after a DELETE) the custom webhook endpoint the path names, then calls the route. */
const withWorldEndpoint = (handler: TRouteHandler): TRouteHandler => async (request, context) => {
  const { projectId, endpointId } = await context.params;
  if (await projectExists(projectId)) {
    await db.webhookEndpoint.upsert({
      where: { id: endpointId },
      create: { id: endpointId, projectId, integration: "custom", name: "world-endpoint", options: { routing: null, salesforceOrganizationId: null }, secretSealed: sealSecret("world-secret") },
      update: {},
    });
  }
  return handler(request, context);
};

/** Every operation of lib/openapi/operations.ts with its route handler. */
export const ROUTES: TRouteSpec[] = [
  { operation: operation("listProjects"), handler: listProjects, params: () => ({}) },
  { operation: operation("createProject"), handler: createProject, params: () => ({}), body: { name: "Made by a test" } },
  { operation: operation("getProject"), handler: getProject, params: projectParams },
  { operation: operation("updateProject"), handler: updateProject, params: projectParams, body: { name: "Renamed by a test" } },
  { operation: operation("listApiKeys"), handler: listApiKeys, params: projectParams },
  { operation: operation("createApiKey"), handler: createApiKey, params: projectParams, body: { name: "made by a test" } },
  { operation: operation("revokeApiKey"), handler: revokeApiKey, params: (w, projectId = w.project.id) => ({ projectId, apiKeyId: w.apiKey.id }) },
  { operation: operation("listSigningKeys"), handler: listSigningKeys, params: projectParams },
  { operation: operation("generateSigningKey"), handler: generateSigningKey, params: projectParams, body: { name: "made by a test" } },
  { operation: operation("importSigningKey"), handler: importSigningKey, params: projectParams, body: { publicKey: rsaPublicKeyPem() } },
  { operation: operation("revokeSigningKey"), handler: revokeSigningKey, params: (w, projectId = w.project.id) => ({ projectId, signingKeyId: w.signingKeyId }) },
  { operation: operation("listWorkflows"), handler: listWorkflows, params: projectParams },
  { operation: operation("createWorkflow"), handler: createWorkflow, params: projectParams, body: { name: "made by a test" } },
  {
    operation: operation("importWorkflow"), handler: importWorkflow, params: projectParams,
    body: { switchyard: "workflow", version: 1, name: "imported by a test", graph: DEPLOYABLE_GRAPH },
  },
  { operation: operation("getWorkflow"), handler: getWorkflow, params: workflowParams },
  { operation: operation("updateWorkflowDraft"), handler: updateWorkflowDraft, params: workflowParams, body: { draftRevision: 1, name: "renamed by a test" } },
  { operation: operation("deployWorkflow"), handler: deployWorkflow, params: workflowParams },
  { operation: operation("undeployWorkflow"), handler: undeployWorkflow, params: workflowParams },
  { operation: operation("listWorkflowVersions"), handler: listWorkflowVersions, params: workflowParams },
  {
    operation: operation("getWorkflowVersion"), handler: getWorkflowVersion,
    params: (w, projectId = w.project.id) => ({ projectId, workflowId: w.workflowId, versionId: w.workflowVersionId }),
  },
  { operation: operation("exportWorkflow"), handler: exportWorkflow, params: workflowParams },
  { operation: operation("duplicateWorkflow"), handler: duplicateWorkflow, params: workflowParams, body: { name: "copied by a test" } },
  { operation: operation("testWorkflowStep"), handler: testWorkflowStep, params: workflowParams, body: { stepId: "step", triggerPayload: {} } },
  { operation: operation("listConnectedUsers"), handler: listConnectedUsers, params: projectParams },
  { operation: operation("enableUserWorkflow"), handler: enableUserWorkflow, params: activationParams, body: { settings: { channel: "#general" } } },
  { operation: operation("disableUserWorkflow"), handler: disableUserWorkflow, params: activationParams },
  {
    operation: operation("sendEvent"), handler: withWorldEvent(sendEvent), params: projectParams,
    body: { name: WORLD_EVENT_NAME, payload: { email: "a@b.co" }, userId: "world sender" },
  },
  { operation: operation("listEvents"), handler: listEvents, params: projectParams },
  { operation: operation("getEvent"), handler: withWorldEvent(getEvent), params: (w, projectId = w.project.id) => ({ projectId, eventId: worldEventId(w) }) },
  { operation: operation("listAppEvents"), handler: listAppEvents, params: projectParams },
  { operation: operation("createAppEvent"), handler: createAppEvent, params: projectParams, body: { name: "made by a test", example: { contactId: "c_1" } } },
  { operation: operation("getAppEvent"), handler: withWorldAppEvent(getAppEvent), params: appEventParams },
  { operation: operation("updateAppEvent"), handler: withWorldAppEvent(updateAppEvent), params: appEventParams, body: { name: "renamed by a test" } },
  { operation: operation("deleteAppEvent"), handler: withWorldAppEvent(deleteAppEvent), params: appEventParams },
  { operation: operation("listRuns"), handler: listRuns, params: projectParams },
  { operation: operation("getRun"), handler: withWorldRun(getRun), params: runParams },
  { operation: operation("replayRun"), handler: withWorldRun(replayRun), params: runParams, body: { version: "original" } },
  { operation: operation("cancelRun"), handler: withWorldRun(cancelRun), params: runParams },
  { operation: operation("startRun"), handler: startRun, params: workflowParams, body: { source: "draft" } },
  { operation: operation("listDestinations"), handler: listDestinations, params: projectParams },
  { operation: operation("createDestination"), handler: createDestination, params: projectParams, body: { name: "made by a test", url: "https://example.com/hooks" } },
  { operation: operation("updateDestination"), handler: withWorldDestination(updateDestination), params: destinationParams, body: { name: "renamed by a test" } },
  { operation: operation("testDestination"), handler: withWorldDestination(testDestination), params: destinationParams },
  { operation: operation("deleteDestination"), handler: withWorldDestination(deleteDestination), params: destinationParams },
  { operation: operation("getSchedule"), handler: getSchedule, params: scheduleParams },
  { operation: operation("listScheduleTicks"), handler: listScheduleTicks, params: scheduleParams },
  { operation: operation("listUpcomingTicks"), handler: listUpcomingTicks, params: scheduleParams },
  { operation: operation("pauseSchedule"), handler: pauseSchedule, params: scheduleParams, body: { note: "paused by a test" } },
  { operation: operation("resumeSchedule"), handler: resumeSchedule, params: scheduleParams },
  {
    operation: operation("backfillSchedule"), handler: backfillSchedule, params: scheduleParams,
    body: { from: "2026-01-01T00:00:00.000Z", to: "2026-01-01T00:10:00.000Z" },
  },
  { operation: operation("updateUserMetadata"), handler: updateUserMetadata, params: (w, projectId = w.project.id) => ({ projectId, userId: w.userExternalId }), body: { meta: { plan: "pro" } } },
  { operation: operation("listWebhookEndpoints"), handler: listWebhookEndpoints, params: projectParams },
  // A new name each time: a second endpoint of one name is a 409.
  { operation: operation("createWebhookEndpoint"), handler: createWebhookEndpoint, params: projectParams, get body() { return { integration: "custom", name: `made-by-a-test-${randomUUID()}` }; } },
  { operation: operation("getWebhookEndpoint"), handler: withWorldEndpoint(getWebhookEndpoint), params: endpointParams },
  { operation: operation("updateWebhookEndpoint"), handler: withWorldEndpoint(updateWebhookEndpoint), params: endpointParams, body: { routing: { from: "header", path: "x-account" } } },
  { operation: operation("rotateWebhookSecret"), handler: withWorldEndpoint(rotateWebhookSecret), params: endpointParams, body: { secret: "pasted-new-secret", graceHours: 1 } },
  { operation: operation("revealWebhookSecrets"), handler: withWorldEndpoint(revealWebhookSecrets), params: endpointParams },
  {
    operation: operation("getUserWebhookUrl"), handler: withWorldEndpoint(getUserWebhookUrl),
    params: (w, projectId = w.project.id) => ({ ...endpointParams(w, projectId), userId: w.userExternalId, workflowId: w.workflowId }),
  },
  { operation: operation("deleteWebhookEndpoint"), handler: withWorldEndpoint(deleteWebhookEndpoint), params: endpointParams },
  { operation: operation("deleteWorkflow"), handler: deleteWorkflow, params: (w, projectId = w.project.id) => ({ projectId, workflowId: w.doomedWorkflowId }) },
];

export const routeName = (route: TRouteSpec) => `${route.operation.method} ${route.operation.path}`;
export const isProjectRoute = (route: TRouteSpec) => route.operation.path.startsWith("/projects/{projectId}");
