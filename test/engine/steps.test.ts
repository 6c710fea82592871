// Every step kind end to end: deployed, dispatched for an App Event, advanced on the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { advanceRun } from "@/lib/runs/advance-run";
import { startRun } from "@/lib/runs/start-run";
import { createDeployedWorkflow } from "@/test/engine-factories";
import {
  createGate,
  functionStep,
  loadRun,
  queuedJobs,
  requestStep,
  rule,
  runOnce,
  sleepUntil,
  useEngineWorld,
} from "@/test/engine-helpers";

const engine = useEngineWorld();

const noRetry = { retry: { maxRetries: 0 } };

describe("Request step", () => {
  it("sends the templated request and records a 2xx answer as the step's output", async () => {
    engine.stub.on("/contacts", (request) => ({ status: 201, body: { id: 7, got: request.json } }));
    const run = await runOnce(
      engine.world,
      [requestStep("send", `${engine.stub.url}/contacts`, { config: { method: "POST", url: `${engine.stub.url}/contacts`, headers: [{ key: "X-Tag", value: "{{trigger.payload.tag}}" }], query: [{ key: "q", value: "1" }], body: { kind: "json", json: '{"email": "{{trigger.payload.email}}"}' } } })],
      { payload: { email: "a@b.co", tag: "t1" } },
    );
    expect(run.status).toBe("succeeded");
    expect(run.steps).toMatchObject([{ stepId: "send", attempt: 1, status: "succeeded", output: { statusCode: 201, body: { id: 7, got: { email: "a@b.co" } } } }]);
    expect(run.steps[0].input).toMatchObject({ method: "POST", url: `${engine.stub.url}/contacts?q=1`, headers: { "x-tag": "t1" } });
    expect(engine.stub.hits("/contacts").at(-1)).toMatchObject({ method: "POST", url: "/contacts?q=1", json: { email: "a@b.co" }, headers: { "x-tag": "t1" } });
  });

  it("retries a 500 at its retryAt, with a job due then, and succeeds on the second attempt", async () => {
    let calls = 0;
    engine.stub.on("/flaky", () => (++calls === 1 ? { status: 500, body: { error: "down" } } : { status: 200, body: { fine: true } }));
    const first = await runOnce(engine.world, [requestStep("call", `${engine.stub.url}/flaky`, { retry: { maxRetries: 3, backoffSeconds: [1] } })]);
    expect(first.status).toBe("waiting");
    expect(first.steps).toMatchObject([{ attempt: 1, status: "failed", error: { code: "http_error", retryable: true, details: { statusCode: 500 } } }]);
    const retryAt = first.steps[0].retryAt as Date;
    expect(retryAt).toBeInstanceOf(Date);
    expect(first.resumeAt?.getTime()).toBe(retryAt.getTime());
    const [job] = await queuedJobs({ runId: first.id });
    expect(job.runAt.getTime()).toBe(retryAt.getTime());

    await sleepUntil(retryAt);
    await advanceRun(first.id);
    const run = await loadRun(first.id);
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => [step.attempt, step.status])).toEqual([[1, "failed"], [2, "succeeded"]]);
    expect(engine.stub.hits("/flaky")).toHaveLength(2);
  });

  it("fails at once on a 404: a retry cannot fix it", async () => {
    engine.stub.on("/missing", () => ({ status: 404, body: { error: "no such thing" } }));
    const run = await runOnce(engine.world, [requestStep("call", `${engine.stub.url}/missing`), functionStep("never", "function () { return 1 }")]);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "http_error", stepId: "call", retryable: false });
    expect(run.steps).toMatchObject([{ stepId: "call", attempt: 1, status: "failed", retryAt: null }]);
    expect(run.finishedAt).toBeInstanceOf(Date);
  });

  it("gives up on an answer slower than timeoutMs with a timeout error", async () => {
    const gate = createGate();
    engine.stub.on("/slow", async () => {
      await gate.opened;
      return { body: {} };
    });
    try {
      const run = await runOnce(engine.world, [requestStep("call", `${engine.stub.url}/slow`, { ...noRetry, config: { method: "GET", url: `${engine.stub.url}/slow`, headers: [], query: [], timeoutMs: 300 } })]);
      expect(run.status).toBe("failed");
      expect(run.steps).toMatchObject([{ status: "failed", error: { code: "timeout", message: "No answer within 300 ms", retryable: true } }]);
    } finally {
      gate.release();
    }
  });

  it.each([
    ["the cloud metadata address", "http://169.254.169.254/latest/meta-data/", "cloud_metadata"],
    ["localhost, which is not on the allow-list", "http://localhost:{port}/blocked", "loopback"],
  ])("refuses %s with request_blocked and no retry", async (_name, template, reason) => {
    const url = template.replace("{port}", new URL(engine.stub.url).port);
    const run = await runOnce(engine.world, [requestStep("call", url)]);
    expect(run.status).toBe("failed");
    expect(run.steps).toMatchObject([{ attempt: 1, status: "failed", retryAt: null, error: { code: "request_blocked", retryable: false, details: { reason } } }]);
    expect(engine.stub.hits("/blocked")).toHaveLength(0);
  });

  it("refuses 127.0.0.1 when the allow-list is empty", async () => {
    process.env.REQUEST_ALLOW_HOSTS = "";
    try {
      const run = await runOnce(engine.world, [requestStep("call", `${engine.stub.url}/blocked`)]);
      expect(run.steps).toMatchObject([{ status: "failed", error: { code: "request_blocked", details: { reason: "loopback" } } }]);
    } finally {
      process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1";
    }
    expect(engine.stub.hits("/blocked")).toHaveLength(0);
  });

  // The same input fails the same way every time, so retrying only delays the failure by minutes.
  it.each([
    ["the templated URL is not a URL", "{{trigger.payload.value}}", [], "not a url"],
    ["a templated header holds a line break", `${"{{trigger.payload.base}}"}/header`, [{ key: "x-note", value: "{{trigger.payload.value}}" }], "a\r\nInjected: 1"],
  ])("fails at once, without retries, when %s", async (_name, url, headers, value) => {
    const config = { method: "GET", url, headers, query: [] };
    const run = await runOnce(engine.world, [requestStep("call", url, { config })], { payload: { value, base: engine.stub.url } });
    expect(run.steps).toMatchObject([{ attempt: 1, status: "failed", retryAt: null, error: { retryable: false } }]);
    expect(run.status).toBe("failed");
    expect(engine.stub.hits("/header")).toHaveLength(0);
  });
});

