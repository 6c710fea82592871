import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listWorkflows, POST as createWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/route";
import { POST as importWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/import/route";
import { DELETE as deleteWorkflow, GET as getWorkflow, PATCH as updateWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/route";
import { POST as deployWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/deploy/route";
import { GET as exportWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/export/route";
import { db } from "@/lib/db/client";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { pauseSchedule, resumeSchedule } from "@/lib/schedules/pause-schedule";
import { createWorkflow as createWorkflowRow } from "@/lib/workflows/create-workflow";
import { deployWorkflow as deployWorkflowRow } from "@/lib/workflows/deploy-workflow";
import { undeployWorkflow as undeployWorkflowRow } from "@/lib/workflows/undeploy-workflow";
import { DEPLOYABLE_GRAPH } from "@/test/api-helpers";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EMPTY_GRAPH = { trigger: { type: "app_event", appEventId: null }, steps: [], edges: [] };
const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/** A request trigger, one function step and the response it answers with; defaults left out on purpose. */
const GRAPH_WITH_STEPS = {
  trigger: { type: "request" },
  steps: [
    { id: "compute", name: "Compute", type: "function", config: { code: "function () { return 1 }" } },
    { id: "reply", name: "Reply", type: "response", config: { statusCode: 200, body: "{{steps.compute.output}}" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "compute" },
    { id: "e2", source: "compute", target: "reply" },
  ],
};
/** GRAPH_WITH_STEPS as the schema completes it: every default filled in. */
const GRAPH_WITH_STEPS_STORED: TWorkflowGraph = {
  trigger: { type: "request", method: "POST" },
  steps: [
    { id: "compute", name: "Compute", type: "function", continueOnFailure: false, config: { code: "function () { return 1 }", params: [] } },
    { id: "reply", name: "Reply", type: "response", continueOnFailure: false, config: { statusCode: 200, headers: [], body: "{{steps.compute.output}}" } },
  ],
  edges: GRAPH_WITH_STEPS.edges,
};

let project: Awaited<ReturnType<typeof createTestProject>>;
let other: Awaited<ReturnType<typeof createTestProject>>;
let cookie: string;
beforeAll(async () => {
  project = await createTestProject();
  other = await createTestProject();
  cookie = await sessionCookie(project.ownerId);
});

async function create(body: Record<string, unknown>, projectId = project.id) {
  const headers = { cookie: projectId === project.id ? cookie : await sessionCookie(other.ownerId) };
  const response = await callRoute(createWorkflow, { params: { projectId }, headers, body });
  expect(response.status).toBe(201);
  return response.body;
}

const patch = (workflowId: string, body: Record<string, unknown>) =>
  callRoute(updateWorkflow, { method: "PATCH", params: { projectId: project.id, workflowId }, headers: { cookie }, body });

describe("workflows", () => {
  it("creates a draft with the default graph and shows it in full", async () => {
    const created = await create({ name: "  Welcome email  " });
    expect(created).toEqual({
      id: expect.any(String),
      name: "Welcome email",
      description: "",
      trigger: { type: "app_event", appEventId: null },
      state: "draft",
      deployedVersion: null,
      enabledForAllUsers: false,
      draftRevision: 1,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      graph: EMPTY_GRAPH,
      deployedVersionId: null,
    });
    const fetched = await callRoute(getWorkflow, { params: { projectId: project.id, workflowId: created.id }, headers: { cookie } });
    expect({ status: fetched.status, body: fetched.body }).toEqual({ status: 200, body: created });
    const row = await db.workflow.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ projectId: project.id, draft: EMPTY_GRAPH, triggerType: null, triggerAppEventId: null });
  });

  it("stores a given graph as the schema completes it, with description and the all-users switch", async () => {
    const created = await create({ name: "Request", description: "Answers requests", graph: GRAPH_WITH_STEPS, enabledForAllUsers: true });
    expect(created).toMatchObject({
      description: "Answers requests",
      enabledForAllUsers: true,
      trigger: { type: "request", method: "POST" },
      graph: GRAPH_WITH_STEPS_STORED,
    });
    expect((await db.workflow.findUniqueOrThrow({ where: { id: created.id } })).draft).toEqual(GRAPH_WITH_STEPS_STORED);
  });

  it("lists the project's workflows as summaries, searches names with ?q=, and shows no other project's", async () => {
    const tag = randomUUID().slice(0, 8);
    const invoice = await create({ name: `Invoice paid ${tag}`, graph: DEPLOYABLE_GRAPH });
    const refund = await create({ name: `Refund ${tag}` });
    await create({ name: `Invoice paid ${tag}` }, other.id);

    const all = await callRoute(listWorkflows, { params: { projectId: project.id }, headers: { cookie } });
    expect(all.status).toBe(200);
    const ids = all.body.workflows.map((w: { id: string }) => w.id);
    expect(ids).toEqual(expect.arrayContaining([invoice.id, refund.id]));
    expect(await db.workflow.count({ where: { id: { in: ids }, projectId: { not: project.id } } })).toBe(0);

    const found = await callRoute(listWorkflows, { params: { projectId: project.id }, path: `/api/v1/test?q=INVOICE%20PAID%20${tag}`, headers: { cookie } });
    const { graph: _graph, deployedVersionId: _versionId, ...summary } = invoice;
    expect(found.body).toEqual({
      workflows: [{ ...summary, triggerAppEvent: null, lastRun: null, runsLast24h: 0, schedule: null }],
    });
  });

  it("searches names literally: % and _ are not wildcards", async () => {
    const tag = randomUUID().slice(0, 8);
    const literal = await create({ name: `100% done_${tag}` });
    await create({ name: `1000 done-${tag}` });
    const found = await callRoute(listWorkflows, { params: { projectId: project.id }, path: `/api/v1/test?q=${encodeURIComponent(`0% done_${tag}`)}`, headers: { cookie } });
    expect(found.body.workflows.map((w: { id: string }) => w.id)).toEqual([literal.id]);
  });

  it("shows draft, deployed and changed states in the list", async () => {
    const workflow = await create({ name: `States ${randomUUID()}`, graph: DEPLOYABLE_GRAPH });
    const stateOf = async () => {
      const list = await callRoute(listWorkflows, { params: { projectId: project.id }, path: `/api/v1/test?q=${workflow.name}`, headers: { cookie } });
      const [summary] = list.body.workflows;
      return { state: summary.state, deployedVersion: summary.deployedVersion };
    };
    expect(await stateOf()).toEqual({ state: "draft", deployedVersion: null });
    await callRoute(deployWorkflow, { method: "POST", params: { projectId: project.id, workflowId: workflow.id }, headers: { cookie } });
    expect(await stateOf()).toEqual({ state: "deployed", deployedVersion: 1 });
    const renamed = await patch(workflow.id, { draftRevision: 1, name: workflow.name, description: "only metadata" });
    expect(renamed.body.state).toBe("deployed");
    const hourly = { ...DEPLOYABLE_GRAPH, trigger: { type: "schedule", schedule: { every: "minutes", interval: 10 } } };
    await patch(workflow.id, { draftRevision: 2, graph: hourly });
    expect(await stateOf()).toEqual({ state: "changed", deployedVersion: 1 });
    await patch(workflow.id, { draftRevision: 3, graph: DEPLOYABLE_GRAPH });
    expect(await stateOf()).toEqual({ state: "deployed", deployedVersion: 1 });
  });
});

describe("the list's run figures and trigger detail", () => {
  const HOUR = 3_600_000;

  /** A deployed workflow with runs created the given number of hours ago (status by position). */
  async function workflowWithRuns(projectId: string, name: string, runs: { hoursAgo: number; status: "succeeded" | "failed" | "running" }[]) {
    const workflow = await createWorkflowRow({ projectId, name, graph: DEPLOYABLE_GRAPH });
    const version = await deployWorkflowRow({ projectId, workflowId: workflow.id, createdById: null });
    const ids: string[] = [];
    for (const run of runs) {
      const id = randomUUID();
      ids.push(id);
      await db.run.create({
        data: {
          id, projectId, workflowId: workflow.id, workflowVersionId: version.id, triggerType: "schedule",
          input: { type: "schedule", payload: null }, status: run.status, createdAt: new Date(Date.now() - run.hoursAgo * HOUR),
        },
      });
    }
    return { workflow, runIds: ids };
  }

  const listNamed = async (name: string) =>
    (await callRoute(listWorkflows, { params: { projectId: project.id }, path: `/api/v1/test?q=${encodeURIComponent(name)}`, headers: { cookie } })).body.workflows;

  it("shows each workflow's latest run and counts only runs of the last 24 h", async () => {
    const tag = randomUUID().slice(0, 8);
    const busy = await workflowWithRuns(project.id, `Busy ${tag}`, [
      { hoursAgo: 30, status: "succeeded" },
      { hoursAgo: 5, status: "succeeded" },
      { hoursAgo: 1, status: "failed" },
      { hoursAgo: 23.5, status: "succeeded" },
    ]);
    const stale = await workflowWithRuns(project.id, `Stale ${tag}`, [{ hoursAgo: 48, status: "succeeded" }]);
    const idle = await workflowWithRuns(project.id, `Idle ${tag}`, []);

    const byId = new Map((await listNamed(tag)).map((w: { id: string }) => [w.id, w]));
    const lastRunOf = async (id: string) => {
      const run = await db.run.findUniqueOrThrow({ where: { id } });
      return { id, status: run.status, createdAt: run.createdAt.toISOString() };
    };
    expect(byId.get(busy.workflow.id)).toMatchObject({ lastRun: await lastRunOf(busy.runIds[2]), runsLast24h: 3 });
    expect(byId.get(stale.workflow.id)).toMatchObject({ lastRun: await lastRunOf(stale.runIds[0]), runsLast24h: 0 });
    expect(byId.get(idle.workflow.id)).toMatchObject({ lastRun: null, runsLast24h: 0 });
  });

  it("never counts another project's runs, even of a workflow id named in this project's list", async () => {
    const tag = randomUUID().slice(0, 8);
    const mine = await workflowWithRuns(project.id, `Mine ${tag}`, [{ hoursAgo: 2, status: "succeeded" }]);
    // A run row of the other tenant pointing at our workflow id must not leak into our figures.
    const theirs = await workflowWithRuns(other.id, `Theirs ${tag}`, [{ hoursAgo: 1, status: "failed" }]);
    const theirVersion = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: theirs.workflow.id } });
    await db.run.create({
      data: {
        id: randomUUID(), projectId: other.id, workflowId: mine.workflow.id, workflowVersionId: theirVersion.id, triggerType: "schedule",
        input: { type: "schedule", payload: null }, status: "failed",
      },
    });
    const [listed] = await listNamed(`Mine ${tag}`);
    expect(listed).toMatchObject({ id: mine.workflow.id, lastRun: { id: mine.runIds[0], status: "succeeded" }, runsLast24h: 1 });
  });

  it("shows a deployed schedule's soonest next tick, Paused while paused, and no schedule for other workflows", async () => {
    const tag = randomUUID().slice(0, 8);
    const graph: TWorkflowGraph = {
      trigger: { type: "schedule", schedule: { every: "minutes", interval: 5 }, catchUp: { policy: "skip", windowSeconds: 3600 }, overlap: "skip" },
      steps: [],
      edges: [],
    };
    const scheduled = await createWorkflowRow({ projectId: project.id, name: `Every 5 min ${tag}`, graph });
    const before = Date.now();
    await deployWorkflowRow({ projectId: project.id, workflowId: scheduled.id, createdById: null });
    const request = await createWorkflowRow({ projectId: project.id, name: `Request ${tag}`, graph: GRAPH_WITH_STEPS_STORED });
    await deployWorkflowRow({ projectId: project.id, workflowId: request.id, createdById: null });
    const draftOnly = await createWorkflowRow({ projectId: project.id, name: `Draft schedule ${tag}`, graph });
    const scheduleOf = async (id: string) => (await listNamed(tag)).find((w: { id: string }) => w.id === id)?.schedule;

    // Intervals count from the deploy: the first tick is 5 minutes after it.
    const [zone] = await db.scheduleZone.findMany({ where: { workflowId: scheduled.id } });
    expect(zone.nextTickAt!.getTime() - before).toBeGreaterThanOrEqual(300_000 - 1000);
    expect(zone.nextTickAt!.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    expect(await scheduleOf(scheduled.id)).toEqual({ nextTickAt: zone.nextTickAt!.toISOString(), paused: false });
    expect(await scheduleOf(request.id)).toBeNull();
    expect(await scheduleOf(draftOnly.id)).toBeNull();

    // A user's own zone is a stream of its own; the soonest of the streams is the next tick.
    const sooner = new Date(zone.nextTickAt!.getTime() - 60_000);
    await db.scheduleZone.create({ data: { workflowId: scheduled.id, timezone: "Asia/Tokyo", nextTickAt: sooner } });
    await db.scheduleZone.create({ data: { workflowId: scheduled.id, timezone: "Europe/Berlin", nextTickAt: null } });
    expect(await scheduleOf(scheduled.id)).toEqual({ nextTickAt: sooner.toISOString(), paused: false });

    await pauseSchedule({ projectId: project.id, workflowId: scheduled.id, note: "maintenance" });
    expect(await scheduleOf(scheduled.id)).toEqual({ nextTickAt: null, paused: true });
    await resumeSchedule({ projectId: project.id, workflowId: scheduled.id });
    const resumed = await scheduleOf(scheduled.id);
    expect(resumed).toEqual({ nextTickAt: expect.stringMatching(ISO), paused: false });

    await undeployWorkflowRow({ projectId: project.id, workflowId: scheduled.id });
    expect(await scheduleOf(scheduled.id)).toBeNull();
  });

  it("never shows another project's schedule, even one naming a workflow id of this project's list", async () => {
    const tag = randomUUID().slice(0, 8);
    const mine = await createWorkflowRow({ projectId: project.id, name: `Unscheduled ${tag}`, graph: DEPLOYABLE_GRAPH });
    const theirs = await createWorkflowRow({ projectId: other.id, name: `Theirs ${tag}`, graph: DEPLOYABLE_GRAPH });
    const theirVersion = await deployWorkflowRow({ projectId: other.id, workflowId: theirs.id, createdById: null });
    // A schedule row of the other tenant pointing at our workflow id must not show in our list.
    await db.schedule.create({
      data: { workflowId: mine.id, projectId: other.id, versionId: theirVersion.id, anchorAt: new Date(), timezone: "UTC", zones: { create: { timezone: "UTC", nextTickAt: new Date() } } },
    });
    const [listed] = await listNamed(`Unscheduled ${tag}`);
    expect(listed).toMatchObject({ id: mine.id, schedule: null });
  });

  it("names the App Event an App Event trigger listens to, and only this project's", async () => {
    const tag = randomUUID().slice(0, 8);
    const appEvent = await db.appEvent.create({ data: { projectId: project.id, name: `Contact Created ${tag}`, example: {}, jsonSchema: {} } });
    const foreign = await db.appEvent.create({ data: { projectId: other.id, name: `Foreign ${tag}`, example: {}, jsonSchema: {} } });
    const listening = await create({ name: `Listening ${tag}`, graph: { trigger: { type: "app_event", appEventId: appEvent.id }, steps: [], edges: [] } });
    const borrowed = await create({ name: `Borrowed ${tag}`, graph: { trigger: { type: "app_event", appEventId: foreign.id }, steps: [], edges: [] } });
    const unset = await create({ name: `Unset ${tag}` });

    const byId = new Map((await listNamed(tag)).map((w: { id: string; triggerAppEvent: unknown }) => [w.id, w.triggerAppEvent]));
    expect(byId.get(listening.id)).toEqual({ id: appEvent.id, name: `Contact Created ${tag}` });
    expect(byId.get(borrowed.id)).toBeNull();
    expect(byId.get(unset.id)).toBeNull();
  });
});

describe("saving a draft", () => {
  it("applies the first of two saves from the same revision and refuses the second with 409", async () => {
    const workflow = await create({ name: "Contended" });
    const first = await patch(workflow.id, { draftRevision: 1, name: "First editor", graph: GRAPH_WITH_STEPS });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: "First editor", draftRevision: 2, graph: GRAPH_WITH_STEPS_STORED, trigger: { type: "request" } });

    const second = await patch(workflow.id, { draftRevision: 1, name: "Second editor", graph: DEPLOYABLE_GRAPH });
    expect({ status: second.status, body: second.body }).toEqual({
      status: 409,
      body: error("conflict", "The draft was changed elsewhere and is now at revision 2; reload it and apply your changes again", { currentRevision: 2 }),
    });
    const row = await db.workflow.findUniqueOrThrow({ where: { id: workflow.id } });
    expect(row).toMatchObject({ name: "First editor", draftRevision: 2, draft: GRAPH_WITH_STEPS_STORED });
  });

  it("lets exactly one of two simultaneous saves from the same revision through", async () => {
    const workflow = await create({ name: "Racing" });
    const results = await Promise.all(["A", "B"].map((name) => patch(workflow.id, { draftRevision: 1, name })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)?.body;
    expect(await db.workflow.findUniqueOrThrow({ where: { id: workflow.id } })).toMatchObject({ name: winner.name, draftRevision: 2 });
  });

  it("answers 422 with the path of a bad graph field and saves nothing", async () => {
    const workflow = await create({ name: "Bad graph" });
    const bad = { trigger: { type: "app_event", appEventId: "not-a-uuid" }, steps: [{ id: "1st", name: "x", type: "delay", config: { value: 0, unit: "weeks" } }], edges: [] };
    const response = await patch(workflow.id, { draftRevision: 1, graph: bad });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The request is not valid", [
        { path: "graph.trigger.appEventId", message: "Must be a UUID" },
        { path: "graph.steps.0.id", message: "Start with a letter; use letters, digits and _ (at most 64)" },
        { path: "graph.steps.0.config.value", message: "Too small: expected number to be >=1" },
        { path: "graph.steps.0.config.unit", message: 'Invalid option: expected one of "seconds"|"minutes"|"hours"|"days"' },
      ]),
    });
    expect(await db.workflow.findUniqueOrThrow({ where: { id: workflow.id } })).toMatchObject({ draftRevision: 1, draft: EMPTY_GRAPH });
  });

  it.each([
    ["every 0 seconds", { every: "seconds", interval: 0 }, {}, [{ path: "graph.trigger.schedule.interval", message: "Too small: expected number to be >=1" }]],
    ["a cron hour of 25", { every: "cron", expression: "0 25 * * *" }, {}, [{ path: "graph.trigger.schedule.expression", message: expect.stringMatching(/hour/i) }]],
    ["a cron of three fields", { every: "cron", expression: "* * *" }, {}, [{ path: "graph.trigger.schedule.expression", message: expect.any(String) }]],
    ["an unknown zone", { every: "daily", interval: 1, time: "09:00", timezone: "Mars/Olympus_Mons" }, {}, [{ path: "graph.trigger.schedule.timezone", message: "Unknown IANA time zone" }]],
    ["a time of 24:00", { every: "weekly", weekdays: [1], time: "24:00" }, {}, [{ path: "graph.trigger.schedule.time", message: "Use 24-hour HH:MM" }]],
    [
      "a catch-up window over 7 days",
      { every: "minutes", interval: 5 },
      { catchUp: { policy: "all", windowSeconds: 604_801 } },
      [{ path: "graph.trigger.catchUp.windowSeconds", message: "Use at most 604,800 seconds (7 days)" }],
    ],
  ])("answers 422 for a schedule of %s, at its field, and saves nothing", async (_label, schedule, policies, details) => {
    const workflow = await create({ name: "Bad schedule" });
    const graph = { trigger: { type: "schedule", schedule, ...policies }, steps: [], edges: [] };
    const response = await patch(workflow.id, { draftRevision: 1, graph });
    expect({ status: response.status, body: response.body }).toEqual({ status: 422, body: error("validation_failed", "The request is not valid", details) });
    expect(await db.workflow.findUniqueOrThrow({ where: { id: workflow.id } })).toMatchObject({ draftRevision: 1, draft: EMPTY_GRAPH });
  });

  it("requires the revision the edit started from", async () => {
    const workflow = await create({ name: "No revision" });
    const response = await patch(workflow.id, { name: "x" });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The request is not valid", [{ path: "draftRevision", message: "Invalid input: expected number, received undefined" }]),
    });
  });
});

