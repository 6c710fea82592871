import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listUsers } from "@/app/api/v1/projects/[projectId]/users/route";
import { DELETE as disableWorkflow, PUT as enableWorkflow } from "@/app/api/v1/projects/[projectId]/users/[userId]/workflows/[workflowId]/route";
import { db } from "@/lib/db/client";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { callRoute, createTestApiKey, createTestProject, sessionCookie } from "@/test/factories";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

let project: Awaited<ReturnType<typeof createTestProject>>;
let other: Awaited<ReturnType<typeof createTestProject>>;
let cookie: string;
let apiKeyHeaders: Record<string, string>;
let workflowId: string;
beforeAll(async () => {
  project = await createTestProject();
  other = await createTestProject();
  cookie = await sessionCookie(project.ownerId);
  apiKeyHeaders = { authorization: `Bearer ${(await createTestApiKey(project.id)).key}` };
  workflowId = (await createWorkflow({ projectId: project.id, name: "Sync contacts" })).id;
});

const activation = (userId: string, workflow = workflowId, projectId = project.id) => ({ projectId, userId, workflowId: workflow });
const enable = (userId: string, body: Record<string, unknown>, workflow = workflowId) =>
  callRoute(enableWorkflow, { method: "PUT", params: activation(userId, workflow), headers: apiKeyHeaders, body });
const disable = (userId: string, workflow = workflowId) =>
  callRoute(disableWorkflow, { method: "DELETE", params: activation(userId, workflow), headers: apiKeyHeaders });
const list = (query = "", projectId = project.id) =>
  callRoute(listUsers, { params: { projectId }, path: `/api/v1/test${query}`, headers: { cookie } });

async function createUsers(prefix: string, createdAts: Date[]) {
  for (const [index, createdAt] of createdAts.entries()) {
    await db.connectedUser.create({ data: { projectId: project.id, externalId: `${prefix}${index}`, createdAt } });
  }
  return db.connectedUser.findMany({
    where: { projectId: project.id, externalId: { startsWith: prefix } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, externalId: true },
  });
}

describe("switching workflows on and off for a user", () => {
  it("creates a user never seen before and enables the workflow with their settings", async () => {
    const externalId = `server-made ${randomUUID()}@example.com/ünïcode`;
    const response = await enable(externalId, { settings: { channel: "#sales", notify: true } });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 200,
      body: { workflowId, userId: externalId, enabled: true, settings: { channel: "#sales", notify: true } },
    });
    const user = await db.connectedUser.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId } } });
    expect(user.metadata).toEqual({});

    const listed = await list(`?q=${encodeURIComponent(externalId)}`);
    expect(listed.body).toEqual({
      users: [{ id: user.id, externalId, metadata: {}, createdAt: expect.stringMatching(ISO), lastSeenAt: expect.stringMatching(ISO), enabledWorkflowIds: [workflowId] }],
      nextCursor: null,
    });
  });

  it("keeps settings when enabled again without them, replaces them when given, and keeps them when disabled", async () => {
    const externalId = `settings-${randomUUID()}`;
    await enable(externalId, { settings: { threshold: 5 } });
    expect((await enable(externalId, {})).body).toEqual({ workflowId, userId: externalId, enabled: true, settings: { threshold: 5 } });
    expect((await enable(externalId, { settings: { threshold: 9 } })).body.settings).toEqual({ threshold: 9 });

    const disabled = await disable(externalId);
    expect({ status: disabled.status, body: disabled.body }).toEqual({
      status: 200,
      body: { workflowId, userId: externalId, enabled: false, settings: { threshold: 9 } },
    });
    expect((await list(`?q=${externalId}`)).body.users[0].enabledWorkflowIds).toEqual([]);
    expect((await enable(externalId, {})).body).toMatchObject({ enabled: true, settings: { threshold: 9 } });
    expect(await db.connectedUser.count({ where: { projectId: project.id, externalId } })).toBe(1);
  });

  it("records an opt-out for a known user who never switched the workflow on", async () => {
    const externalId = `opt-out-${randomUUID()}`;
    const user = await db.connectedUser.create({ data: { projectId: project.id, externalId } });
    const response = await disable(externalId);
    expect(response.body).toEqual({ workflowId, userId: externalId, enabled: false, settings: {} });
    const row = await db.workflowActivation.findUniqueOrThrow({ where: { workflowId_connectedUserId: { workflowId, connectedUserId: user.id } } });
    expect(row).toMatchObject({ projectId: project.id, enabled: false });
  });

  it("answers 404 for an unknown or foreign workflow, and creates no user", async () => {
    const foreign = await createWorkflow({ projectId: other.id, name: "Theirs" });
    for (const id of [randomUUID(), foreign.id]) {
      const externalId = `nobody-${randomUUID()}`;
      for (const response of [await enable(externalId, { settings: {} }, id), await disable(externalId, id)]) {
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: error("not_found", "Workflow not found") });
      }
      expect(await db.connectedUser.count({ where: { externalId } })).toBe(0);
    }
    expect(await db.workflowActivation.count({ where: { workflowId: foreign.id } })).toBe(0);
  });

  it("answers 404 when disabling for a user the project does not know, even one known to another project", async () => {
    const externalId = `elsewhere-${randomUUID()}`;
    await db.connectedUser.create({ data: { projectId: other.id, externalId } });
    const response = await disable(externalId);
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: error("not_found", "Connected user not found") });
    expect(await db.connectedUser.count({ where: { projectId: project.id, externalId } })).toBe(0);
  });

  it("answers 404 for a malformed workflow id and 422 for settings that are not an object", async () => {
    const malformed = await callRoute(enableWorkflow, { method: "PUT", params: activation("someone", "42"), headers: apiKeyHeaders, body: {} });
    expect({ status: malformed.status, body: malformed.body }).toEqual({ status: 404, body: error("not_found", "Not found") });
    const externalId = `bad-settings-${randomUUID()}`;
    const invalid = await enable(externalId, { settings: ["a"] });
    expect({ status: invalid.status, body: invalid.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The request is not valid", [{ path: "settings", message: "Invalid input: expected record, received array" }]),
    });
    expect(await db.connectedUser.count({ where: { externalId } })).toBe(0);
  });
});

