// A Request trigger's call answered by a real worker process: the Response step's answer as soon as it is
// committed while the run goes on, 504 with the status URL when the timeout passes first, 502 when the run fails
// first, 202 when it ends without a Response. This process is the web side: it never executes a run, and waits on
// one LISTEN connection whatever the number of calls. The SDK's workflow() is called over real HTTP through the
// production server's fast path. A database of its own, so the worker runs no other test's jobs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createRequestListener } from "@/lib/http/fast-path-listener";
import { createSwitchyard, SwitchyardError } from "@/lib/sdk";
import { createGate, createMigratedDatabase, spawnWorker, startStub, stopWorker, type TStub, type TWorkerProcess, useDatabase, waitFor } from "@/test/engine-helpers";
import { createDeployedWorkflow } from "@/test/engine-factories";
import { createSdkProject } from "@/test/sdk/sdk-helpers";
import { answer, callTrigger, delay, deployRequestWorkflow, errorBody, fn, getRunStatus, respond } from "./request-trigger-helpers";

const sharedUrl = process.env.DATABASE_URL as string;
let database: Awaited<ReturnType<typeof createMigratedDatabase>>;
let worker: TWorkerProcess;
let stub: TStub;
let server: http.Server;
let baseUrl: string;
let world: Awaited<ReturnType<typeof createSdkProject>>;
let projectId: string;

const held = (path: string) => ({ id: "hold", name: "hold", type: "request", config: { method: "POST", url: `${stub.url}${path}`, headers: [], query: [], body: { kind: "none" }, timeoutMs: 120_000 } });

beforeAll(async () => {
  database = await createMigratedDatabase();
  await useDatabase(database.databaseUrl);
  stub = await startStub();
  world = await createSdkProject();
  projectId = world.project.id;
  worker = spawnWorker({ databaseUrl: database.databaseUrl, env: { REQUEST_ALLOW_HOSTS: "127.0.0.1", WORKER_CONCURRENCY: "8" } });
  await waitFor("the worker's heartbeat", async () => ((await db.workerHeartbeat.count()) > 0 ? true : null), { timeoutMs: 90_000, describe: () => worker.output() });
  server = http.createServer(createRequestListener({ fallback: (_req, res) => res.writeHead(404).end() }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  // An orderly stop, or a kill when a run it holds does not let it stop soon.
  if (worker?.alive()) {
    worker.child.kill("SIGTERM");
    const stopped = await Promise.race([worker.exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20_000))]);
    if (!stopped) await stopWorker(worker, "SIGKILL");
  }
  await stub?.close();
  await useDatabase(sharedUrl);
  await database?.drop();
}, 60_000);

const runOf = (runId: string) => db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, output: true } });

