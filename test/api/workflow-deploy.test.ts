import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getWorkflow, PATCH as updateWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/route";
import { POST as deployWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/deploy/route";
import { POST as undeployWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/undeploy/route";
import { GET as listVersions } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/versions/route";
import { GET as getVersion } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/versions/[versionId]/route";
import { db } from "@/lib/db/client";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { DEPLOYABLE_GRAPH } from "@/test/api-helpers";
import { callRoute, createTestApiKey, createTestBuilder, createTestProject, sessionCookie } from "@/test/factories";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

let project: Awaited<ReturnType<typeof createTestProject>>;
let other: Awaited<ReturnType<typeof createTestProject>>;
let owner: { id: string; name: string };
let cookie: string;
let appEventId: string;
beforeAll(async () => {
  owner = await createTestBuilder("Deploying Builder");
  project = await createTestProject(owner.id);
  other = await createTestProject();
  cookie = await sessionCookie(owner.id);
  appEventId = (await db.appEvent.create({ data: { projectId: project.id, name: "invoice.paid", example: {}, jsonSchema: {} } })).id;
});

const appEventGraph = (eventId: string) => ({
  trigger: { type: "app_event" as const, appEventId: eventId },
  steps: [{ id: "notify", name: "Notify", type: "function" as const, continueOnFailure: false, config: { code: "function () { return 1 }", params: [] } }],
  edges: [{ id: "e1", source: "trigger", target: "notify" }],
});

async function workflowWith(graph: Parameters<typeof createWorkflow>[0]["graph"], projectId = project.id) {
  return createWorkflow({ projectId, name: `Deployable ${randomUUID().slice(0, 8)}`, graph });
}

const at = (workflowId: string, projectId = project.id) => ({ projectId, workflowId });
const deploy = (workflowId: string, headers: Record<string, string> = { cookie }) =>
  callRoute(deployWorkflow, { method: "POST", params: at(workflowId), headers });
const triggerColumns = (id: string) =>
  db.workflow.findUniqueOrThrow({ where: { id }, select: { deployedVersionId: true, triggerType: true, triggerAppEventId: true } });

describe("deploying a workflow", () => {
  it("snapshots the draft as version 1, recording who deployed it, and fills the trigger columns", async () => {
    const workflow = await workflowWith(appEventGraph(appEventId));
    const response = await deploy(workflow.id);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      version: 1,
      createdAt: expect.stringMatching(ISO),
      createdBy: { id: owner.id, name: "Deploying Builder" },
      deployed: true,
      graph: appEventGraph(appEventId),
    });
    expect(await triggerColumns(workflow.id)).toEqual({ deployedVersionId: response.body.id, triggerType: "app_event", triggerAppEventId: appEventId });
    const fetched = await callRoute(getWorkflow, { params: at(workflow.id), headers: { cookie } });
    expect(fetched.body).toMatchObject({ state: "deployed", deployedVersion: 1, deployedVersionId: response.body.id });
  });

  it("numbers later versions, lists them newest first, and keeps old versions immutable", async () => {
    const workflow = await workflowWith(appEventGraph(appEventId));
    const first = await deploy(workflow.id);
    const scheduled = { ...DEPLOYABLE_GRAPH, trigger: { type: "schedule", schedule: { every: "daily", interval: 1, time: "09:00", timezone: "Europe/Paris" } } };
    const saved = await callRoute(updateWorkflow, { method: "PATCH", params: at(workflow.id), headers: { cookie }, body: { draftRevision: 1, graph: scheduled } });
    expect(saved.body.state).toBe("changed");
    const apiKey = await createTestApiKey(project.id);
    const second = await deploy(workflow.id, { authorization: `Bearer ${apiKey.key}` });
    expect(second.body).toMatchObject({ version: 2, createdBy: null, deployed: true, graph: scheduled });
    expect(await triggerColumns(workflow.id)).toEqual({ deployedVersionId: second.body.id, triggerType: "schedule", triggerAppEventId: null });

    const listed = await callRoute(listVersions, { params: at(workflow.id), headers: { cookie } });
    const summary = ({ graph: _graph, ...rest }: { graph: unknown }) => rest;
    expect({ status: listed.status, body: listed.body }).toEqual({
      status: 200,
      body: { versions: [summary(second.body), { ...summary(first.body), deployed: false }] },
    });
    const old = await callRoute(getVersion, { params: { ...at(workflow.id), versionId: first.body.id }, headers: { cookie } });
    expect({ status: old.status, body: old.body }).toEqual({ status: 200, body: { ...first.body, deployed: false } });
  });

  it("gives concurrent deploys consecutive version numbers", async () => {
    const workflow = await workflowWith(DEPLOYABLE_GRAPH);
    const responses = await Promise.all([deploy(workflow.id), deploy(workflow.id), deploy(workflow.id)]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(responses.map((r) => r.body.version).sort()).toEqual([1, 2, 3]);
    const latest = responses.find((r) => r.body.version === 3)?.body;
    expect((await triggerColumns(workflow.id)).deployedVersionId).toBe(latest.id);
  });

  it("answers 422 with the validator's problems, per step, and writes nothing", async () => {
    const workflow = await createWorkflow({
      projectId: project.id,
      name: "Unfinished",
      graph: {
        trigger: { type: "app_event", appEventId: null },
        steps: [
          { id: "fetch", name: "Fetch", type: "request", continueOnFailure: false, config: { method: "GET", url: "", headers: [], query: [], body: { kind: "none" }, auth: { type: "none" }, timeoutMs: 30_000, idempotencyKey: true } },
          { id: "orphan", name: "Orphan", type: "function", continueOnFailure: false, config: { code: "function () {}", params: [] } },
        ],
        edges: [{ id: "e1", source: "trigger", target: "fetch" }],
      },
    });
    const response = await deploy(workflow.id);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The workflow cannot be deployed yet; fix the problems listed", [
        { stepId: "trigger", field: "appEventId", message: "Choose the App Event that starts this workflow" },
        { stepId: "fetch", field: "config.url", message: "Enter the URL to call" },
        { stepId: "orphan", message: "Nothing leads to this step yet" },
      ]),
    });
    expect(await db.workflowVersion.count({ where: { workflowId: workflow.id } })).toBe(0);
    expect(await triggerColumns(workflow.id)).toEqual({ deployedVersionId: null, triggerType: null, triggerAppEventId: null });
  });

  it("refuses an App Event of another project as one that does not exist", async () => {
    const foreignEvent = await db.appEvent.create({ data: { projectId: other.id, name: "foreign", example: {}, jsonSchema: {} } });
    const workflow = await workflowWith(appEventGraph(foreignEvent.id));
    const response = await deploy(workflow.id);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The workflow cannot be deployed yet; fix the problems listed", [
        { stepId: "trigger", field: "appEventId", message: "This App Event no longer exists" },
      ]),
    });
    expect(await db.workflowVersion.count({ where: { workflowId: workflow.id } })).toBe(0);
  });

  it.each([
    ["an unknown workflow", async () => randomUUID()],
    ["another project's workflow", async () => (await workflowWith(DEPLOYABLE_GRAPH, other.id)).id],
  ])("answers 404 for %s and writes nothing", async (_label, workflowId) => {
    const id = await workflowId();
    const notFound = { status: 404, body: error("not_found", "Workflow not found") };
    for (const handler of [deployWorkflow, undeployWorkflow]) {
      const response = await callRoute(handler, { method: "POST", params: at(id), headers: { cookie } });
      expect({ status: response.status, body: response.body }).toEqual(notFound);
    }
    const versions = await callRoute(listVersions, { params: at(id), headers: { cookie } });
    expect({ status: versions.status, body: versions.body }).toEqual(notFound);
    expect(await db.workflowVersion.count({ where: { workflowId: id } })).toBe(0);
  });
});

