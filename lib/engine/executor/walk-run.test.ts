// The durable walker on its own: an in-memory record store, an injected clock and a fake leaf executor.
import { describe, expect, it } from "vitest";
import { resolveTemplate } from "@/lib/engine/template/resolve-template";
import { type TStep, type TWorkflowGraph, ZWorkflowGraph } from "@/lib/schemas/workflow";
import type { TNewStepRecord, TStepOutcome, TStepRecord, TWalkerEnvironment } from "./types";
import { walkRun } from "./walk-run";

const T0 = new Date("2030-01-01T00:00:00.000Z");
const seconds = (s: number) => s * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms);

type TLeaf = (step: TStep, scope: Record<string, unknown>) => Promise<TStepOutcome>;

/** A fake leaf: a function step answers its `params[0].value` resolved; a request resolves its URL. */
const echoLeaf: TLeaf = async (step, scope) => {
  if (step.type === "request") return { ok: true, output: { url: resolveTemplate(step.config.url, scope) } };
  if (step.type === "response") return { ok: true, output: { statusCode: step.config.statusCode, body: resolveTemplate(step.config.body, scope) } };
  if (step.type === "function") return { ok: true, output: step.config.params.length ? resolveTemplate(step.config.params[0].value, scope) : step.id };
  throw new Error(`not a leaf: ${step.type}`);
};

/** Records persist across walks; each walk sees only what was persisted before it started, as advanceRun does. */
function createHarness(leaf: TLeaf = echoLeaf, limits?: TWalkerEnvironment["limits"]) {
  let clock = T0;
  const records: TNewStepRecord[] = [];
  const leafCalls: string[] = [];
  const walk = (graph: TWorkflowGraph, payload: unknown = {}) => {
    const snapshot = new Map<string, TStepRecord>();
    for (const record of records) snapshot.set(`${record.lane}|${record.stepId}`, record);
    const env: TWalkerEnvironment = {
      now: () => clock,
      latest: (stepId, lane) => snapshot.get(`${lane}|${stepId}`),
      record: async (record) => {
        records.push(record);
      },
      executeLeaf: async (step, scope) => {
        leafCalls.push(step.id);
        return leaf(step, scope);
      },
      checkCancelled: async () => {},
      random: () => 0.5,
      limits,
    };
    return walkRun({ runId: "run-1", graph, trigger: { type: "app_event", payload }, user: null, settings: {} }, env);
  };
  return {
    walk,
    records,
    leafCalls,
    setClock: (date: Date) => (clock = date),
    recordsOf: (stepId: string) => records.filter((record) => record.stepId === stepId),
  };
}

const fn = (id: string, value = id, extra: object = {}) => ({ id, name: id, type: "function", config: { code: "function () {}", params: [{ key: "v", value }] }, ...extra });
const request = (id: string, url: string, extra: object = {}) => ({ id, name: id, type: "request", config: { method: "GET", url, headers: [], query: [] }, ...extra });
const rule = (left: string, operator: string, right?: string) => ({ left, operator, ...(right === undefined ? {} : { right }) });

/** Parses a graph; `chain` connects the listed steps one after another from the trigger. */
function graph(steps: object[], edges: [string, string, string?][] | "chain"): TWorkflowGraph {
  const pairs =
    edges === "chain" ? steps.map((step, i) => [i === 0 ? "trigger" : (steps[i - 1] as { id: string }).id, (step as { id: string }).id] as [string, string]) : edges;
  return ZWorkflowGraph.parse({
    trigger: { type: "app_event", appEventId: null },
    steps,
    edges: pairs.map(([source, target, branch], i) => ({ id: `e${i}`, source, target, ...(branch ? { branch } : {}) })),
  });
}

const failingLeaf = (error: { code: string; message: string; retryable: boolean }): TLeaf => async (step, scope) =>
  step.id === "flaky" ? { ok: false, error } : echoLeaf(step, scope);