describe("a workflow with a Response step", () => {
  it("answers with its status, headers and body as soon as it is committed, while the run goes on", async () => {
    const gate = createGate();
    stub.on("/after-reply", async () => {
      await gate.opened;
      return { body: { done: true } };
    });
    const workflowId = await deployRequestWorkflow(projectId, [
      fn("greet", "function (params) { return { greeting: 'Hi ' + params.name } }", { name: "{{trigger.body.name}}" }),
      respond("reply", 201, '{"greeting": "{{steps.greet.output.greeting}}", "page": "{{trigger.query.page}}", "version": "{{trigger.headers.x-api-version}}"}', {
        "x-request-id": "{{trigger.body.id}}",
        "set-cookie": "planted=1",
      }),
      held("/after-reply"),
    ]);
    const token = await world.token({ sub: "answered-user" });
    const response = await callTrigger(projectId, workflowId, { token, body: { name: "Ada", id: "req-7" }, query: "page=3", headers: { "x-api-version": "2026-01" } });

    expect(answer(response)).toEqual({ status: 201, body: { greeting: "Hi Ada", page: "3", version: "2026-01" } });
    expect(response.headers.get("x-request-id")).toBe("req-7");
    expect(response.headers.get("content-type")).toBe("application/json");
    // A Response step cannot set cookies on this server's origin.
    expect(response.headers.get("set-cookie")).toBeNull();
    // Answered before the run could end: the Request after the Response waits for the gate, opened only now.
    await stub.waitForHits("/after-reply", 1);
    const [runRow] = await db.run.findMany({ where: { projectId, workflowId }, select: { id: true, status: true } });
    expect(runRow.status).toBe("running");
    gate.release();
    const run = await waitFor("the run to end", async () => {
      const current = await runOf(runRow.id);
      return current.status === "succeeded" || current.status === "failed" ? current : null;
    });
    expect(run.status).toBe("succeeded");
    expect(answer(await getRunStatus(projectId, runRow.id, token))).toEqual({
      status: 200,
      body: {
        runId: runRow.id,
        workflowId,
        status: "succeeded",
        createdAt: expect.any(String),
        finishedAt: expect.any(String),
        response: { statusCode: 201, headers: { "x-request-id": "req-7", "set-cookie": "planted=1" }, body: '{"greeting": "Hi Ada", "page": "3", "version": "2026-01"}' },
      },
    });
  });

  it("answers an answer too large for a notification from its stored row", async () => {
    const big = "x".repeat(20_000);
    const workflowId = await deployRequestWorkflow(projectId, [fn("make", `function () { return { text: "${big}" } }`), respond("reply", 200, "{{steps.make.output}}")]);
    const response = await callTrigger(projectId, workflowId, { token: await world.token({ sub: "big-answer" }) });
    expect(answer(response)).toEqual({ status: 200, body: { text: big } });
  });

  it("answers each of many calls at once with its own run's answer, through one LISTEN connection", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [respond("reply", 200, "{{trigger.body}}")]);
    const token = await world.token({ sub: "many-calls" });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, n) => callTrigger(projectId, workflowId, { token, body: { n } })));
    expect(responses.map(answer)).toEqual(Array.from({ length: 20 }, (_, n) => ({ status: 200, body: { n } })));
    const [{ listeners }] = await db.$queryRaw<{ listeners: number }[]>`
      SELECT count(*)::int AS listeners FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN switchyard_run_outcome'`;
    expect(listeners).toBe(1);
  });

  it("answers 504 with the run's id and status URL when the timeout passes first; the run goes on and its status URL has the response", async () => {
    const gate = createGate();
    stub.on("/slow", async () => {
      await gate.opened;
      return { body: { late: true } };
    });
    const workflowId = await deployRequestWorkflow(projectId, [held("/slow"), respond("reply", 200, '{"late": {{steps.hold.output.body.late}}}')], { trigger: { timeoutSeconds: 1 } });
    const token = await world.token({ sub: "timed-out" });
    const response = await callTrigger(projectId, workflowId, { token });
    const runId = response.body.error?.details?.runId as string;
    expect(answer(response)).toEqual({
      status: 504,
      body: errorBody("timeout", "The workflow did not reach a Response step within 1 second; its run goes on, and its status URL has its response once it has one", {
        runId: expect.any(String),
        statusUrl: `/projects/${projectId}/sdk/runs/${runId}`,
      }),
    });
    // Committed before the 504.
    expect(await db.run.count({ where: { id: runId, projectId, workflowId } })).toBe(1);
    expect(answer(await getRunStatus(projectId, runId, token))).toMatchObject({ status: 200, body: { runId, status: "running", response: null } });

    gate.release();
    const status = await waitFor("the status URL's response", async () => {
      const current = await getRunStatus(projectId, runId, token);
      return current.body.response ? current.body : null;
    });
    expect(status).toMatchObject({ runId, response: { statusCode: 200, headers: {}, body: '{"late": true}' } });
    await waitFor("the run to succeed", async () => ((await runOf(runId)).status === "succeeded" ? true : null));
  });

  it("answers 502 when the run fails before it reaches the Response step", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [fn("boom", "function () { throw new Error('nope') }"), respond("reply", 200, "ok")]);
    const token = await world.token({ sub: "failed-run" });
    const response = await callTrigger(projectId, workflowId, { token });
    const runId = response.body.error?.details?.runId as string;
    expect(answer(response)).toEqual({
      status: 502,
      body: errorBody("run_failed", "The workflow failed before it reached a Response step; its run has the details", { runId: expect.any(String), statusUrl: `/projects/${projectId}/sdk/runs/${runId}` }),
    });
    expect((await runOf(runId)).status).toBe("failed");
  });

  it("answers 202 { runId } when the run ends without reaching its Response step", async () => {
    const { workflowId } = await createDeployedWorkflow({
      projectId,
      enabledForAllUsers: true,
      graph: {
        trigger: { type: "request", method: "POST" },
        steps: [
          { id: "check", name: "check", type: "conditional", config: { condition: { combinator: "and", rules: [{ left: "{{trigger.body.reply}}", operator: "is_true" }] } } },
          respond("reply", 200, "replied"),
        ],
        edges: [{ id: "e1", source: "trigger", target: "check" }, { id: "e2", source: "check", target: "reply", branch: "true" }],
      },
    });
    const token = await world.token({ sub: "no-reply" });
    const silent = await callTrigger(projectId, workflowId, { token, body: { reply: false } });
    expect(answer(silent)).toEqual({ status: 202, body: { runId: expect.any(String) } });
    expect((await runOf(silent.body.runId)).status).toBe("succeeded");
    // Over HTTP, since the answer is plain text.
    const replied = await fetch(`${baseUrl}/projects/${projectId}/sdk/triggers/${workflowId}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ reply: true }),
    });
    expect({ status: replied.status, text: await replied.text(), type: replied.headers.get("content-type") }).toEqual({ status: 200, text: "replied", type: "text/plain; charset=utf-8" });
  });
});

describe("switchyard.workflow() over HTTP, through the production fast path", () => {
  const authenticated = async (sub: string) => {
    const switchyard = createSwitchyard();
    await switchyard.authenticate(projectId, await world.token({ sub }), { baseUrl });
    return switchyard;
  };

  it("sends body, query and headers, and resolves with the Response step's body", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [respond("reply", 200, '{"email": "{{trigger.body.email}}", "tags": {{trigger.query.tag}}, "trace": "{{trigger.headers.x-trace}}"}')]);
    const switchyard = await authenticated("sdk-user");
    const result = await switchyard.workflow(workflowId, { body: { email: "bowie@example.com" }, query: { tag: ["a", "b"] }, headers: { "X-Trace": "t-9" } });
    expect(result).toEqual({ email: "bowie@example.com", tags: ["a", "b"], trace: "t-9" });
  });

  it("resolves with { runId } for a workflow without a Response step", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [fn("f", "function () { return 1 }")]);
    const result = (await (await authenticated("sdk-202")).workflow(workflowId)) as { runId: string };
    expect(result).toEqual({ runId: expect.any(String) });
    const run = await db.run.findFirstOrThrow({ where: { id: result.runId, projectId } });
    expect(run.input).toMatchObject({ type: "request", body: {}, query: {} });
  });

  it("rejects with the 504's code and details when the timeout passes", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [delay("wait", 5), respond("reply", 200, "late")], { trigger: { timeoutSeconds: 1 } });
    const error = await (await authenticated("sdk-504")).workflow(workflowId).then(
      () => null,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(SwitchyardError);
    const { status, code, details } = error as SwitchyardError;
    expect({ status, code, details }).toEqual({ status: 504, code: "timeout", details: { runId: expect.any(String), statusUrl: expect.stringMatching(/^\/projects\/.+\/sdk\/runs\/.+$/) } });
  });

  it("rejects with workflow_error and the body when the Response step answers outside 2xx", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [respond("reply", 404, '{"found": false}')]);
    const error = await (await authenticated("sdk-404")).workflow(workflowId).then(
      () => null,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(SwitchyardError);
    const { status, code, message, details } = error as SwitchyardError;
    expect({ status, code, message, details }).toEqual({ status: 404, code: "workflow_error", message: "The workflow answered 404", details: { found: false } });
  });

  it("rejects with the server's 403 for a workflow that is not on for the user", async () => {
    const workflowId = await deployRequestWorkflow(projectId, [respond("reply", 200, "ok")], { enabledForAllUsers: false });
    const error = (await (await authenticated("sdk-403")).workflow(workflowId).catch((rejection: unknown) => rejection)) as SwitchyardError;
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status: 403, code: "forbidden", message: "This workflow is not enabled for this user" });
  });
});
