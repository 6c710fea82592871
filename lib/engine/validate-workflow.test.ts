import { afterEach, describe, expect, it } from "vitest";
import type { TEdge } from "@/lib/schemas/workflow";
import { ENGINE_LIMIT_DEFAULTS, engineLimits } from "./limits";
import { ancestorsOf, enclosingFanOutsOf, validateWorkflow, type TWorkflowProblem } from "./validate-workflow";

const EVENT_ID = "0b7f8a4e-3c1d-4e5f-9a8b-7c6d5e4f3a2b";
const context = { appEventIds: new Set([EVENT_ID]) };

type TDoc = {
  trigger: Record<string, unknown>;
  steps: Record<string, unknown>[];
  edges: (Partial<TEdge> & Record<string, unknown>)[];
};

const rule = (left: string, right: string) => ({ left, operator: "equals", right });

// trigger → get_contact → check ─true→ notify
//                               └false→ fan ─each→ per_item
//                                           └────→ after
function baseline(): TDoc {
  return {
    trigger: { type: "app_event", appEventId: EVENT_ID },
    steps: [
      {
        id: "get_contact",
        name: "Get contact",
        type: "request",
        config: { method: "GET", url: "https://api.example.com/contacts?email={{trigger.payload.email}}" },
      },
      {
        id: "check",
        name: "Has items?",
        type: "conditional",
        config: { condition: { combinator: "and", rules: [rule("{{steps.get_contact.output.body.count}}", "0")] } },
      },
      { id: "notify", name: "Notify", type: "function", config: { code: "function (p) { return p }", params: [{ key: "who", value: "{{user.id}}" }] } },
      { id: "fan", name: "Each contact", type: "fan_out", config: { items: "{{steps.get_contact.output.body.items}}" } },
      {
        id: "per_item",
        name: "Update",
        type: "request",
        config: {
          method: "POST",
          url: "https://api.example.com/contacts/{{fanOut.item.id}}",
          body: { kind: "json", json: '{"by": "{{steps.get_contact.output.body.owner}}", "n": {{fanOut.index}}}' },
        },
      },
      { id: "after", name: "Summarise", type: "function", config: { code: "function (p) { return p }", params: [{ key: "r", value: "{{steps.fan.output}}" }] } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "get_contact" },
      { id: "e2", source: "get_contact", target: "check" },
      { id: "e3", source: "check", target: "notify", branch: "true" },
      { id: "e4", source: "check", target: "fan", branch: "false" },
      { id: "e5", source: "fan", target: "per_item", branch: "each" },
      { id: "e6", source: "fan", target: "after" },
    ],
  };
}

function problemsAfter(change: (doc: TDoc) => void): TWorkflowProblem[] {
  const doc = baseline();
  change(doc);
  return validateWorkflow(doc, context).problems;
}

const step = (doc: TDoc, id: string) => {
  const found = doc.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found as { config: Record<string, unknown> } & Record<string, unknown>;
};
const addStep = (doc: TDoc, s: Record<string, unknown>, edge: Omit<TEdge, "id">) => {
  doc.steps.push(s);
  doc.edges.push({ id: `e_${String(s.id)}`, ...edge });
};
const fn = (id: string, value = "") => ({ id, name: id, type: "function", config: { code: "function () {}", params: [{ key: "v", value }] } });

