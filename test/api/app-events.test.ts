import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listAppEvents, POST as createAppEvent } from "@/app/api/v1/projects/[projectId]/app-events/route";
import { DELETE as deleteAppEvent, GET as getAppEvent, PATCH as updateAppEvent } from "@/app/api/v1/projects/[projectId]/app-events/[appEventId]/route";
import { db } from "@/lib/db/client";
import { listenForConfigChanges } from "@/lib/sdk-config/config-changes";
import { getProjectConfig } from "@/lib/sdk-config/get-project-config";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { deployWorkflow } from "@/lib/workflows/deploy-workflow";
import { undeployWorkflow } from "@/lib/workflows/undeploy-workflow";
import { callRoute, createTestApiKey, createTestProject, sessionCookie } from "@/test/factories";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });
const UNUSED = { workflowCount: 0, deployedWorkflows: [], lastReceivedAt: null, last24h: 0 };
const CONTACT = { name: "Brandon", email: "brandon@useparagon.com", age: 31, tags: ["lead"] };
const CONTACT_SCHEMA = {
  type: "object",
  properties: {
    name: { type: "string" },
    email: { type: "string", format: "email" },
    age: { type: "integer" },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["name", "email", "age", "tags"],
};

let project: Awaited<ReturnType<typeof createTestProject>>;
let other: Awaited<ReturnType<typeof createTestProject>>;
let cookie: string;
beforeAll(async () => {
  project = await createTestProject();
  other = await createTestProject();
  cookie = await sessionCookie(project.ownerId);
});

const uniqueName = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
const params = (appEventId: string, projectId = project.id) => ({ projectId, appEventId });

async function create(body: Record<string, unknown>, projectId = project.id) {
  const headers = { cookie: projectId === project.id ? cookie : await sessionCookie(other.ownerId) };
  const response = await callRoute(createAppEvent, { params: { projectId }, headers, body });
  expect(response.status).toBe(201);
  return response.body;
}

const patch = (appEventId: string, body: Record<string, unknown>) =>
  callRoute(updateAppEvent, { method: "PATCH", params: params(appEventId), headers: { cookie }, body });
const get = (appEventId: string) => callRoute(getAppEvent, { params: params(appEventId), headers: { cookie } });
const remove = (appEventId: string) => callRoute(deleteAppEvent, { method: "DELETE", params: params(appEventId), headers: { cookie } });

/** A workflow started by the App Event, deployed unless told otherwise. */
async function workflowOn(appEventId: string, options: { name?: string; deploy?: boolean } = {}) {
  const graph = { trigger: { type: "app_event" as const, appEventId }, steps: [], edges: [] };
  const workflow = await createWorkflow({ projectId: project.id, name: options.name ?? uniqueName("Sync"), graph });
  if (options.deploy !== false) await deployWorkflow({ projectId: project.id, workflowId: workflow.id, createdById: null });
  return workflow;
}

describe("creating and reading App Events", () => {
  it("derives the schema from the example, defaults to no validation, and reads back the same", async () => {
    const name = uniqueName("Contact Created");
    const created = await create({ name: `  ${name}  `, example: CONTACT });
    expect(created).toEqual({
      id: expect.any(String),
      name,
      example: CONTACT,
      jsonSchema: CONTACT_SCHEMA,
      validationMode: "off",
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      usage: UNUSED,
    });
    const fetched = await get(created.id);
    expect({ status: fetched.status, body: fetched.body }).toEqual({ status: 200, body: created });
    expect(await db.appEvent.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      projectId: project.id,
      example: CONTACT,
      jsonSchema: CONTACT_SCHEMA,
      validationMode: "off",
    });
  });

  it("keeps a schema and mode given on create", async () => {
    const jsonSchema = { type: "object", properties: { id: { type: "string", minLength: 1 } }, required: ["id"], additionalProperties: false };
    const created = await create({ name: uniqueName("Invoice Paid"), example: { id: "inv_1" }, jsonSchema, validationMode: "reject" });
    expect(created).toMatchObject({ jsonSchema, validationMode: "reject" });
  });

  it("lists the project's App Events by name and no other project's", async () => {
    const tag = randomUUID().slice(0, 8);
    const b = await create({ name: `B ${tag}`, example: {} });
    const a = await create({ name: `A ${tag}`, example: { x: 1 } });
    const theirs = await create({ name: `A ${tag}`, example: {} }, other.id);
    const list = await callRoute(listAppEvents, { params: { projectId: project.id }, headers: { cookie } });
    expect(list.status).toBe(200);
    const ids = list.body.appEvents.map((event: { id: string }) => event.id);
    expect(ids.filter((id: string) => [a.id, b.id].includes(id))).toEqual([a.id, b.id]);
    expect(ids).not.toContain(theirs.id);
    expect(list.body.appEvents.find((event: { id: string }) => event.id === a.id)).toEqual(a);
  });

  it("is open to project API keys", async () => {
    const key = await createTestApiKey(project.id);
    const headers = { authorization: `Bearer ${key.key}` };
    const created = await callRoute(createAppEvent, { params: { projectId: project.id }, headers, body: { name: uniqueName("From CI"), example: { a: true } } });
    expect(created.status).toBe(201);
    const fetched = await callRoute(getAppEvent, { params: params(created.body.id), headers });
    expect({ status: fetched.status, body: fetched.body }).toEqual({ status: 200, body: created.body });
  });
});