describe("workflows that are not there", () => {
  const notFound = { status: 404, body: error("not_found", "Workflow not found") };

  it.each([
    ["an unknown id", () => randomUUID()],
    ["another project's workflow", async () => (await create({ name: "Theirs" }, other.id)).id],
  ])("404 for %s, and writes nothing", async (_label, workflowId) => {
    const id = await workflowId();
    const before = await db.workflow.findUnique({ where: { id } });
    const params = { projectId: project.id, workflowId: id };
    for (const response of [
      await callRoute(getWorkflow, { params, headers: { cookie } }),
      await patch(id, { draftRevision: 1, name: "hijacked" }),
      await callRoute(exportWorkflow, { params, headers: { cookie } }),
      await callRoute(deleteWorkflow, { method: "DELETE", params, headers: { cookie } }),
    ]) {
      expect({ status: response.status, body: response.body }).toEqual(notFound);
    }
    expect(await db.workflow.findUnique({ where: { id } })).toEqual(before);
  });

  it("404 Not found for a workflow id that is not a UUID", async () => {
    const response = await callRoute(getWorkflow, { params: { projectId: project.id, workflowId: "welcome-email" }, headers: { cookie } });
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: error("not_found", "Not found") });
  });
});

describe("deleting a workflow", () => {
  it("answers 204 and removes its versions, runs and user activations with it", async () => {
    const workflow = await create({ name: "Doomed", graph: DEPLOYABLE_GRAPH });
    const params = { projectId: project.id, workflowId: workflow.id };
    expect((await callRoute(deployWorkflow, { method: "POST", params, headers: { cookie } })).status).toBe(201);
    const user = await db.connectedUser.create({ data: { projectId: project.id, externalId: `doomed ${randomUUID()}` } });
    await db.workflowActivation.create({ data: { projectId: project.id, workflowId: workflow.id, connectedUserId: user.id } });
    const version = await db.workflowVersion.findFirstOrThrow({ where: { workflowId: workflow.id } });
    await db.run.create({
      data: { id: randomUUID(), projectId: project.id, workflowId: workflow.id, workflowVersionId: version.id, triggerType: "schedule", input: { type: "schedule", payload: null } },
    });

    const deleted = await callRoute(deleteWorkflow, { method: "DELETE", params, headers: { cookie } });
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: null });
    expect(await db.workflow.count({ where: { id: workflow.id } })).toBe(0);
    expect(await db.workflowVersion.count({ where: { workflowId: workflow.id } })).toBe(0);
    expect(await db.workflowActivation.count({ where: { workflowId: workflow.id } })).toBe(0);
    expect(await db.run.count({ where: { workflowId: workflow.id } })).toBe(0);
    expect(await db.connectedUser.count({ where: { id: user.id } })).toBe(1);
    const again = await callRoute(getWorkflow, { params, headers: { cookie } });
    expect(again.status).toBe(404);
  });
});