describe("validateWorkflow", () => {
  it("accepts a complete workflow", () => {
    expect(validateWorkflow(baseline(), context)).toEqual({ problems: [] });
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["missing lists", { trigger: { type: "request" } }],
  ])("rejects a document that is %s", (_name, doc) => {
    expect(validateWorkflow(doc, context).problems).toEqual([{ stepId: "workflow", message: expect.any(String) }]);
  });

  it.each<[string, (doc: TDoc) => void, Omit<Partial<TWorkflowProblem>, "message"> & { message: RegExp }]>([
    // schema and config
    ["a config outside the schema", (d) => (step(d, "get_contact").config.timeoutMs = 300_001), { stepId: "get_contact", field: "config.timeoutMs", message: /at most 300,000 ms/ }],
    ["an unknown step type", (d) => (step(d, "notify").type = "email"), { stepId: "notify", field: "type", message: /Unknown step type "email"/ }],
    ["a step without an id", (d) => delete step(d, "after").id, { stepId: "steps[5]", field: "id", message: /./ }],
    ["a reserved step id", (d) => (step(d, "after").id = "trigger"), { stepId: "trigger", field: "id", message: /reserved/ }],
    ["a duplicate step id", (d) => d.steps.push({ ...step(d, "notify") }), { stepId: "notify", field: "id", message: /already uses the id "notify"/ }],
    ["an empty URL", (d) => (step(d, "get_contact").config.url = " "), { stepId: "get_contact", field: "config.url", message: /Enter the URL/ }],
    ["a URL that is not http", (d) => (step(d, "get_contact").config.url = "ftp://files.example.com"), { stepId: "get_contact", field: "config.url", message: /http/ }],
    ["a JSON body that is not JSON", (d) => (step(d, "per_item").config.body = { kind: "json", json: "{nope" }), { stepId: "per_item", field: "config.body.json", message: /not valid JSON/ }],
    ["empty function code", (d) => (step(d, "notify").config.code = "  "), { stepId: "notify", field: "config.code", message: /code/ }],
    ["an empty rule", (d) => (step(d, "check").config.condition = { combinator: "or", rules: [rule("", "x")] }), { stepId: "check", field: "config.condition.rules.0.left", message: /Choose the value/ }],
    ["empty fan-out items", (d) => (step(d, "fan").config.items = ""), { stepId: "fan", field: "config.items", message: /list/ }],
    // trigger
    ["no App Event chosen", (d) => (d.trigger.appEventId = null), { stepId: "trigger", field: "appEventId", message: /Choose the App Event/ }],
    ["an unknown App Event", (d) => (d.trigger.appEventId = "1b7f8a4e-3c1d-4e5f-9a8b-7c6d5e4f3a2b"), { stepId: "trigger", field: "appEventId", message: /no longer exists/ }],
    ["a schedule every 0 seconds", (d) => (d.trigger = { type: "schedule", schedule: { every: "seconds", interval: 0 } }), { stepId: "trigger", field: "schedule.interval", message: /./ }],
    ["a cron expression croner refuses", (d) => (d.trigger = { type: "schedule", schedule: { every: "cron", expression: "61 * * * *" } }), { stepId: "trigger", field: "schedule.expression", message: /^Invalid value for minute: 61$/ }],
    ["a cron expression that matches no date", (d) => (d.trigger = { type: "schedule", schedule: { every: "cron", expression: "0 0 30 2 *" } }), { stepId: "trigger", field: "schedule.expression", message: /never fire/ }],
    ["a schedule in an unknown zone", (d) => (d.trigger = { type: "schedule", schedule: { every: "daily", interval: 1, time: "09:00", timezone: "Mars/Olympus" } }), { stepId: "trigger", field: "schedule.timezone", message: /Unknown IANA time zone/ }],
    ["an overlap policy that does not exist", (d) => (d.trigger = { type: "schedule", schedule: { every: "minutes", interval: 1 }, overlap: "cancel_other" }), { stepId: "trigger", field: "overlap", message: /./ }],
    ["a webhook without an event", (d) => (d.trigger = { type: "webhook", source: { kind: "integration", integration: "github", event: "" } }), { stepId: "trigger", field: "source.event", message: /event/ }],
    ["a Response step without a Request trigger", (d) => addStep(d, { id: "reply", name: "Reply", type: "response", config: { statusCode: 200, headers: [], body: "" } }, { source: "after", target: "reply" }), { stepId: "reply", message: /Request trigger/ }],
    // edges
    ["an edge from an unknown step", (d) => d.edges.push({ id: "x", source: "ghost", target: "after" }), { stepId: "after", edgeId: "x", message: /unknown step "ghost"/ }],
    ["an edge to an unknown step", (d) => d.edges.push({ id: "x", source: "after", target: "ghost" }), { stepId: "after", edgeId: "x", message: /unknown step "ghost"/ }],
    ["a duplicate edge id", (d) => d.edges.push({ ...d.edges[0] }), { stepId: "workflow", edgeId: "e1", message: /already uses the id/ }],
    ["an edge without a source", (d) => d.edges.push({ id: "x", target: "after" }), { stepId: "workflow", edgeId: "edges[6]", field: "source", message: /./ }],
    ["two edges into one step", (d) => d.edges.push({ id: "x", source: "per_item", target: "after" }), { stepId: "after", message: /2 connections lead here/ }],
    ["two first steps", (d) => addStep(d, fn("second"), { source: "trigger", target: "second" }), { stepId: "trigger", message: /Only one step can follow/ }],
    ["a plain edge out of a conditional", (d) => addStep(d, fn("extra"), { source: "check", target: "extra" }), { stepId: "check", message: /branches: true, false/ }],
    ["an unknown conditional branch", (d) => addStep(d, fn("extra"), { source: "check", target: "extra", branch: "maybe" }), { stepId: "check", message: /Unknown branch "maybe"; use true, false/ }],
    ["a second true branch", (d) => addStep(d, fn("extra"), { source: "check", target: "extra", branch: "true" }), { stepId: "check", message: /"true" branch already/ }],
    ["a branch out of a function", (d) => addStep(d, fn("extra"), { source: "notify", target: "extra", branch: "true" }), { stepId: "notify", message: /Unknown branch "true"; this step has no branches/ }],
    ["two plain edges out of a fan-out", (d) => addStep(d, fn("extra"), { source: "fan", target: "extra" }), { stepId: "fan", message: /Only one step can follow/ }],
    ["two each lanes", (d) => addStep(d, fn("extra"), { source: "fan", target: "extra", branch: "each" }), { stepId: "fan", message: /"each" branch already/ }],
    // structure
    ["a loop", (d) => {
      addStep(d, fn("a"), { source: "b", target: "a" });
      addStep(d, fn("b"), { source: "a", target: "b" });
    }, { stepId: "a", message: /loop: a → b → a|loop: b → a → b/ }],
    ["a disconnected step", (d) => d.steps.push(fn("orphan")), { stepId: "orphan", message: /Nothing leads to this step/ }],
    ["a step below a disconnected one", (d) => {
      d.steps.push(fn("orphan"));
      addStep(d, fn("child"), { source: "orphan", target: "child" });
    }, { stepId: "child", message: /Not reachable from the trigger/ }],
    // templates
    ["a template syntax error", (d) => (step(d, "get_contact").config.url = "https://x.example/{{ trigger.payload"), { stepId: "get_contact", field: "config.url", message: /Unclosed/ }],
    ["an unknown variable root", (d) => (step(d, "notify").config.params = [{ key: "a", value: "{{payload.email}}" }]), { stepId: "notify", field: "config.params.0.value", message: /Unknown variable \{\{ payload\.email \}\}/ }],
    ["a step's own output", (d) => (step(d, "notify").config.params = [{ key: "a", value: "{{steps.notify.output}}" }]), { stepId: "notify", message: /its own output/ }],
    ["an unknown step", (d) => (step(d, "notify").config.params = [{ key: "a", value: "{{steps.nobody.output}}" }]), { stepId: "notify", message: /no step "nobody"/ }],
    ["`steps` without an id", (d) => (step(d, "notify").config.params = [{ key: "a", value: "{{steps}}" }]), { stepId: "notify", message: /name the step/ }],
    ["a later step", (d) => (step(d, "get_contact").config.url = "https://x.example/{{steps.after.output}}"), { stepId: "get_contact", field: "config.url", message: /"after" does not run before this step/ }],
    ["the other branch", (d) => (step(d, "notify").config.params = [{ key: "a", value: "{{steps.fan.output}}" }]), { stepId: "notify", message: /"fan" does not run before/ }],
    ["a fan-out lane from after the fan-out", (d) => (step(d, "after").config.params = [{ key: "a", value: "{{steps.per_item.output}}" }]), { stepId: "after", message: /once per item inside fan-out "fan"; use steps\.fan\.output/ }],
    ["fanOut outside a lane", (d) => (step(d, "after").config.params = [{ key: "a", value: "{{fanOut.item}}" }]), { stepId: "after", field: "config.params.0.value", message: /only available inside a fan-out/ }],
    ["fanOut in the fan-out's own items", (d) => (step(d, "fan").config.items = "{{fanOut.item}}"), { stepId: "fan", field: "config.items", message: /only available inside a fan-out/ }],
    ["a rule that reads a later step", (d) => (step(d, "check").config.condition = { combinator: "and", rules: [rule("{{steps.after.output}}", "1")] }), { stepId: "check", field: "config.condition.rules.0.left", message: /does not run before/ }],
  ])("reports %s", (_name, change, expected) => {
    expect(problemsAfter(change)).toContainEqual(
      expect.objectContaining({ ...expected, message: expect.stringMatching(expected.message) }),
    );
  });

  it.each([
    [{ every: "seconds", interval: 1 }],
    [{ every: "cron", expression: "*/10 * * * * *", timezone: "Australia/Sydney" }],
    [{ every: "weekly", weekdays: [0, 6], time: "02:30", timezone: "America/New_York" }],
  ])("accepts the schedule %j with the default policies", (schedule) => {
    expect(problemsAfter((d) => (d.trigger = { type: "schedule", schedule }))).toEqual([]);
  });

  it("reports each loop member once and does not also call it unreachable", () => {
    const problems = problemsAfter((d) => {
      addStep(d, fn("a"), { source: "b", target: "a" });
      addStep(d, fn("b"), { source: "a", target: "b" });
    });
    expect(problems.map((p) => p.stepId).sort()).toEqual(["a", "b"]);
  });

  it("reports every problem at once, across steps", () => {
    const problems = problemsAfter((d) => {
      d.trigger.appEventId = null;
      step(d, "get_contact").config.url = "";
      step(d, "notify").config.code = "";
      d.steps.push(fn("orphan"));
    });
    expect(problems.map((p) => p.stepId)).toEqual(["trigger", "get_contact", "notify", "orphan"]);
  });

  it("accepts steps inside nested fan-outs reading both lanes, and a Response with a Request trigger", () => {
    const problems = problemsAfter((d) => {
      d.trigger = { type: "request", method: "POST" };
      addStep(d, { id: "inner", name: "Inner", type: "fan_out", config: { items: "{{fanOut.item.tags}}" } }, { source: "per_item", target: "inner" });
      addStep(d, fn("leaf", "{{fanOut.item}} {{steps.per_item.output}} {{steps.inner.output}}"), { source: "inner", target: "leaf", branch: "each" });
      addStep(d, { id: "reply", name: "Reply", type: "response", config: { statusCode: 201, headers: [], body: "{{steps.after.output}}" } }, { source: "after", target: "reply" });
    });
    expect(problems).toEqual([]);
  });

  it("accepts a switch's case and default branches", () => {
    const problems = problemsAfter((d) => {
      const cases = [{ id: "big", label: "Big", condition: { combinator: "and", rules: [rule("{{trigger.payload.size}}", "L")] } }];
      addStep(d, { id: "route", name: "Route", type: "switch", config: { cases } }, { source: "after", target: "route" });
      addStep(d, fn("on_big"), { source: "route", target: "on_big", branch: "big" });
      addStep(d, fn("on_other"), { source: "route", target: "on_other", branch: "default" });
    });
    expect(problems).toEqual([]);
  });
});

