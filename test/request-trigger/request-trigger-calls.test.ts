// POST /projects/:projectId/sdk/triggers/:workflowId without a worker: what a call hands its run, the 202 of a
// workflow without a Response step, and every refusal with its exact status and body, none of which writes a
// Run, a ConnectedUser or a RunResponse row. Also GET /projects/:projectId/sdk/runs/:runId for the same user only.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { enableUserWorkflow } from "@/lib/connected-users/enable-user-workflow";
import { disableUserWorkflow } from "@/lib/connected-users/disable-user-workflow";
import { db } from "@/lib/db/client";
import { jsonParseMessage } from "@/test/api-helpers";
import { createDeployedWorkflow } from "@/test/engine-factories";
import { appEventGraph, createSdkProject, jobCount, nowSeconds, signToken, strayPrivateKeyPem } from "@/test/sdk/sdk-helpers";
import { answer, callTrigger, deployRequestWorkflow, errorBody, expectNothingWritten, fn, getRunStatus, requestGraph, respond } from "./request-trigger-helpers";

let world: Awaited<ReturnType<typeof createSdkProject>>;
let other: Awaited<ReturnType<typeof createSdkProject>>;
let projectId: string;
/** No Response step: answered 202 once its run is committed. */
let fireAndForget: string;

beforeAll(async () => {
  world = await createSdkProject();
  other = await createSdkProject();
  projectId = world.project.id;
  fireAndForget = await deployRequestWorkflow(projectId, [fn("work", "function (params) { return params }", { email: "{{trigger.body.email}}" })]);
});

describe("a call to a workflow without a Response step", () => {
  it("answers 202 { runId } once the run, its user and its job are committed, with the body, query and headers as its trigger", async () => {
    const token = await world.token({ sub: "caller-202" });
    const response = await callTrigger(projectId, fireAndForget, {
      token,
      body: { email: "brandon@example.com", tags: ["a"] },
      query: "page=2&tag=x&tag=y&empty=",
      headers: { "X-Api-Version": "2026-01", cookie: "session=secret", "x-trace": "t-1" },
    });
    expect(answer(response)).toEqual({ status: 202, body: { runId: expect.any(String) } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const run = await db.run.findFirstOrThrow({ where: { id: response.body.runId, projectId }, include: { connectedUser: true } });
    expect(run).toMatchObject({ workflowId: fireAndForget, triggerType: "request", status: "queued", eventId: null, connectedUser: { externalId: "caller-202" } });
    const input = run.input as { type: string; body: unknown; query: unknown; headers: Record<string, string> };
    expect({ type: input.type, body: input.body, query: input.query }).toEqual({
      type: "request",
      body: { email: "brandon@example.com", tags: ["a"] },
      query: { page: "2", tag: ["x", "y"], empty: "" },
    });
    // Names in lower case; the user token and the cookies never reach the run.
    expect(input.headers).toMatchObject({ "x-api-version": "2026-01", "x-trace": "t-1", "content-type": "application/json" });
    expect(Object.keys(input.headers)).not.toContain("authorization");
    expect(Object.keys(input.headers)).not.toContain("cookie");
    expect(JSON.stringify(run.input)).not.toContain(token);
    expect(await jobCount(run.id)).toBe(1);
  });

  it("takes a call without a body as the body {}", async () => {
    const response = await callTrigger(projectId, fireAndForget, { token: await world.token({ sub: "no-body" }) });
    expect(response.status).toBe(202);
    const run = await db.run.findFirstOrThrow({ where: { id: response.body.runId, projectId } });
    expect(run.input).toMatchObject({ type: "request", body: {}, query: {} });
  });

  it("runs a workflow that is off for every user for a user who switched it on", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [fn("f", "function () { return 1 }")], { enabledForAllUsers: false });
    await enableUserWorkflow({ projectId, externalId: "switched-on", workflowId });
    const user = await db.connectedUser.findFirstOrThrow({ where: { projectId, externalId: "switched-on" }, select: { id: true } });
    const response = await callTrigger(projectId, workflowId, { token: await world.token({ sub: "switched-on" }) });
    expect(response.status).toBe(202);
    expect(await db.run.count({ where: { id: response.body.runId, connectedUserId: user.id } })).toBe(1);
  });
});