describe("walkRun — paths", () => {
  it("runs a linear chain in order, passing outputs along, and ends with the last output", async () => {
    const h = createHarness();
    const result = await h.walk(graph([fn("a", "{{trigger.payload.name}}"), fn("b", "{{steps.a.output}}!"), fn("c", "<{{steps.b.output}}>")], "chain"), { name: "Ada" });
    expect(result).toEqual({ status: "succeeded", output: "<Ada!>", response: undefined });
    expect(h.leafCalls).toEqual(["a", "b", "c"]);
    expect(h.records.map((r) => [r.stepId, r.lane, r.attempt, r.status, r.output])).toEqual([
      ["a", "", 1, "succeeded", "Ada"],
      ["b", "", 1, "succeeded", "Ada!"],
      ["c", "", 1, "succeeded", "<Ada!>"],
    ]);
  });

  it.each([
    [true, "yes", "no"],
    [false, "no", "yes"],
  ])("a conditional that is %s takes its branch and never executes the other", async (flag, taken, skipped) => {
    const h = createHarness();
    const g = graph(
      [{ id: "check", name: "check", type: "conditional", config: { condition: { combinator: "and", rules: [rule("{{trigger.payload.flag}}", "is_true")] } } }, fn("yes"), fn("no"), fn("after_yes")],
      [["trigger", "check"], ["check", "yes", "true"], ["check", "no", "false"], ["yes", "after_yes"]],
    );
    const result = await h.walk(g, { flag });
    expect(h.leafCalls).toEqual(flag ? ["yes", "after_yes"] : ["no"]);
    expect(h.recordsOf(skipped)).toEqual([]);
    expect(h.recordsOf("check")[0].output).toMatchObject({ branch: String(flag), result: flag });
    expect(result).toMatchObject({ status: "succeeded", output: flag ? "after_yes" : taken });
  });

  it.each([
    ["a", "on_a"],
    ["b", "on_b"],
    ["zzz", "fallback"],
  ])("a switch on %s follows %s only", async (kind, taken) => {
    const h = createHarness();
    const g = graph(
      [
        {
          id: "route", name: "route", type: "switch",
          config: { cases: [
            { id: "a", label: "A", condition: { combinator: "and", rules: [rule("{{trigger.payload.kind}}", "equals", "a")] } },
            { id: "b", label: "B", condition: { combinator: "and", rules: [rule("{{trigger.payload.kind}}", "equals", "b")] } },
          ] },
        },
        fn("on_a"), fn("on_b"), fn("fallback"),
      ],
      [["trigger", "route"], ["route", "on_a", "a"], ["route", "on_b", "b"], ["route", "fallback", "default"]],
    );
    const result = await h.walk(g, { kind });
    expect(h.leafCalls).toEqual([taken]);
    expect(h.recordsOf("route")[0].output).toMatchObject({ branch: kind === "zzz" ? "default" : kind });
    expect(result).toMatchObject({ status: "succeeded", output: taken });
  });

  it("fans out over every item with at most `concurrency` lanes at once and keeps item order in the output", async () => {
    let active = 0;
    let maxActive = 0;
    const h = createHarness(async (step, scope) => {
      if (!scope.fanOut) return echoLeaf(step, scope);
      active++;
      maxActive = Math.max(maxActive, active);
      const index = (scope.fanOut as { index: number }).index;
      // Later items finish first, so completion order is the reverse of item order.
      for (let tick = 0; tick < 10 - index; tick++) await new Promise((resolve) => setImmediate(resolve));
      active--;
      return echoLeaf(step, scope);
    });
    const g = graph(
      [{ id: "fan", name: "fan", type: "fan_out", config: { items: "{{trigger.payload.items}}", concurrency: 3 } }, fn("each", "item {{fanOut.index}}: {{fanOut.item}}"), fn("after", "{{steps.fan.output}}")],
      [["trigger", "fan"], ["fan", "each", "each"], ["fan", "after"]],
    );
    const items = ["a", "b", "c", "d", "e", "f", "g"];
    const result = await h.walk(g, { items });
    const expected = items.map((item, index) => `item ${index}: ${item}`);
    expect(maxActive).toBe(3);
    expect(h.recordsOf("each").map((r) => r.lane).sort()).toEqual(items.map((_, i) => `fan[${i}]/`));
    expect(h.recordsOf("fan")).toMatchObject([{ lane: "", status: "succeeded", output: expected }]);
    expect(result).toMatchObject({ status: "succeeded", output: expected });
  });
});