describe("Function step", () => {
  it("returns its value as the output, with params and context", async () => {
    const code = "function (params, context) { console.log('hi'); return { sum: params.a + params.b, user: context.user.id, tag: context.trigger.payload.tag } }";
    const run = await runOnce(engine.world, [functionStep("calc", code, { a: "{{trigger.payload.a}}", b: "{{trigger.payload.b}}" })], { payload: { a: 2, b: 3, tag: "x" } });
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ sum: 5, user: engine.world.user.externalId, tag: "x" });
    expect(run.steps).toMatchObject([{ status: "succeeded", input: { params: { a: 2, b: 3 } }, logs: [{ level: "log", message: "hi" }] }]);
  });

  it("records a thrown error as a function_error, without retries", async () => {
    const run = await runOnce(engine.world, [functionStep("boom", "function () { throw new Error('boom') }")]);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "function_error", message: "Error: boom", retryable: false, stepId: "boom" });
    expect(run.steps).toMatchObject([{ attempt: 1, status: "failed", retryAt: null }]);
  });

  it.each([
    ["require", "function () { return require('fs').readFileSync('/etc/passwd', 'utf8') }"],
    ["process", "function () { process.exit(1) }"],
    ["the Function constructor", "function () { return this.constructor.constructor('return process')().env }"],
  ])("an escape through %s ends as a clean step error", async (_name, code) => {
    const run = await runOnce(engine.world, [functionStep("escape", code)]);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "function_error", stepId: "escape", retryable: false, details: { name: "ReferenceError" } });
  });

  it.each([
    ["an endless loop", "function () { while (true) {} }", "TimeoutError"],
    ["a memory bomb", "function () { let a = []; for (;;) a.push(new Array(1e6).fill(1)) }", "MemoryLimitError"],
    ["a huge output", "function () { return 'x'.repeat(6 * 1024 * 1024) }", "OutputTooLargeError"],
    ["endless recursion", "function f() { return f() }", "StackOverflowError"],
    // QuickJS stops this one at its maximum string length ("string too long") before memory runs out.
    ["a string-doubling memory bomb", "function () { let s = 'x'; let a = []; for (;;) { s = s + s; a.push(s) } }", undefined],
  ])("%s ends with function_limit", async (_name, code, name) => {
    const run = await runOnce(engine.world, [functionStep("heavy", code)]);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "function_limit", stepId: "heavy", retryable: false, ...(name ? { details: { name } } : {}) });
  }, 60_000);

  it("still runs a normal function after the limits were hit", async () => {
    const run = await runOnce(engine.world, [functionStep("ok", "function (params) { return params.n * 2 }", { n: "{{trigger.payload.n}}" })], { payload: { n: 21 } });
    expect(run.status).toBe("succeeded");
    expect(run.output).toBe(42);
  });
});