describe("validateWorkflow and the Delay limit", () => {
  const withDelay = (config: Record<string, unknown>) => {
    const doc = baseline();
    addStep(doc, { id: "wait", name: "Wait", type: "delay", config }, { source: "after", target: "wait" });
    return doc;
  };

  it.each([
    ["30 days", { value: 30, unit: "days" }],
    ["720 hours", { value: 720, unit: "hours" }],
    ["2,592,000 seconds", { value: 2_592_000, unit: "seconds" }],
  ])("accepts a Delay of %s, the default maximum", (_name, config) => {
    expect(validateWorkflow(withDelay(config), context).problems).toEqual([]);
  });

  it.each([
    ["31 days", { value: 31, unit: "days" }, "A Delay can wait at most 30 days; this one waits 31 days"],
    ["43,201 minutes", { value: 43_201, unit: "minutes" }, "A Delay can wait at most 30 days; this one waits 43,201 minutes"],
    ["2,592,001 seconds", { value: 2_592_001, unit: "seconds" }, "A Delay can wait at most 30 days; this one waits 2,592,001 seconds"],
  ])("refuses a Delay of %s on its value field", (_name, config, message) => {
    expect(validateWorkflow(withDelay(config), context).problems).toEqual([{ stepId: "wait", field: "config.value", message }]);
  });

  it("applies the limit it is given instead of the default", () => {
    const limits = { maxDelaySeconds: 90 * 60 };
    expect(validateWorkflow(withDelay({ value: 90, unit: "minutes" }), { ...context, limits }).problems).toEqual([]);
    expect(validateWorkflow(withDelay({ value: 2, unit: "hours" }), { ...context, limits }).problems).toEqual([
      { stepId: "wait", field: "config.value", message: "A Delay can wait at most 90 minutes; this one waits 2 hours" },
    ]);
    expect(validateWorkflow(withDelay({ value: 100, unit: "days" }), { ...context, limits: { maxDelaySeconds: 100 * 86_400 } }).problems).toEqual([]);
  });
});

