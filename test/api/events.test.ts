// The events API: App Events sent server to server (answered as the SDK endpoint answers), and the Event
// Log (filters, keyset pages, one event), always within the caller's project.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listEventsRoute, POST as sendEventRoute } from "@/app/api/v1/projects/[projectId]/events/route";
import { GET as getEventRoute } from "@/app/api/v1/projects/[projectId]/events/[eventId]/route";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { callRoute, createTestApiKey, createTestProject, sessionCookie } from "@/test/factories";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

type TProject = Awaited<ReturnType<typeof createTestProject>>;
let project: TProject;
let other: TProject;
let apiKey: string;
let otherApiKey: string;
let cookie: string;
let appEventName: string;
let workflowId: string;
beforeAll(async () => {
  project = await createTestProject();
  other = await createTestProject();
  apiKey = (await createTestApiKey(project.id)).key;
  otherApiKey = (await createTestApiKey(other.id)).key;
  cookie = await sessionCookie(project.ownerId);
  const appEvent = await createTestAppEvent(project.id, "Contact Created");
  appEventName = appEvent.name;
  ({ workflowId } = await createDeployedWorkflow({ projectId: project.id, name: "Sync contacts", graph: appEventGraph(appEvent.id) }));
});

function appEventGraph(appEventId: string) {
  return {
    trigger: { type: "app_event", appEventId },
    steps: [{ id: "f", name: "F", type: "function", config: { code: "function () { return 1 }", params: [] } }],
    edges: [{ id: "e", source: "trigger", target: "f" }],
  };
}

/** App Events written straight to the database, past the per-process config cache the send path reads. */
async function createAppEvent(data: { projectId: string; name: string; jsonSchema: object; validationMode: "warn" | "reject" }) {
  const appEvent = await db.appEvent.create({ data: { ...data, example: {} }, select: { id: true, name: true } });
  forgetProjectConfig(data.projectId);
  return appEvent;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function send(body: unknown, options: { headers?: Record<string, string>; projectId?: string; idempotencyKey?: string } = {}) {
  const headers = { ...(options.headers ?? bearer(apiKey)), ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {}) };
  return callRoute(sendEventRoute, { method: "POST", params: { projectId: options.projectId ?? project.id }, headers, body });
}
const list = (query = "", options: { headers?: Record<string, string>; projectId?: string } = {}) =>
  callRoute(listEventsRoute, { params: { projectId: options.projectId ?? project.id }, path: `/api/v1/test${query}`, headers: options.headers ?? bearer(apiKey) });
const get = (eventId: string, options: { headers?: Record<string, string>; projectId?: string } = {}) =>
  callRoute(getEventRoute, { params: { projectId: options.projectId ?? project.id, eventId }, headers: options.headers ?? bearer(apiKey) });
const statusAndBody = (response: { status: number; body: unknown }) => ({ status: response.status, body: response.body });