describe("Conditional and Switch steps", () => {
  const conditional = {
    id: "check", name: "check", type: "conditional",
    config: { condition: { combinator: "and", rules: [rule("{{trigger.payload.amount}}", "gt", "100")] } },
  };
  const branches: [string, string, string?][] = [["trigger", "check"], ["check", "big", "true"], ["check", "small", "false"]];

  it.each([
    [500, "big", "small"],
    [5, "small", "big"],
  ])("amount %s takes the %s branch only", async (amount, taken, skipped) => {
    const run = await runOnce(engine.world, [conditional, functionStep("big", "function () { return 'big' }"), functionStep("small", "function () { return 'small' }")], { edges: branches, payload: { amount } });
    expect(run.status).toBe("succeeded");
    expect(run.output).toBe(taken);
    expect(run.steps.map((step) => step.stepId)).toEqual(["check", taken]);
    expect(run.steps.some((step) => step.stepId === skipped)).toBe(false);
    expect(run.steps[0].output).toMatchObject({ branch: String(amount > 100) });
  });

  const switchStep = {
    id: "route", name: "route", type: "switch",
    config: { cases: [
      { id: "eu", label: "EU", condition: { combinator: "or", rules: [rule("{{trigger.payload.country}}", "is_in", "DE,FR")] } },
      { id: "us", label: "US", condition: { combinator: "and", rules: [rule("{{trigger.payload.country}}", "equals", "US")] } },
    ] },
  };
  const switchEdges: [string, string, string?][] = [["trigger", "route"], ["route", "eu_step", "eu"], ["route", "us_step", "us"], ["route", "other", "default"]];
  const switchTargets = ["eu_step", "us_step", "other"].map((id) => functionStep(id, `function () { return '${id}' }`));

  it.each([
    ["FR", "eu_step"],
    ["US", "us_step"],
    ["JP", "other"],
  ])("a switch on %s runs %s only", async (country, taken) => {
    const run = await runOnce(engine.world, [switchStep, ...switchTargets], { edges: switchEdges, payload: { country } });
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => step.stepId)).toEqual(["route", taken]);
    expect(run.output).toBe(taken);
  });

  it.each([
    ["conditional", { ...conditional, config: { condition: { combinator: "and", rules: [rule("{{ trigger.", "exists")] } } }, branches],
    ["switch", { ...switchStep, config: { cases: [{ id: "eu", label: "EU", condition: { combinator: "and", rules: [rule("{{ }}", "exists")] } }] } }, switchEdges],
  ])("a %s with a broken template fails the run without retries", async (_kind, step, edges) => {
    const run = await runOnce(engine.world, [step, ...switchTargets, functionStep("big", "function () {}"), functionStep("small", "function () {}")], { edges });
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "template_syntax", retryable: false, stepId: step.id });
    expect(run.steps).toMatchObject([{ stepId: step.id, status: "failed", retryAt: null }]);
  });
});