describe("versions", () => {
  it("answers 404 for a version of another workflow or another project", async () => {
    const mine = await workflowWith(DEPLOYABLE_GRAPH);
    const sibling = await workflowWith(DEPLOYABLE_GRAPH);
    const siblingVersion = (await deploy(sibling.id)).body.id;
    const theirs = await workflowWith(DEPLOYABLE_GRAPH, other.id);
    const otherCookie = await sessionCookie(other.ownerId);
    const theirVersion = (await callRoute(deployWorkflow, { method: "POST", params: at(theirs.id, other.id), headers: { cookie: otherCookie } })).body.id;

    const notFound = { status: 404, body: error("not_found", "Workflow version not found") };
    for (const params of [
      { ...at(mine.id), versionId: siblingVersion },
      { ...at(theirs.id), versionId: theirVersion },
      { ...at(mine.id), versionId: randomUUID() },
    ]) {
      const response = await callRoute(getVersion, { params, headers: { cookie } });
      expect({ status: response.status, body: response.body }).toEqual(notFound);
    }
  });

  it("lists no versions for a workflow never deployed", async () => {
    const workflow = await workflowWith(DEPLOYABLE_GRAPH);
    const listed = await callRoute(listVersions, { params: at(workflow.id), headers: { cookie } });
    expect({ status: listed.status, body: listed.body }).toEqual({ status: 200, body: { versions: [] } });
  });
});

describe("undeploying a workflow", () => {
  it("clears the deployed version and the trigger columns, and keeps the versions", async () => {
    const workflow = await workflowWith(appEventGraph(appEventId));
    const version = await deploy(workflow.id);
    const response = await callRoute(undeployWorkflow, { method: "POST", params: at(workflow.id), headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: workflow.id, state: "draft", deployedVersion: null, deployedVersionId: null, graph: appEventGraph(appEventId) });
    expect(await triggerColumns(workflow.id)).toEqual({ deployedVersionId: null, triggerType: null, triggerAppEventId: null });

    const listed = await callRoute(listVersions, { params: at(workflow.id), headers: { cookie } });
    expect(listed.body.versions).toEqual([{ id: version.body.id, version: 1, createdAt: version.body.createdAt, createdBy: version.body.createdBy, deployed: false }]);

    const again = await callRoute(undeployWorkflow, { method: "POST", params: at(workflow.id), headers: { cookie } });
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { ...response.body, updatedAt: expect.stringMatching(ISO) } });
    const redeployed = await deploy(workflow.id);
    expect(redeployed.body.version).toBe(2);
  });
});