// Deploy passes engineLimits() to validateWorkflow; the walker reads the same values at run time.
describe("engineLimits", () => {
  const saved = { fanOut: process.env.FAN_OUT_MAX_ITEMS, delay: process.env.DELAY_MAX_SECONDS };
  afterEach(() => {
    for (const [name, value] of [["FAN_OUT_MAX_ITEMS", saved.fanOut], ["DELAY_MAX_SECONDS", saved.delay]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("uses the defaults when nothing is set", () => {
    delete process.env.FAN_OUT_MAX_ITEMS;
    process.env.DELAY_MAX_SECONDS = "";
    expect(engineLimits()).toEqual({ maxFanOutItems: 10_000, maxDelaySeconds: 2_592_000 });
    expect(ENGINE_LIMIT_DEFAULTS).toEqual({ maxFanOutItems: 10_000, maxDelaySeconds: 2_592_000, requestTimeoutMaxMs: 300_000 });
  });

  it("reads FAN_OUT_MAX_ITEMS and DELAY_MAX_SECONDS", () => {
    process.env.FAN_OUT_MAX_ITEMS = "250";
    process.env.DELAY_MAX_SECONDS = " 3600 ";
    expect(engineLimits()).toEqual({ maxFanOutItems: 250, maxDelaySeconds: 3600 });
  });

  it.each(["0", "-5", "1.5", "1e3", "ten"])("refuses %j, naming the variable", (value) => {
    process.env.DELAY_MAX_SECONDS = value;
    expect(() => engineLimits()).toThrow(`DELAY_MAX_SECONDS must be a whole number of at least 1, not "${value}"`);
  });
});

describe("ancestorsOf", () => {
  const edges = baseline().edges as TEdge[];

  it.each([
    ["per_item", ["get_contact", "check", "fan"]],
    ["after", ["get_contact", "check", "fan"]],
    ["get_contact", []],
    ["unknown", []],
  ])("%s → %j", (id, expected) => {
    expect(ancestorsOf({ edges }, id)).toEqual(expected);
  });

  it("stops at a loop", () => {
    const loop = [
      { source: "a", target: "b" },
      { source: "b", target: "a" },
    ];
    expect(ancestorsOf({ edges: loop }, "a")).toEqual(["b"]);
  });
});

describe("enclosingFanOutsOf", () => {
  const steps = [
    { id: "outer", type: "fan_out" as const },
    { id: "inner", type: "fan_out" as const },
    { id: "leaf", type: "function" as const },
    { id: "after", type: "function" as const },
  ];
  const edges = [
    { source: "trigger", target: "outer" },
    { source: "outer", target: "inner", branch: "each" },
    { source: "inner", target: "leaf", branch: "each" },
    { source: "outer", target: "after" },
  ];

  it.each([
    ["leaf", ["inner", "outer"]],
    ["inner", ["outer"]],
    ["outer", []],
    ["after", []],
  ])("%s → %j", (id, expected) => {
    expect(enclosingFanOutsOf({ steps, edges }, id)).toEqual(expected);
  });
});