describe("Fan-out step", () => {
  const fanOut = (concurrency: number, items = "{{trigger.payload.items}}") => ({ id: "fan", name: "fan", type: "fan_out", config: { items, concurrency } });
  const perItem = (path: string) =>
    requestStep("call", `${engine.stub.url}${path}`, { ...noRetry, config: { method: "POST", url: `${engine.stub.url}${path}`, headers: [], query: [], body: { kind: "json", json: '{"n": {{fanOut.item}}, "i": {{fanOut.index}}}' } } });
  const fanEdges: [string, string, string?][] = [["trigger", "fan"], ["fan", "call", "each"]];

  it("sends one request per item, at most `concurrency` at a time, and outputs them in item order", async () => {
    engine.stub.on("/item", async (request) => {
      const { n } = request.json as { n: number };
      // Later items answer sooner, so arrival order is not item order.
      await new Promise((resolve) => setTimeout(resolve, 40 * (6 - n)));
      return { body: { echoed: n } };
    });
    const items = [1, 2, 3, 4, 5];
    const run = await runOnce(engine.world, [fanOut(2), perItem("/item")], { edges: fanEdges, payload: { items } });
    expect(run.status).toBe("succeeded");
    expect(engine.stub.hits("/item").map((hit) => (hit.json as { n: number }).n).sort()).toEqual(items);
    expect(engine.stub.maxInFlight("/item")).toBe(2);
    expect((run.output as { body: { echoed: number } }[]).map((answer) => answer.body.echoed)).toEqual(items);
    const calls = run.steps.filter((step) => step.stepId === "call");
    expect(calls.map((step) => step.lane).sort()).toEqual(items.map((_, i) => `fan[${i}]/`));
    expect(run.steps.filter((step) => step.stepId === "fan")).toMatchObject([{ lane: "", status: "succeeded" }]);
  });

  it("fails the run with the failing item's lane", async () => {
    engine.stub.on("/item-fail", (request) => ((request.json as { n: number }).n === 2 ? { status: 400, body: {} } : { body: {} }));
    const run = await runOnce(engine.world, [fanOut(1), perItem("/item-fail")], { edges: fanEdges, payload: { items: [1, 2, 3] } });
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "http_error", stepId: "call", lane: "fan[1]/" });
    expect(run.steps.find((step) => step.lane === "fan[1]/")).toMatchObject({ status: "failed" });
  });

  it("fails, and records the failed fan-out, when items is not an array", async () => {
    const run = await runOnce(engine.world, [fanOut(2), perItem("/item")], { edges: fanEdges, payload: { items: "nope" } });
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "fan_out_not_array", stepId: "fan", retryable: false });
    expect(run.steps).toMatchObject([{ stepId: "fan", status: "failed", error: { code: "fan_out_not_array" } }]);
  });
});

describe("Delay step", () => {
  it("waits with a job due at resumeAt, records nothing when advanced early, and continues after resumeAt", async () => {
    const run = await runOnce(engine.world, [{ id: "wait", name: "wait", type: "delay", config: { value: 1, unit: "seconds" } }, functionStep("after", "function () { return 'done' }")]);
    expect(run.status).toBe("waiting");
    const resumeAt = run.resumeAt as Date;
    expect(resumeAt).toBeInstanceOf(Date);
    expect(run.steps).toMatchObject([{ stepId: "wait", status: "succeeded", output: { resumeAt: resumeAt.toISOString() } }]);
    expect(resumeAt.getTime() - run.steps[0].startedAt.getTime()).toBe(1000);
    const [job] = await queuedJobs({ runId: run.id });
    expect(job).toMatchObject({ task: "run:advance", key: `run:${run.id}` });
    expect(job.runAt.getTime()).toBe(resumeAt.getTime());

    if (Date.now() < resumeAt.getTime()) {
      await advanceRun(run.id);
      const early = await loadRun(run.id);
      expect(early.status).toBe("waiting");
      expect(early.steps).toHaveLength(1);
    }

    await sleepUntil(resumeAt);
    await advanceRun(run.id);
    const done = await loadRun(run.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((step) => step.stepId)).toEqual(["wait", "after"]);
    expect(done.output).toBe("done");
  });
});

describe("Response step", () => {
  const requestGraph = (body: string) => ({
    trigger: { type: "request", method: "POST" },
    steps: [
      functionStep("make", "function (params) { return { id: params.id * 10 } }", { id: "{{trigger.body.id}}" }),
      { id: "reply", name: "reply", type: "response", config: { statusCode: 201, headers: [{ key: "x-id", value: "{{steps.make.output.id}}" }], body } },
    ],
    edges: [{ id: "e1", source: "trigger", target: "make" }, { id: "e2", source: "make", target: "reply" }],
  });

  it("makes its resolved status, headers and body the run's output", async () => {
    const { workflowId } = await createDeployedWorkflow({ projectId: engine.world.projectId, graph: requestGraph('{"created": {{steps.make.output.id}}}') });
    const { runId } = await startRun({ projectId: engine.world.projectId, workflowId, payload: { body: { id: 4 } }, source: "deployed" });
    await advanceRun(runId);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("succeeded");
    expect(run.output).toEqual({ statusCode: 201, headers: { "x-id": "40" }, body: '{"created": 40}' });
  });

  it("fails when its body names a missing path", async () => {
    const { workflowId } = await createDeployedWorkflow({ projectId: engine.world.projectId, graph: requestGraph("{{steps.make.output.nope}}") });
    const { runId } = await startRun({ projectId: engine.world.projectId, workflowId, payload: { body: { id: 4 } }, source: "deployed" });
    await advanceRun(runId);
    const run = await loadRun(runId);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "template_missing_path", stepId: "reply", retryable: false });
  });
});
