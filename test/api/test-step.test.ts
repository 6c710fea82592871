import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as testStep } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/test-step/route";
import { db } from "@/lib/db/client";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { functionStep, requestStep, startStub, type TStub } from "@/test/engine-helpers";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";

const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

let project: Awaited<ReturnType<typeof createTestProject>>;
let other: Awaited<ReturnType<typeof createTestProject>>;
let cookie: string;
let stub: TStub;
let workflowId: string;
const allowHosts = process.env.REQUEST_ALLOW_HOSTS;

const SUM = "function (params, context) { console.log('adding'); return { sum: params.a + params.b, user: context.user.id, plan: context.settings.plan } }";

beforeAll(async () => {
  process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1";
  stub = await startStub();
  project = await createTestProject();
  other = await createTestProject();
  cookie = await sessionCookie(project.ownerId);
  const steps = [
    functionStep("sum", SUM, { a: "{{trigger.payload.a}}", b: "{{steps.lookup.output.b}}" }),
    functionStep("boom", "function () { throw new TypeError('no way') }"),
    requestStep("call", `${stub.url}/contacts/{{trigger.payload.id}}`, {
      config: { method: "POST", url: `${stub.url}/contacts/{{trigger.payload.id}}`, headers: [{ key: "Authorization", value: "Bearer {{settings.token}}" }], query: [], body: { kind: "json", json: '{"email": "{{trigger.payload.email}}"}' } },
    }),
    requestStep("failing", `${stub.url}/down`),
    { id: "wait", name: "Wait", type: "delay", config: { value: 1, unit: "minutes" } },
    { id: "each", name: "Each", type: "fan_out", config: { items: "{{trigger.payload.items}}" } },
    { id: "reply", name: "Reply", type: "response", config: { statusCode: 200, body: "ok" } },
  ];
  const workflow = await createWorkflow({ projectId: project.id, name: "Testable", graph: { trigger: { type: "app_event", appEventId: null }, steps, edges: [] } as unknown as TWorkflowGraph });
  workflowId = workflow.id;
});

afterAll(async () => {
  process.env.REQUEST_ALLOW_HOSTS = allowHosts;
  await stub.close();
});

const post = (body: unknown, params: Record<string, string> = { projectId: project.id, workflowId }) => callRoute(testStep, { params, headers: { cookie }, body });

/** Runs, step runs and versions of both projects: a test step records none of them. */
const recorded = async () => ({
  runs: await db.run.count({ where: { projectId: { in: [project.id, other.id] } } }),
  stepRuns: await db.stepRun.count({ where: { run: { projectId: { in: [project.id, other.id] } } } }),
  versions: await db.workflowVersion.count({ where: { projectId: { in: [project.id, other.id] } } }),
});

describe("testing a Function step", () => {
  it("resolves its params from the trigger payload and upstream outputs, and answers the output and logs; nothing is recorded", async () => {
    const before = await recorded();
    const response = await post({
      stepId: "sum",
      triggerPayload: { a: 2 },
      stepOutputs: { lookup: { b: 40 } },
      user: { id: "user-7", metadata: { plan: "pro" } },
      settings: { plan: "gold" },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: "succeeded",
      input: { params: { a: 2, b: 40 } },
      output: { sum: 42, user: "user-7", plan: "gold" },
      logs: [{ level: "log", message: "adding" }],
      durationMs: expect.any(Number),
    });
    expect(await recorded()).toEqual(before);
  });

  it("answers 200 with status failed and the typed step error when the function throws", async () => {
    const response = await post({ stepId: "boom", triggerPayload: {} });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "failed",
      input: { params: {} },
      error: { code: "function_error", message: "TypeError: no way", retryable: false },
      logs: [],
    });
    expect(response.body.output).toBeUndefined();
  });

  it("fails with the template error when an upstream output it uses was not given", async () => {
    const response = await post({ stepId: "sum", triggerPayload: { a: 1 } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "failed", error: { code: "template_missing_path", details: { path: "steps.lookup.output.b" }, retryable: false } });
  });
});