describe("listing connected users", () => {
  it("pages newest first with an opaque cursor, breaking createdAt ties by id", async () => {
    const prefix = `page-${randomUUID().slice(0, 8)}-`;
    const t = Date.parse("2030-01-01T00:00:00.000Z");
    const expected = await createUsers(prefix, [new Date(t), new Date(t + 1000), new Date(t + 1000), new Date(t + 2000), new Date(t + 3000)]);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?q=${prefix}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await list(query);
      expect(page.status).toBe(200);
      pageSizes.push(page.body.users.length);
      seen.push(...page.body.users.map((u: { externalId: string }) => u.externalId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(expected.map((u) => u.externalId));
    expect(seen.slice(0, 2)).toEqual([`${prefix}4`, `${prefix}3`]);
  });

  it("ends with a null cursor when the last page is exactly full", async () => {
    const prefix = `full-${randomUUID().slice(0, 8)}-`;
    await createUsers(prefix, [new Date(), new Date()]);
    const page = await list(`?q=${prefix}&limit=2`);
    expect(page.body.users).toHaveLength(2);
    expect(page.body.nextCursor).toBeNull();
  });

  it("matches ?q= as a literal prefix of the external id", async () => {
    const tag = randomUUID().slice(0, 8);
    await createUsers(`${tag}_`, [new Date()]);
    await createUsers(`${tag}x`, [new Date()]);
    await createUsers(`x${tag}_`, [new Date()]);
    const found = await list(`?q=${tag}_`);
    expect(found.body.users.map((u: { externalId: string }) => u.externalId)).toEqual([`${tag}_0`]);
    const percent = await list(`?q=${encodeURIComponent(`${tag}%`)}`);
    expect(percent.body.users).toEqual([]);
  });

  it("lists only the project's own users", async () => {
    const externalId = `mine-or-theirs-${randomUUID()}`;
    await db.connectedUser.create({ data: { projectId: other.id, externalId } });
    expect((await list(`?q=${externalId}`)).body).toEqual({ users: [], nextCursor: null });
  });

  it.each([
    ["?limit=0", [{ path: "limit", message: "Too small: expected number to be >=1" }]],
    ["?limit=101", [{ path: "limit", message: "Too big: expected number to be <=100" }]],
    ["?limit=ten", [{ path: "limit", message: "Invalid input: expected number, received NaN" }]],
    ["?cursor=not-a-cursor", [{ path: "cursor", message: "Use the nextCursor of a previous page" }]],
    [`?cursor=${Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url")}`, [{ path: "cursor", message: "Use the nextCursor of a previous page" }]],
  ])("answers 422 for %s", async (query, details) => {
    const response = await list(query);
    expect({ status: response.status, body: response.body }).toEqual({ status: 422, body: error("validation_failed", "The request is not valid", details) });
  });
});