describe("walkRun — bounds", () => {
  const fanOver = (items: string) =>
    graph([{ id: "fan", name: "fan", type: "fan_out", config: { items, concurrency: 50 } }, fn("each", "{{fanOut.index}}")], [["trigger", "fan"], ["fan", "each", "each"]]);

  it("fails a Fan Out over more items than the cap, without running one, and a retry cannot fix it", async () => {
    const h = createHarness(echoLeaf, { maxFanOutItems: 3, maxDelaySeconds: 60 });
    const result = await h.walk(fanOver("{{trigger.payload.items}}"), { items: [1, 2, 3, 4] });
    expect(result).toMatchObject({ status: "failed", error: { code: "fan_out_too_many_items", stepId: "fan", details: { items: 4, maxFanOutItems: 3 } } });
    expect(h.recordsOf("fan")).toMatchObject([{ status: "failed", retryAt: null }]);
    expect(h.leafCalls).toEqual([]);
    expect(await createHarness(echoLeaf, { maxFanOutItems: 4, maxDelaySeconds: 60 }).walk(fanOver("{{trigger.payload.items}}"), { items: [1, 2, 3, 4] })).toMatchObject({ status: "succeeded" });
  });

  it("suspends a Fan Out of 200,000 waiting lanes until the earliest one (no spread of a huge array into Math.min)", async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const h = createHarness(async (step, scope) => {
      const index = (scope.fanOut as { index: number }).index;
      return { ok: false, error: { code: "http_error", message: "later", retryable: true }, output: index };
    }, { maxFanOutItems: 1_000_000, maxDelaySeconds: 60 });
    const result = await h.walk(fanOver("{{trigger.payload.items}}"), { items });
    expect(result).toMatchObject({ status: "waiting" });
    expect((result as { resumeAt: Date }).resumeAt.getTime()).toBe(at(seconds(10)).getTime());
  }, 60_000);

  it("fails a Delay longer than the longest allowed at run time", async () => {
    const h = createHarness(echoLeaf, { maxFanOutItems: 10, maxDelaySeconds: 3600 });
    const result = await h.walk(graph([{ id: "wait", name: "wait", type: "delay", config: { value: 2, unit: "hours" } }, fn("after")], "chain"));
    expect(result).toMatchObject({ status: "failed", error: { code: "delay_too_long", stepId: "wait", details: { maxDelaySeconds: 3600 } } });
    expect(h.leafCalls).toEqual([]);
  });
});