describe("refusals: nothing is written", () => {
  const refused = async (id: string, workflowId: string, call: Parameters<typeof callTrigger>[2]) => answer(await expectNothingWritten(id, () => callTrigger(id, workflowId, call)));

  it("answers 404 for a project that does not exist", async () => {
    expect(await refused(randomUUID(), fireAndForget, { token: await world.token() })).toEqual({ status: 404, body: errorBody("not_found", "Project not found") });
  });

  it.each([
    ["no token", async () => undefined, "Send the user token as `Authorization: Bearer <user token>`"],
    ["a token that is not a JWT", async () => "not-a-jwt", "The user token is not a well-formed JWT"],
    ["a token of a key no project knows", async () => signToken(strayPrivateKeyPem()), "The user token's signature does not match any active signing key of this project"],
    ["another project's token", async () => other.token(), "The user token's signature does not match any active signing key of this project"],
  ])("answers 401 for %s", async (_label, token, message) => {
    expect(await refused(projectId, fireAndForget, { token: await token(), body: { email: "a@b.co" } })).toEqual({ status: 401, body: errorBody("unauthorized", message) });
  });

  it("answers 401 for an expired token, saying when it expired", async () => {
    const exp = nowSeconds() - 120;
    expect(await refused(projectId, fireAndForget, { token: await world.token({ exp }) })).toEqual({
      status: 401,
      body: errorBody("unauthorized", `The user token expired at ${new Date(exp * 1000).toISOString()}`),
    });
  });

  it.each<[string, () => Promise<string>, number, string, string]>([
    ["a workflow id that is not a UUID", async () => "not-a-uuid", 404, "not_found", "Workflow not found"],
    ["a workflow that does not exist", async () => randomUUID(), 404, "not_found", "Workflow not found"],
    ["another project's workflow", async () => deployRequestWorkflow(other.project.id, [fn("f", "function () { return 1 }")]), 404, "not_found", "Workflow not found"],
    [
      "a workflow that is not deployed",
      async () => (await db.workflow.create({ data: { projectId, name: "Draft only", draft: requestGraph([]) as object, enabledForAllUsers: true }, select: { id: true } })).id,
      404,
      "not_found",
      "This workflow is not deployed",
    ],
    [
      "a workflow started by an App Event",
      async () => (await createDeployedWorkflow({ projectId, graph: appEventGraph(world.appEvent.id), enabledForAllUsers: true })).workflowId,
      404,
      "not_found",
      "This workflow is not started by a Request trigger",
    ],
    [
      "a workflow that is off for every user, for a user who never switched it on",
      async () => deployRequestWorkflow(projectId, [fn("f", "function () { return 1 }")], { enabledForAllUsers: false }),
      403,
      "forbidden",
      "This workflow is not enabled for this user",
    ],
  ])("refuses %s", async (_label, workflowId, status, code, message) => {
    const id = await workflowId();
    expect(await refused(projectId, id, { token: await world.token({ sub: `never-seen-${randomUUID()}` }), body: { email: "a@b.co" } })).toEqual({ status, body: errorBody(code, message) });
  });

  it("answers 403 for a user who switched off a workflow that is on for every user", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [fn("f", "function () { return 1 }")]);
    const user = await db.connectedUser.create({ data: { projectId, externalId: `switched-off-${randomUUID()}` }, select: { id: true, externalId: true } });
    await disableUserWorkflow({ projectId, externalId: user.externalId, workflowId });
    expect(await refused(projectId, workflowId, { token: await world.token({ sub: user.externalId }) })).toEqual({
      status: 403,
      body: errorBody("forbidden", "This workflow is not enabled for this user"),
    });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await refused(projectId, fireAndForget, { token: await world.token(), rawBody: "{not json", headers: { "content-type": "application/json" } });
    expect(response).toEqual({ status: 400, body: errorBody("invalid_json", `The request body is not valid JSON: ${jsonParseMessage("{not json")}`) });
  });

  it("answers 400 for a query parameter PostgreSQL cannot store", async () => {
    expect(await refused(projectId, fireAndForget, { token: await world.token(), query: "name=a%00b" })).toEqual({
      status: 400,
      body: errorBody("bad_request", "The request contains text that cannot be stored", [{ in: "query", path: "/name", message: "The value contains a NUL character (U+0000), which cannot be stored" }]),
    });
  });

  it("answers 413 for a body over 1 MiB", async () => {
    const rawBody = JSON.stringify({ text: "x".repeat(1024 * 1024) });
    expect(await refused(projectId, fireAndForget, { token: await world.token(), rawBody, headers: { "content-type": "application/json" } })).toEqual({
      status: 413,
      body: errorBody("payload_too_large", "The request body is larger than 1 MiB"),
    });
  });
});