describe("export and import", () => {
  it("round-trips a workflow into another project as a new draft with an equal graph", async () => {
    const original = await create({ name: "Portable", description: "Travels well", graph: GRAPH_WITH_STEPS, enabledForAllUsers: true });
    const exported = await callRoute(exportWorkflow, { params: { projectId: project.id, workflowId: original.id }, headers: { cookie } });
    expect({ status: exported.status, body: exported.body }).toEqual({
      status: 200,
      body: { switchyard: "workflow", version: 1, name: "Portable", description: "Travels well", enabledForAllUsers: true, graph: GRAPH_WITH_STEPS_STORED },
    });

    const otherCookie = await sessionCookie(other.ownerId);
    const imported = await callRoute(importWorkflow, { params: { projectId: other.id }, headers: { cookie: otherCookie }, body: exported.body });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ name: "Portable", state: "draft", deployedVersion: null, draftRevision: 1, graph: GRAPH_WITH_STEPS_STORED });
    expect(imported.body.id).not.toBe(original.id);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: imported.body.id } })).projectId).toBe(other.id);

    const reexported = await callRoute(exportWorkflow, { params: { projectId: other.id, workflowId: imported.body.id }, headers: { cookie: otherCookie } });
    expect(reexported.body).toEqual(exported.body);
  });

  it("refuses a document that is not a Switchyard workflow export with 422 and creates nothing", async () => {
    const before = await db.workflow.count({ where: { projectId: project.id } });
    const response = await callRoute(importWorkflow, {
      params: { projectId: project.id },
      headers: { cookie },
      body: { switchyard: "flow", version: 2, name: "Alien", graph: { trigger: { type: "carrier_pigeon" }, steps: [], edges: [] } },
    });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The request is not valid", [
        { path: "switchyard", message: 'Invalid input: expected "workflow"' },
        { path: "version", message: "Invalid input: expected 1" },
        { path: "graph.trigger.type", message: "Invalid discriminator value. Expected 'app_event' | 'schedule' | 'webhook' | 'request'" },
      ]),
    });
    expect(await db.workflow.count({ where: { projectId: project.id } })).toBe(before);
  });
});