describe("POST /projects/{projectId}/events", () => {
  it("accepts an event for a named user with an API key: 201 with the runs it started, stored with source api", async () => {
    const userId = `api-user ${randomUUID()}`;
    const response = await send({ name: appEventName, payload: { email: "a@b.co" }, userId });
    expect(statusAndBody(response)).toEqual({ status: 201, body: { eventId: expect.any(String), runs: [{ runId: expect.any(String), workflowId }] } });
    const stored = await db.event.findFirstOrThrow({ where: { id: response.body.eventId, projectId: project.id } });
    expect({ source: stored.source, payload: stored.payload, name: stored.name }).toEqual({ source: "api", payload: { email: "a@b.co" }, name: appEventName });
    const user = await db.connectedUser.findFirstOrThrow({ where: { projectId: project.id, externalId: userId }, select: { id: true } });
    expect(stored.connectedUserId).toBe(user.id);
    const run = await db.run.findFirstOrThrow({ where: { id: response.body.runs[0].runId, projectId: project.id } });
    expect({ eventId: run.eventId, connectedUserId: run.connectedUserId, input: run.input }).toEqual({
      eventId: response.body.eventId,
      connectedUserId: user.id,
      input: { type: "app_event", payload: { email: "a@b.co" } },
    });
  });

  it("accepts it from a signed-in builder too", async () => {
    const response = await send({ name: appEventName, payload: {}, userId: "from-the-dashboard" }, { headers: { cookie } });
    expect(response.status).toBe(201);
  });

  it("answers a repeat with the same Idempotency-Key with the first body, and starts no new run", async () => {
    const idempotencyKey = randomUUID();
    const body = { name: appEventName, payload: { n: 1 }, userId: "idempotent-user" };
    const first = await send(body, { idempotencyKey });
    expect(first.status).toBe(201);
    const runsBefore = await db.run.count({ where: { projectId: project.id } });
    const eventsBefore = await db.event.count({ where: { projectId: project.id } });
    const repeat = await send(body, { idempotencyKey });
    expect(statusAndBody(repeat)).toEqual({ status: 201, body: first.body });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(runsBefore);
    expect(await db.event.count({ where: { projectId: project.id } })).toBe(eventsBefore);
    expect((await get(first.body.eventId)).body.repeatCount).toBe(1);
  });

  it("refuses the same Idempotency-Key with a different body: 422, nothing written", async () => {
    const idempotencyKey = randomUUID();
    expect((await send({ name: appEventName, payload: { n: 1 }, userId: "u" }, { idempotencyKey })).status).toBe(201);
    const runsBefore = await db.run.count({ where: { projectId: project.id } });
    const reused = await send({ name: appEventName, payload: { n: 2 }, userId: "u" }, { idempotencyKey });
    expect(statusAndBody(reused)).toEqual({
      status: 422,
      body: error("validation_failed", "This Idempotency-Key was already used with a different request body", [
        { path: "Idempotency-Key", message: "reused with a different body" },
      ]),
    });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(runsBefore);
  });

  it("treats the same Idempotency-Key for another user as a different body", async () => {
    const idempotencyKey = randomUUID();
    expect((await send({ name: appEventName, payload: {}, userId: "first" }, { idempotencyKey })).status).toBe(201);
    expect((await send({ name: appEventName, payload: {}, userId: "second" }, { idempotencyKey })).status).toBe(422);
  });

  it("answers 404 naming an App Event that does not exist, and writes nothing", async () => {
    const eventsBefore = await db.event.count({ where: { projectId: project.id } });
    const response = await send({ name: "Contact Deleted", payload: {}, userId: "u" });
    expect(statusAndBody(response)).toEqual({ status: 404, body: error("not_found", "App Event “Contact Deleted” does not exist in this project") });
    expect(await db.event.count({ where: { projectId: project.id } })).toBe(eventsBefore);
  });

  it("does not see another project's App Events", async () => {
    const response = await send({ name: appEventName, payload: {}, userId: "u" }, { headers: bearer(otherApiKey), projectId: other.id });
    expect(statusAndBody(response)).toEqual({ status: 404, body: error("not_found", `App Event “${appEventName}” does not exist in this project`) });
  });

  it.each([
    ["a payload that is not an object", { name: "Contact Created", payload: [1], userId: "u" }, [{ path: "payload", message: "Invalid input: expected record, received array" }]],
    ["no user", { name: "Contact Created", payload: {} }, [{ path: "userId", message: "Invalid input: expected string, received undefined" }]],
    ["an empty user", { name: "Contact Created", payload: {}, userId: " " }, [{ path: "userId", message: "Name the end user (the sub of their tokens)" }]],
    ["an empty name", { name: "", payload: {}, userId: "u" }, [{ path: "name", message: "Name the App Event" }]],
  ])("answers 422 with the field for %s", async (_label, body, details) => {
    expect(statusAndBody(await send(body))).toEqual({ status: 422, body: error("validation_failed", "The request is not valid", details) });
  });

  it("refuses a payload that breaks the schema of an App Event in reject mode, with each problem", async () => {
    const strict = await createAppEvent({
      projectId: other.id,
      name: "Strict Event",
      jsonSchema: { type: "object", required: ["email"], properties: { email: { type: "string" } } },
      validationMode: "reject",
    });
    const response = await send({ name: strict.name, payload: { email: 42 }, userId: "u" }, { headers: bearer(otherApiKey), projectId: other.id });
    expect(statusAndBody(response)).toEqual({
      status: 422,
      body: error("validation_failed", "The payload does not match the schema of “Strict Event”", [{ path: "/email", message: "must be string" }]),
    });
  });
});

