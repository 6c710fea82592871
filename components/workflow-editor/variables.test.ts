import { describe, expect, it } from "vitest";
import type { TScheduleTrigger, TWorkflowGraph } from "@/lib/schemas/workflow";
import { insertStep } from "./graph-ops";
import { checkReferences, listVariables, sampleContext, sampleParams, type TVariableSources } from "./variables";
import { sampleScheduleTrigger } from "@/lib/schedules/sample-tick";

function graphWith(): TWorkflowGraph {
  let graph: TWorkflowGraph = { trigger: { type: "app_event", appEventId: null }, steps: [], edges: [] };
  graph = insertStep(graph, { source: "trigger" }, "function").graph; // function_1
  graph = insertStep(graph, { source: "function_1" }, "conditional").graph; // conditional_1
  graph = insertStep(graph, { source: "conditional_1", branch: "true" }, "request").graph; // request_1
  graph = insertStep(graph, { source: "conditional_1", branch: "false" }, "fan_out").graph; // fan_out_1
  graph = insertStep(graph, { source: "fan_out_1", branch: "each" }, "function").graph; // function_2
  return graph;
}

const sources = (stepId: string, overrides: Partial<TVariableSources> = {}): TVariableSources => ({
  graph: graphWith(),
  stepId,
  testPayload: { email: "ada@example.com", tags: ["a"], address: { city: "Paris" }, "odd key": 1 },
  outputs: new Map([["function_1", { id: 7, profile: { plan: "pro" } }]]),
  ...overrides,
});

describe("listVariables", () => {
  it("lists test-data fields and upstream outputs with their types", () => {
    const variables = listVariables(sources("request_1"));
    const byPath = new Map(variables.map((variable) => [variable.path, variable]));
    expect(byPath.get("trigger.payload.email")).toMatchObject({ type: "string", preview: '"ada@example.com"' });
    expect(byPath.get("trigger.payload.tags")).toMatchObject({ type: "array" });
    expect(byPath.get("trigger.payload.tags[0]")).toMatchObject({ type: "string" });
    expect(byPath.get("trigger.payload.address.city")).toMatchObject({ type: "string" });
    expect(byPath.get('trigger.payload["odd key"]')).toMatchObject({ type: "number" });
    expect(byPath.get("steps.function_1.output.profile.plan")).toMatchObject({ type: "string" });
    expect(byPath.get("steps.conditional_1.output")).toMatchObject({ type: "unknown" });
    expect(byPath.has("user.id")).toBe(true);
    // Not upstream of request_1: the other branch, and itself.
    expect([...byPath.keys()].some((path) => path.startsWith("steps.fan_out_1") || path.startsWith("steps.request_1"))).toBe(false);
    expect(byPath.has("fanOut.item")).toBe(false);
  });

  it("offers fanOut inside a fan-out lane", () => {
    const paths = listVariables(sources("function_2")).map((variable) => variable.path);
    expect(paths).toEqual(expect.arrayContaining(["fanOut.item", "fanOut.index", "steps.fan_out_1.output"]));
  });
});

describe("checkReferences", () => {
  it("accepts references that resolve against the test data and upstream outputs", () => {
    expect(checkReferences("{{ trigger.payload.email }} {{steps.function_1.output.profile.plan}} {{ user.id }} {{ settings.x }}", sources("request_1"))).toEqual([]);
  });

  it("marks each bad reference with its position and reason", () => {
    const text = "a {{ steps.request_1.output }} b {{ steps.function_1.output.nope }} {{ trigger.payload.mail }} {{ steps.ghost.output }} {{ fanOut.item }} {{ env.x }}";
    const problems = checkReferences(text, sources("fan_out_1"));
    expect(problems.map((problem) => [text.slice(problem.start, problem.end), problem.message])).toEqual([
      ["{{ steps.request_1.output }}", '"request_1" does not run before this step'],
      ["{{ steps.function_1.output.nope }}", 'The last test output of "function_1" has no nope'],
      ["{{ trigger.payload.mail }}", "The trigger's test data has no mail"],
      ["{{ steps.ghost.output }}", 'There is no step "ghost"'],
      ["{{ fanOut.item }}", "fanOut is only set inside a Fan Out's lane"],
      ["{{ env.x }}", "Variables start with trigger, steps, user, settings, fanOut"],
    ]);
  });

  it("does not guess at fields of steps without a test output", () => {
    expect(checkReferences("{{ steps.conditional_1.output.anything }}", sources("request_1"))).toEqual([]);
  });

  it("reports a syntax error once, flagged as syntax", () => {
    const problems = checkReferences("x {{ trigger.payload", sources("request_1"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ syntax: true, start: 2 });
  });

  it("a step cannot reference itself", () => {
    expect(checkReferences("{{ steps.request_1.output }}", sources("request_1"))[0]?.message).toBe("A step cannot use its own output");
  });
});