describe("walkRun — time", () => {
  it("suspends at a delay until start + duration, then resumes without recording the delay again", async () => {
    const h = createHarness();
    const g = graph([fn("before"), { id: "wait", name: "wait", type: "delay", config: { value: 90, unit: "seconds" } }, fn("after")], "chain");
    const resumeAt = at(seconds(90));

    expect(await h.walk(g)).toEqual({ status: "waiting", resumeAt });
    expect(h.recordsOf("wait")).toMatchObject([{ status: "succeeded", output: { resumeAt: resumeAt.toISOString() } }]);

    h.setClock(at(seconds(89)));
    expect(await h.walk(g)).toEqual({ status: "waiting", resumeAt });
    expect(h.records).toHaveLength(2);

    h.setClock(at(seconds(91)));
    expect(await h.walk(g)).toMatchObject({ status: "succeeded", output: "after" });
    expect(h.recordsOf("wait")).toHaveLength(1);
    expect(h.leafCalls).toEqual(["before", "after"]);
  });

  it("retries a failing step on the default schedule (10, 20, 30, 50, 80 s), then fails the run with the step's error", async () => {
    const error = { code: "http_error", message: "GET api answered 503", retryable: true };
    const h = createHarness(failingLeaf(error));
    const g = graph([fn("first"), fn("flaky"), fn("never")], "chain");
    const backoffs = [10, 20, 30, 50, 80];
    let now = T0.getTime();
    for (const [index, backoff] of backoffs.entries()) {
      h.setClock(new Date(now));
      const retryAt = new Date(now + seconds(backoff));
      expect(await h.walk(g)).toEqual({ status: "waiting", resumeAt: retryAt });
      expect(h.recordsOf("flaky").at(-1)).toMatchObject({ attempt: index + 1, status: "failed", error, retryAt });

      h.setClock(new Date(retryAt.getTime() - 1));
      expect(await h.walk(g)).toEqual({ status: "waiting", resumeAt: retryAt });
      expect(h.recordsOf("flaky")).toHaveLength(index + 1);
      now = retryAt.getTime() + 1;
    }
    h.setClock(new Date(now));
    expect(await h.walk(g)).toEqual({ status: "failed", error: { ...error, stepId: "flaky", lane: "" } });
    expect(h.recordsOf("flaky").at(-1)).toMatchObject({ attempt: 6, status: "failed", retryAt: null });
    expect(h.leafCalls).toEqual(["first", "flaky", "flaky", "flaky", "flaky", "flaky", "flaky"]);

    h.setClock(new Date(now + seconds(3600)));
    expect(await h.walk(g)).toEqual({ status: "failed", error: { ...error, stepId: "flaky", lane: "" } });
    expect(h.leafCalls).toHaveLength(7);
  });

  it("executes attempt 2 once the clock passes retryAt, and continues when it succeeds", async () => {
    let fail = true;
    const h = createHarness(async (step, scope) =>
      step.id === "flaky" && fail ? { ok: false, error: { code: "timeout", message: "slow", retryable: true } } : echoLeaf(step, scope),
    );
    const g = graph([fn("flaky"), fn("next")], "chain");
    expect(await h.walk(g)).toEqual({ status: "waiting", resumeAt: at(seconds(10)) });
    fail = false;
    h.setClock(at(seconds(10) + 1));
    expect(await h.walk(g)).toMatchObject({ status: "succeeded", output: "next" });
    expect(h.recordsOf("flaky").map((r) => [r.attempt, r.status])).toEqual([[1, "failed"], [2, "succeeded"]]);
  });

  it("follows a step's own backoff and maxRetries", async () => {
    const error = { code: "network_error", message: "reset", retryable: true };
    const h = createHarness(failingLeaf(error));
    const g = graph([fn("flaky", "x", { retry: { maxRetries: 1, backoffSeconds: [3] } })], "chain");
    expect(await h.walk(g)).toEqual({ status: "waiting", resumeAt: at(seconds(3)) });
    h.setClock(at(seconds(4)));
    expect(await h.walk(g)).toMatchObject({ status: "failed", error: { code: "network_error", stepId: "flaky" } });
  });
});

describe("walkRun — failures", () => {
  it("continueOnFailure passes { error } on as the step's output", async () => {
    const error = { code: "http_error", message: "answered 404", retryable: false };
    const h = createHarness(failingLeaf(error));
    const g = graph([fn("flaky", "x", { continueOnFailure: true }), fn("next", "{{steps.flaky.output.error.code}}")], "chain");
    expect(await h.walk(g)).toMatchObject({ status: "succeeded", output: "http_error" });
    expect(h.recordsOf("flaky")).toMatchObject([{ status: "failed", retryAt: null, error }]);
    // On replay the failed step still hands { error } on, without running again.
    expect(await h.walk(g)).toMatchObject({ status: "succeeded", output: "http_error" });
    expect(h.leafCalls).toEqual(["flaky", "next"]);
  });

  it("fails at once, without a retry, when a template names a missing path", async () => {
    const h = createHarness();
    const g = graph([request("call", "https://api.example.com/{{trigger.payload.missing}}"), fn("never")], "chain");
    const result = await h.walk(g, { present: 1 });
    expect(result).toMatchObject({
      status: "failed",
      error: { code: "template_missing_path", retryable: false, stepId: "call", lane: "", details: { path: "trigger.payload.missing" } },
    });
    expect(result.status === "failed" && result.error.message).toContain("trigger.payload.missing");
    expect(h.recordsOf("call")).toMatchObject([{ attempt: 1, status: "failed", retryAt: null }]);
    expect(h.leafCalls).toEqual(["call"]);
  });

  it("fails a fan-out whose items template names a missing path", async () => {
    const h = createHarness();
    const g = graph([{ id: "fan", name: "fan", type: "fan_out", config: { items: "{{trigger.payload.rows}}", concurrency: 2 } }, fn("each")], [["trigger", "fan"], ["fan", "each", "each"]]);
    expect(await h.walk(g)).toMatchObject({ status: "failed", error: { code: "template_missing_path", stepId: "fan", details: { path: "trigger.payload.rows" } } });
    expect(h.leafCalls).toEqual([]);
  });

  it("fails a fan-out lane's step with its lane", async () => {
    const h = createHarness(async (step, scope) =>
      (scope.fanOut as { index: number }).index === 1 ? { ok: false, error: { code: "http_error", message: "400", retryable: false } } : echoLeaf(step, scope),
    );
    const g = graph([{ id: "fan", name: "fan", type: "fan_out", config: { items: "{{trigger.payload.items}}", concurrency: 1 } }, fn("each")], [["trigger", "fan"], ["fan", "each", "each"]]);
    expect(await h.walk(g, { items: [1, 2, 3] })).toMatchObject({ status: "failed", error: { stepId: "each", lane: "fan[1]/", code: "http_error" } });
  });
});