describe("refused App Events", () => {
  it("409 for a name the project already uses, on create and on rename", async () => {
    const name = uniqueName("Taken");
    const first = await create({ name, example: {} });
    const again = await callRoute(createAppEvent, { params: { projectId: project.id }, headers: { cookie }, body: { name, example: { other: 1 } } });
    const conflict = error("conflict", `An App Event named “${name}” already exists in this project`);
    expect({ status: again.status, body: again.body }).toEqual({ status: 409, body: conflict });
    const second = await create({ name: uniqueName("Second"), example: {} });
    const renamed = await patch(second.id, { name });
    expect({ status: renamed.status, body: renamed.body }).toEqual({ status: 409, body: conflict });
    expect(await db.appEvent.count({ where: { projectId: project.id, name } })).toBe(1);
    expect((await get(first.id)).body.example).toEqual({});
  });

  it("allows the same name in another project", async () => {
    const name = uniqueName("Shared name");
    await create({ name, example: {} });
    await create({ name, example: {} }, other.id);
  });

  it.each([
    ["an array", [{ id: 1 }]],
    ["a string", '{"id": 1}'],
    ["null", null],
  ])("422 with the example's path when the example is %s", async (_label, example) => {
    const name = uniqueName("Not an object");
    const response = await callRoute(createAppEvent, { params: { projectId: project.id }, headers: { cookie }, body: { name, example } });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The request is not valid", [{ path: "example", message: 'The example payload must be a JSON object, like { "id": 1 }' }]),
    });
    expect(await db.appEvent.count({ where: { projectId: project.id, name } })).toBe(0);
  });

  it("422 listing the problems of an invalid JSON Schema, on create and on update", async () => {
    const name = uniqueName("Bad schema");
    const jsonSchema = { type: "object", properties: { id: { type: "strng" } }, requried: ["id"] };
    const problems = error("validation_failed", "The JSON Schema is not valid", [
      { path: "jsonSchema.properties.id.type", message: "must be equal to one of the allowed values: array, boolean, integer, null, number, object, string" },
    ]);
    const created = await callRoute(createAppEvent, { params: { projectId: project.id }, headers: { cookie }, body: { name, example: {}, jsonSchema } });
    expect({ status: created.status, body: created.body }).toEqual({ status: 422, body: problems });
    expect(await db.appEvent.count({ where: { projectId: project.id, name } })).toBe(0);

    const event = await create({ name, example: { id: "a" } });
    const updated = await patch(event.id, { jsonSchema: { type: "object", requried: ["id"] }, validationMode: "reject" });
    expect({ status: updated.status, body: updated.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The JSON Schema is not valid", [{ path: "jsonSchema", message: 'strict mode: unknown keyword: "requried"' }]),
    });
    expect(await db.appEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ jsonSchema: event.jsonSchema, validationMode: "off" });
  });
});

describe("updating an App Event", () => {
  it("derives the schema again from a new example, unless a schema comes with it", async () => {
    const event = await create({ name: uniqueName("Order"), example: { id: 1 } });
    const derived = await patch(event.id, { example: { id: "o_1", total: 9.5 } });
    expect(derived.status).toBe(200);
    expect(derived.body).toMatchObject({
      example: { id: "o_1", total: 9.5 },
      jsonSchema: { type: "object", properties: { id: { type: "string" }, total: { type: "number" } }, required: ["id", "total"] },
    });
    const jsonSchema = { type: "object", properties: { id: { type: "string" } } };
    const given = await patch(event.id, { example: { id: "o_2" }, jsonSchema, validationMode: "warn" });
    expect(given.body).toMatchObject({ example: { id: "o_2" }, jsonSchema, validationMode: "warn" });
    const modeOnly = await patch(event.id, { validationMode: "off" });
    expect(modeOnly.body).toMatchObject({ example: { id: "o_2" }, jsonSchema, validationMode: "off" });
  });

  it("refuses to rename an event deployed workflows use without confirmRename, and keeps them on it with it", async () => {
    const name = uniqueName("Contact Created");
    const event = await create({ name, example: CONTACT });
    const salesforce = await workflowOn(event.id, { name: "Sync to Salesforce" });
    const hubspot = await workflowOn(event.id, { name: "Sync to HubSpot" });
    const draft = await workflowOn(event.id, { deploy: false });
    const newName = uniqueName("Person Created");

    const refused = await patch(event.id, { name: newName });
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 409,
      body: error(
        "conflict",
        `“${name}” starts deployed workflows “Sync to HubSpot” and “Sync to Salesforce”. They keep working after the rename, but your app must send “${newName}” from then on; confirm the rename to go ahead.`,
        { deployedWorkflows: [{ id: hubspot.id, name: "Sync to HubSpot" }, { id: salesforce.id, name: "Sync to Salesforce" }] },
      ),
    });
    expect((await db.appEvent.findUniqueOrThrow({ where: { id: event.id } })).name).toBe(name);
    expect((await patch(event.id, { name: newName, confirmRename: false })).status).toBe(409);

    const renamed = await patch(event.id, { name: newName, confirmRename: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: newName,
      usage: { workflowCount: 3, deployedWorkflows: [{ id: hubspot.id, name: "Sync to HubSpot" }, { id: salesforce.id, name: "Sync to Salesforce" }] },
    });
    for (const workflow of [salesforce, hubspot]) {
      expect(await db.workflow.findUniqueOrThrow({ where: { id: workflow.id } })).toMatchObject({ triggerType: "app_event", triggerAppEventId: event.id });
    }
    expect((await db.workflow.findUniqueOrThrow({ where: { id: draft.id } })).draft).toMatchObject({ trigger: { appEventId: event.id } });
  });

  it("renames freely an event that only drafts use", async () => {
    const event = await create({ name: uniqueName("Draft only"), example: {} });
    await workflowOn(event.id, { deploy: false });
    const newName = uniqueName("Renamed");
    const renamed = await patch(event.id, { name: newName });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: newName, usage: { workflowCount: 1, deployedWorkflows: [] } });
  });
});