describe("testing a Request step", () => {
  it("sends the resolved request once and answers the response, with the Authorization value masked", async () => {
    stub.on("/contacts/c_9", (request) => ({ status: 201, body: { created: request.json } }));
    const response = await post({ stepId: "call", triggerPayload: { id: "c_9", email: "a@b.co" }, settings: { token: "s3cret" } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "succeeded",
      input: { method: "POST", url: `${stub.url}/contacts/c_9`, headers: { authorization: "Bearer ••••", "content-type": "application/json" }, body: '{"email":"a@b.co"}' },
      output: { statusCode: 201, body: { created: { email: "a@b.co" } } },
      logs: [],
    });
    expect(stub.hits("/contacts/c_9").map((hit) => hit.headers.authorization)).toEqual(["Bearer s3cret"]);
  });

  it("does not retry a failing request: one attempt, 200 with status failed and the http_error", async () => {
    stub.on("/down", () => ({ status: 503, body: { error: "maintenance" } }));
    const hitsBefore = stub.hits("/down").length;
    const response = await post({ stepId: "failing", triggerPayload: {} });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "failed", error: { code: "http_error", retryable: true, details: { statusCode: 503 } } });
    expect(stub.hits("/down").length - hitsBefore).toBe(1);
  });

  it("keeps the address guard: a loopback URL is blocked unless REQUEST_ALLOW_HOSTS names it", async () => {
    process.env.REQUEST_ALLOW_HOSTS = "";
    try {
      const response = await post({ stepId: "call", triggerPayload: { id: "guarded", email: "x@y.z" }, settings: { token: "t" } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: "failed", error: { code: "request_blocked", details: { reason: "loopback" } } });
    } finally {
      process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1";
    }
    expect(stub.hits("/contacts/guarded")).toHaveLength(0);
  });
});

describe("what cannot be tested", () => {
  it.each([
    ["wait", "“Wait” cannot be tested on its own: a Delay step only waits; test-run the workflow to see it"],
    ["each", "“Each” cannot be tested on its own: a Fan-out step runs the steps inside it once per item; test those steps, or test-run the workflow"],
    ["reply", "“Reply” cannot be tested on its own: a Response step only shapes the answer to the request; test-run the workflow to see it"],
  ])("422 for the %s step", async (stepId, message) => {
    const response = await post({ stepId, triggerPayload: {} });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", message, [{ path: "stepId", message: "Only Request and Function steps can be tested on their own" }]),
    });
  });

  it("422 for a step id the saved draft does not have", async () => {
    const response = await post({ stepId: "unsaved", triggerPayload: {} });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The saved draft has no step “unsaved”; save the draft, then test the step", [
        { path: "stepId", message: "No step of the saved draft has this id" },
      ]),
    });
  });

  it("422 naming each bad field of the body", async () => {
    const response = await post({ stepId: "", stepOutputs: [], user: { id: 7 } });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 422,
      body: error("validation_failed", "The request is not valid", [
        { path: "stepId", message: "Too small: expected string to have >=1 characters" },
        { path: "stepOutputs", message: "Invalid input: expected record, received array" },
        { path: "user.id", message: "Invalid input: expected string, received number" },
      ]),
    });
  });

  it.each([
    ["an unknown workflow", async () => randomUUID()],
    ["another project's workflow with the same step", async () => (await createWorkflow({ projectId: other.id, name: "Theirs", graph: { trigger: { type: "request", method: "POST" }, steps: [functionStep("sum", SUM)], edges: [] } as unknown as TWorkflowGraph })).id],
  ])("404 for %s, and runs nothing", async (_label, id) => {
    const before = await recorded();
    const response = await post({ stepId: "sum", triggerPayload: { a: 1 }, stepOutputs: { lookup: { b: 1 } } }, { projectId: project.id, workflowId: await id() });
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: error("not_found", "Workflow not found") });
    expect(await recorded()).toEqual(before);
  });
});