describe("the Event Log", () => {
  let warnEventName: string;
  let entryEventId: string;
  let entryRunId: string;
  const entryUser = `log-user ${randomUUID()}`;

  beforeAll(async () => {
    warnEventName = `Warned ${randomUUID().slice(0, 6)}`;
    const warned = await createAppEvent({ projectId: project.id, name: warnEventName, jsonSchema: { type: "object", required: ["email"] }, validationMode: "warn" });
    await createDeployedWorkflow({ projectId: project.id, name: "Warned workflow", graph: appEventGraph(warned.id) });
    const sent = await send({ name: warnEventName, payload: { name: "Brandon" }, userId: entryUser }, { idempotencyKey: randomUUID() });
    entryEventId = sent.body.eventId;
    entryRunId = sent.body.runs[0].runId;
  });

  const expectedEntry = () => ({
    id: entryEventId,
    name: warnEventName,
    userId: entryUser,
    receivedAt: expect.stringMatching(ISO),
    source: "api",
    validation: { mode: "warn", valid: false, errors: [{ path: "/", message: "must have property “email”" }] },
    repeatCount: 0,
    runs: [{ runId: entryRunId, workflowId: expect.any(String), workflowName: "Warned workflow", status: "queued" }],
    payload: { name: "Brandon" },
    webhook: null,
  });

  it("lists an event with its user, validation result, repeats and runs", async () => {
    const response = await list(`?name=${encodeURIComponent(warnEventName)}`);
    expect(statusAndBody(response)).toEqual({ status: 200, body: { events: [expectedEntry()], nextCursor: null } });
  });

  it("gets one event in the same shape", async () => {
    expect(statusAndBody(await get(entryEventId))).toEqual({ status: 200, body: expectedEntry() });
    expect(statusAndBody(await get(entryEventId, { headers: { cookie } }))).toEqual({ status: 200, body: expectedEntry() });
  });

  it("filters by user (external id); an unknown user has no events", async () => {
    const byUser = await list(`?userId=${encodeURIComponent(entryUser)}`);
    expect(byUser.body.events.map((event: { id: string }) => event.id)).toEqual([entryEventId]);
    expect((await list(`?userId=${encodeURIComponent(entryUser)}&name=${encodeURIComponent(appEventName)}`)).body).toEqual({ events: [], nextCursor: null });
    expect((await list(`?userId=nobody-${randomUUID()}`)).body).toEqual({ events: [], nextCursor: null });
  });

  it("matches part of the name, in any case (test/api/event-log-search.test.ts has the rest)", async () => {
    const response = await list(`?name=${encodeURIComponent(warnEventName.slice(2).toUpperCase())}`);
    expect(statusAndBody(response)).toEqual({ status: 200, body: { events: [expectedEntry()], nextCursor: null } });
  });

  it("pages newest first without skipping or repeating, ties broken by id", async () => {
    const name = `Paged ${randomUUID().slice(0, 6)}`;
    const base = Date.now() - 60_000;
    const receivedAts = [base, base + 1000, base + 1000, base + 1000, base + 2000].map((ms) => new Date(ms));
    await db.event.createMany({
      data: receivedAts.map((receivedAt) => {
        const id = randomUUID();
        return { id, projectId: project.id, name, payload: {}, source: "sdk", response: { eventId: id, runs: [] }, receivedAt };
      }),
    });
    const expected = (
      await db.event.findMany({ where: { projectId: project.id, name }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], select: { id: true } })
    ).map((event) => event.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(`?name=${encodeURIComponent(name)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.events.map((event: { id: string }) => event.id));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect((await list(`?name=${encodeURIComponent(name)}`)).body.events).toHaveLength(5);
  });

  it("defaults to 50 a page", async () => {
    const name = `Many ${randomUUID().slice(0, 6)}`;
    await db.event.createMany({
      data: Array.from({ length: 51 }, () => {
        const id = randomUUID();
        return { id, projectId: project.id, name, payload: {}, source: "sdk", response: { eventId: id, runs: [] } };
      }),
    });
    const first = await list(`?name=${encodeURIComponent(name)}`);
    expect(first.body.events).toHaveLength(50);
    const rest = await list(`?name=${encodeURIComponent(name)}&cursor=${first.body.nextCursor}`);
    expect({ count: rest.body.events.length, nextCursor: rest.body.nextCursor }).toEqual({ count: 1, nextCursor: null });
  });

  it.each([
    ["a cursor it did not make", "?cursor=not-a-cursor", [{ path: "cursor", message: "Use the nextCursor of a previous page" }]],
    ["limit 0", "?limit=0", [{ path: "limit", message: "Too small: expected number to be >=1" }]],
    ["limit 101", "?limit=101", [{ path: "limit", message: "Too big: expected number to be <=100" }]],
  ])("answers 422 for %s", async (_label, query, details) => {
    expect(statusAndBody(await list(query))).toEqual({ status: 422, body: error("validation_failed", "The request is not valid", details) });
  });

  it("keeps an event's runs after they are gone: no status once the run is deleted, no name once the workflow is", async () => {
    const appEvent = await createTestAppEvent(project.id);
    forgetProjectConfig(project.id);
    const doomed = await createDeployedWorkflow({ projectId: project.id, name: "Doomed", graph: appEventGraph(appEvent.id) });
    const kept = await createDeployedWorkflow({ projectId: project.id, name: "Kept", graph: appEventGraph(appEvent.id) });
    const sent = await send({ name: appEvent.name, payload: {}, userId: "u" });
    expect(sent.status).toBe(201);
    const keptRunId = sent.body.runs.find((run: { workflowId: string }) => run.workflowId === kept.workflowId).runId;
    const doomedRunId = sent.body.runs.find((run: { workflowId: string }) => run.workflowId === doomed.workflowId).runId;
    await db.run.delete({ where: { id: keptRunId } });
    await db.workflow.delete({ where: { id: doomed.workflowId } });
    const runs = (await get(sent.body.eventId)).body.runs;
    expect(runs).toEqual(
      expect.arrayContaining([
        { runId: keptRunId, workflowId: kept.workflowId, workflowName: "Kept", status: null },
        { runId: doomedRunId, workflowId: doomed.workflowId, workflowName: null, status: null },
      ]),
    );
    expect(runs).toHaveLength(2);
  });
});

describe("tenant isolation", () => {
  let eventId: string;
  beforeAll(async () => {
    eventId = (await send({ name: appEventName, payload: { secret: true }, userId: "isolated" })).body.eventId;
  });

  it("404 for another project's event through that project's own path", async () => {
    const response = await get(eventId, { headers: bearer(otherApiKey), projectId: other.id });
    expect(statusAndBody(response)).toEqual({ status: 404, body: error("not_found", "Event not found") });
  });

  it("another project's log does not list it", async () => {
    const response = await list("?limit=100", { headers: bearer(otherApiKey), projectId: other.id });
    expect(response.body.events.map((event: { id: string }) => event.id)).not.toContain(eventId);
  });

  it.each([
    ["list", () => list("", { headers: bearer(otherApiKey) })],
    ["get", () => get(eventId, { headers: bearer(otherApiKey) })],
    ["send", () => send({ name: appEventName, payload: {}, userId: "u" }, { headers: bearer(otherApiKey) })],
  ])("404 Project not found to %s with another project's API key", async (_label, call) => {
    expect(statusAndBody(await call())).toEqual({ status: 404, body: error("not_found", "Project not found") });
  });

  it.each([
    ["an unknown event id", randomUUID(), error("not_found", "Event not found")],
    ["a malformed event id", "42", error("not_found", "Not found")],
  ])("404 for %s", async (_label, id, body) => {
    expect(statusAndBody(await get(id))).toEqual({ status: 404, body });
  });
});