describe("deleting an App Event", () => {
  it("refuses while a deployed workflow uses it, and deletes it once none does", async () => {
    const name = uniqueName("Ticket Opened");
    const event = await create({ name, example: { id: 1 } });
    const workflow = await workflowOn(event.id, { name: "Open a Zendesk ticket" });

    const refused = await remove(event.id);
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 409,
      body: error("conflict", `“${name}” cannot be deleted: it starts deployed workflow “Open a Zendesk ticket”. Undeploy them or give them another trigger first.`, {
        deployedWorkflows: [{ id: workflow.id, name: "Open a Zendesk ticket" }],
      }),
    });
    expect(await db.appEvent.count({ where: { id: event.id } })).toBe(1);

    await undeployWorkflow({ projectId: project.id, workflowId: workflow.id });
    const deleted = await remove(event.id);
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: null });
    expect(await db.appEvent.count({ where: { id: event.id } })).toBe(0);
    expect((await get(event.id)).status).toBe(404);
  });

  it("204 for an unused event", async () => {
    const event = await create({ name: uniqueName("Unused"), example: {} });
    expect((await remove(event.id)).status).toBe(204);
    expect(await db.appEvent.count({ where: { id: event.id } })).toBe(0);
  });
});

describe("usage", () => {
  it("counts workflows on the draft or deployed trigger, and events received overall and in the last 24 h", async () => {
    const event = await create({ name: uniqueName("Usage"), example: {} });
    const deployed = await workflowOn(event.id, { name: "A deployed one" });
    await workflowOn(event.id, { deploy: false });
    const hour = 60 * 60 * 1000;
    const latest = new Date(Date.now() - hour);
    await db.event.createMany({
      data: [new Date(Date.now() - 50 * hour), new Date(Date.now() - 2 * hour), latest].map((receivedAt) => ({
        id: randomUUID(),
        projectId: project.id,
        appEventId: event.id,
        name: event.name,
        payload: {},
        source: "api",
        response: {},
        receivedAt,
      })),
    });
    const fetched = await get(event.id);
    expect(fetched.body.usage).toEqual({
      workflowCount: 2,
      deployedWorkflows: [{ id: deployed.id, name: "A deployed one" }],
      lastReceivedAt: latest.toISOString(),
      last24h: 2,
    });
  });
});

describe("App Events that are not there", () => {
  const notFound = { status: 404, body: error("not_found", "App Event not found") };

  it.each([
    ["an unknown id", async () => randomUUID()],
    ["another project's App Event", async () => (await create({ name: uniqueName("Theirs"), example: { secret: 1 } }, other.id)).id],
  ])("404 for %s, and changes nothing", async (_label, appEventId) => {
    const id = await appEventId();
    const before = await db.appEvent.findUnique({ where: { id } });
    for (const response of [await get(id), await patch(id, { name: "hijacked", validationMode: "reject" }), await remove(id)]) {
      expect({ status: response.status, body: response.body }).toEqual(notFound);
    }
    expect(await db.appEvent.findUnique({ where: { id } })).toEqual(before);
  });
});

describe("the SDK's cached configuration", () => {
  it("sees a new validation mode after a PATCH, through the change announcement", async () => {
    const name = uniqueName("Cached");
    const event = await create({ name, example: { id: 1 } });
    const modeOf = async () => (await getProjectConfig(project.id))?.appEventsByName.get(name)?.validationMode;
    expect(await modeOf()).toBe("off");
    // The first read started this process's listener; wait until it hears announcements.
    await listenForConfigChanges(() => {}, () => {});

    expect((await patch(event.id, { validationMode: "reject" })).status).toBe(200);
    // The cache keeps entries for 30 s, so only the announcement can make the new mode visible this soon.
    const deadline = Date.now() + 5000;
    let mode = await modeOf();
    while (mode !== "reject" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      mode = await modeOf();
    }
    expect(mode).toBe("reject");
  });
});