describe("a schedule trigger", () => {
  const now = new Date("2026-03-08T06:59:58.000Z");
  const everyTwoSeconds: TScheduleTrigger = { type: "schedule", schedule: { every: "seconds", interval: 2 }, catchUp: { policy: "skip", windowSeconds: 3600 }, overlap: "skip" };
  const scheduled = (trigger: TScheduleTrigger, overrides: Partial<TVariableSources> = {}): TVariableSources => {
    const graph = graphWith();
    return sources("request_1", { graph: { ...graph, trigger }, now, projectTimeZone: "Europe/Berlin", ...overrides });
  };

  it("samples a tick: the schedule's second fire time from now, the one before it, and the zone", () => {
    expect(sampleScheduleTrigger(everyTwoSeconds, { now, projectTimeZone: "Europe/Berlin" })).toEqual({
      type: "schedule",
      scheduledAt: "2026-03-08T07:00:02.000Z",
      previousScheduledAt: "2026-03-08T07:00:00.000Z",
      timezone: "Europe/Berlin",
    });
    const daily: TScheduleTrigger = { ...everyTwoSeconds, schedule: { every: "daily", interval: 1, time: "02:30", timezone: "America/New_York" } };
    // 02:30 does not exist on 8 March 2026 in New York: that tick fires at 03:00 EDT.
    expect(sampleScheduleTrigger(daily, { now })).toMatchObject({ previousScheduledAt: "2026-03-08T07:00:00.000Z", scheduledAt: "2026-03-09T06:30:00.000Z", timezone: "America/New_York" });
    expect(sampleScheduleTrigger({ ...everyTwoSeconds, schedule: { every: "seconds", interval: 2 } }, { now }).timezone).toBe("UTC");
  });

  it("samples now while the schedule cannot fire", () => {
    const broken: TScheduleTrigger = { ...everyTwoSeconds, schedule: { every: "cron", expression: "0 0 30 2 *" } };
    expect(sampleScheduleTrigger(broken, { now })).toEqual({ type: "schedule", scheduledAt: now.toISOString(), previousScheduledAt: null, timezone: "UTC" });
    expect(sampleScheduleTrigger({ ...everyTwoSeconds, schedule: { every: "seconds", interval: 0 } }, { now }).scheduledAt).toBe(now.toISOString());
  });

  it("offers the tick's fields with sample values instead of a payload", () => {
    const byPath = new Map(listVariables(scheduled(everyTwoSeconds)).map((variable) => [variable.path, variable]));
    expect(byPath.get("trigger.scheduledAt")).toMatchObject({ type: "string", preview: '"2026-03-08T07:00:02.000Z"', source: "Schedule tick (sample)" });
    expect(byPath.get("trigger.previousScheduledAt")).toMatchObject({ type: "string", preview: '"2026-03-08T07:00:00.000Z"' });
    expect(byPath.get("trigger.timezone")).toMatchObject({ type: "string", preview: '"Europe/Berlin"' });
    expect([...byPath.keys()].some((path) => path.startsWith("trigger.payload"))).toBe(false);
    expect(byPath.has("steps.function_1.output")).toBe(true);
  });

  it("gives Function code and parameters the sample tick", () => {
    expect(sampleContext(scheduled(everyTwoSeconds)).trigger).toEqual(sampleScheduleTrigger(everyTwoSeconds, { now, projectTimeZone: "Europe/Berlin" }));
    expect(sampleParams([{ key: "at", value: "{{ trigger.scheduledAt }} in {{ trigger.timezone }}" }], scheduled(everyTwoSeconds))).toEqual({ at: "2026-03-08T07:00:02.000Z in Europe/Berlin" });
  });

  it("accepts the tick's fields and flags a payload or any other field", () => {
    const valid = "{{ trigger.scheduledAt }} {{ trigger.previousScheduledAt }} {{ trigger.timezone }} {{ trigger.type }} {{ trigger }}";
    expect(checkReferences(valid, scheduled(everyTwoSeconds))).toEqual([]);
    const text = "{{ trigger.payload.email }} {{ trigger.scheduled_at }}";
    expect(checkReferences(text, scheduled(everyTwoSeconds)).map((problem) => [text.slice(problem.start, problem.end), problem.message])).toEqual([
      ["{{ trigger.payload.email }}", "A schedule's runs have no payload: use trigger.scheduledAt, trigger.previousScheduledAt or trigger.timezone"],
      ["{{ trigger.scheduled_at }}", "A schedule's trigger has type, scheduledAt, previousScheduledAt, timezone"],
    ]);
  });
});

describe("a Request trigger's variables", () => {
  const requestSources = (testPayload: unknown): TVariableSources => ({
    graph: { ...graphWith(), trigger: { type: "request", method: "POST" } },
    stepId: "request_1",
    testPayload,
    outputs: new Map(),
  });

  it("lists the test call's body, query and headers", () => {
    const byPath = new Map(listVariables(requestSources({ body: { email: "a@b.co" }, query: { page: "2" }, headers: { "X-Api-Version": "1" } })).map((variable) => [variable.path, variable]));
    expect(byPath.get("trigger.body.email")).toMatchObject({ type: "string", preview: '"a@b.co"' });
    expect(byPath.get("trigger.query.page")).toMatchObject({ type: "string" });
    expect(byPath.get("trigger.headers.x-api-version")).toMatchObject({ type: "string" });
    expect([...byPath.keys()].some((path) => path.startsWith("trigger.payload"))).toBe(false);
    expect(sampleContext(requestSources({ body: { n: 1 } })).trigger).toEqual({ type: "request", body: { n: 1 }, query: {}, headers: {} });
  });

  it("flags trigger.payload, unknown parts and fields the test call lacks", () => {
    const check = (text: string) => checkReferences(text, requestSources({ body: { email: "a@b.co" } })).map((problem) => problem.message);
    expect(check("{{trigger.body.email}} {{trigger.query}} {{trigger.headers}}")).toEqual([]);
    expect(check("{{trigger.payload.email}}")).toEqual(["A Request trigger's runs have no payload: use trigger.body, trigger.query or trigger.headers"]);
    expect(check("{{trigger.cookies}}")).toEqual(["A Request trigger has body, query, headers"]);
    expect(check("{{trigger.body.name}}")).toEqual(["The trigger's test data has no body.name"]);
  });
});