describe("the trigger's schemas", () => {
  let validated: string;
  beforeAll(async () => {
    validated = await deployRequestWorkflow(projectId, [fn("f", "function () { return 1 }")], {
      trigger: {
        bodySchema: { type: "object", properties: { email: { type: "string", format: "email" }, age: { type: "integer" } }, required: ["email"] },
        querySchema: { type: "object", properties: { page: { type: "string", pattern: "^[0-9]+$" } }, required: ["page"] },
        headersSchema: { type: "object", required: ["x-api-version"] },
      },
    });
  });

  it("refuses a call that breaks them with 422 and every path that does not match, writing nothing", async () => {
    const response = await expectNothingWritten(projectId, async () => callTrigger(projectId, validated, { token: await world.token({ sub: "schema-caller" }), body: { email: "not an email", age: 1.5 }, query: "page=two" }));
    expect(answer(response)).toEqual({
      status: 422,
      body: errorBody("validation_failed", "The request does not match this workflow's Request trigger", [
        { in: "body", path: "/age", message: "must be integer" },
        { in: "body", path: "/email", message: 'must match format "email"' },
        { in: "query", path: "/page", message: 'must match pattern "^[0-9]+$"' },
        { in: "headers", path: "", message: "must have property “x-api-version”" },
      ]),
    });
  });

  it("refuses a call without a body when the body schema requires fields", async () => {
    const refusedCall = await expectNothingWritten(projectId, async () => callTrigger(projectId, validated, { token: await world.token(), query: "page=1", headers: { "x-api-version": "1" } }));
    expect(answer(refusedCall)).toEqual({
      status: 422,
      body: errorBody("validation_failed", "The request does not match this workflow's Request trigger", [{ in: "body", path: "", message: "must have property “email”" }]),
    });
  });

  it("accepts a call that matches them", async () => {
    const response = await callTrigger(projectId, validated, { token: await world.token(), body: { email: "a@b.co", age: 3 }, query: "page=1", headers: { "X-API-Version": "1" } });
    expect(response.status).toBe(202);
  });
});

describe("GET /projects/:projectId/sdk/runs/:runId", () => {
  it("answers the run's status, and no response yet, to the user it ran for", async () => {
    const token = await world.token({ sub: "status-owner" });
    const { body } = await callTrigger(projectId, fireAndForget, { token, body: { email: "a@b.co" } });
    const response = await getRunStatus(projectId, body.runId, token);
    expect(answer(response)).toEqual({
      status: 200,
      body: { runId: body.runId, workflowId: fireAndForget, status: "queued", createdAt: expect.any(String), finishedAt: null, response: null },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers 404 for another user's run, another project's run, an unknown run and an id that is not a UUID", async () => {
    const { body } = await callTrigger(projectId, fireAndForget, { token: await world.token({ sub: "run-owner" }) });
    const notFound = { status: 404, body: errorBody("not_found", "Run not found") };
    expect(answer(await getRunStatus(projectId, body.runId, await world.token({ sub: "someone-else" })))).toEqual(notFound);
    expect(answer(await getRunStatus(other.project.id, body.runId, await other.token({ sub: "run-owner" })))).toEqual(notFound);
    expect(answer(await getRunStatus(projectId, randomUUID(), await world.token({ sub: "run-owner" })))).toEqual(notFound);
    expect(answer(await getRunStatus(projectId, "not-a-uuid", await world.token({ sub: "run-owner" })))).toEqual(notFound);
  });

  it("answers 401 without a valid token", async () => {
    const { body } = await callTrigger(projectId, fireAndForget, { token: await world.token({ sub: "token-owner" }) });
    expect(answer(await getRunStatus(projectId, body.runId, "not-a-jwt"))).toEqual({ status: 401, body: errorBody("unauthorized", "The user token is not a well-formed JWT") });
  });
});

describe("a workflow with a Response step", () => {
  it("waits for its answer rather than answering 202 (the response tests run it with a worker)", async () => {
    // Without a worker nothing answers: the call ends at its timeout, after the run was committed.
    const workflowId = await deployRequestWorkflow(projectId, [respond("reply", 200, "ok")], { trigger: { timeoutSeconds: 1 } });
    const token = await world.token({ sub: "nobody-answers" });
    const response = await callTrigger(projectId, workflowId, { token });
    const runId = response.body.error?.details?.runId as string;
    expect(answer(response)).toEqual({
      status: 504,
      body: errorBody("timeout", "The workflow did not reach a Response step within 1 second; its run goes on, and its status URL has its response once it has one", {
        runId: expect.any(String),
        statusUrl: `/projects/${projectId}/sdk/runs/${runId}`,
      }),
    });
    expect(await db.run.count({ where: { id: runId, projectId, workflowId } })).toBe(1);
    expect(answer(await getRunStatus(projectId, runId, token))).toMatchObject({ status: 200, body: { runId, status: "queued", response: null } });
  });
});