describe("walkRun — replay", () => {
  it("a walk over recorded steps executes nothing and returns the same result", async () => {
    const h = createHarness();
    const g = graph(
      [
        fn("start", "{{trigger.payload.kind}}"),
        { id: "check", name: "check", type: "conditional", config: { condition: { combinator: "and", rules: [rule("{{steps.start.output}}", "equals", "go")] } } },
        { id: "fan", name: "fan", type: "fan_out", config: { items: "{{trigger.payload.items}}", concurrency: 2 } },
        request("each", "https://api.example.com/{{fanOut.item}}"),
        { id: "wait", name: "wait", type: "delay", config: { value: 1, unit: "minutes" } },
        { id: "reply", name: "reply", type: "response", config: { statusCode: 202, headers: [], body: "{{steps.start.output}}" } },
        fn("end"),
      ],
      [["trigger", "start"], ["start", "check"], ["check", "fan", "true"], ["fan", "each", "each"], ["fan", "wait"], ["wait", "reply"], ["reply", "end"]],
    );
    const payload = { kind: "go", items: [1, 2] };
    expect(await h.walk(g, payload)).toMatchObject({ status: "waiting" });
    h.setClock(at(seconds(61)));
    const first = await h.walk(g, payload);
    expect(first).toEqual({ status: "succeeded", output: "end", response: { statusCode: 202, body: "go" } });
    const calls = [...h.leafCalls];
    const recorded = h.records.length;
    expect(calls.sort()).toEqual(["each", "each", "end", "reply", "start"]);

    expect(await h.walk(g, payload)).toEqual(first);
    expect(h.leafCalls).toHaveLength(calls.length);
    expect(h.records).toHaveLength(recorded);
  });

  it("resuming after a retry never executes the steps that finished before it", async () => {
    let fail = true;
    const h = createHarness(async (step, scope) => (step.id === "flaky" && fail ? { ok: false, error: { code: "timeout", message: "slow", retryable: true } } : echoLeaf(step, scope)));
    const g = graph([fn("one"), fn("two"), fn("flaky"), fn("three")], "chain");
    await h.walk(g);
    fail = false;
    h.setClock(at(seconds(11)));
    await h.walk(g);
    expect(h.leafCalls).toEqual(["one", "two", "flaky", "flaky", "three"]);
  });

  it("a response step's output becomes the result's response", async () => {
    const h = createHarness();
    const g = graph([fn("make", "{{trigger.payload.id}}"), { id: "reply", name: "reply", type: "response", config: { statusCode: 201, headers: [], body: "created {{steps.make.output}}" } }], "chain");
    expect(await h.walk(g, { id: 7 })).toEqual({ status: "succeeded", output: { statusCode: 201, body: "created 7" }, response: { statusCode: 201, body: "created 7" } });
  });
});
