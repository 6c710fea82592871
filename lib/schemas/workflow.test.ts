import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  branchesOf,
  CATCH_UP_POLICIES,
  DELAY_MAX_SECONDS_DEFAULT,
  defaultStepConfig,
  delaySecondsOf,
  MAX_CATCH_UP_TICKS,
  OVERLAP_POLICIES,
  REQUEST_TIMEOUT_MAX_MS,
  STEP_TYPES,
  templateFieldsOf,
  ZConditionRule,
  ZSchedule,
  ZScheduleTrigger,
  ZStep,
  ZStepId,
  ZTrigger,
  ZWorkflowGraph,
  type TStep,
} from "./workflow";

/** What croner itself says about an expression, without its "CronPattern: " prefix. */
function cronerReason(expression: string): string | null {
  try {
    new Cron(expression, { mode: "5-or-6-parts" });
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, "");
  }
}

describe("ZSchedule", () => {
  it.each([
    [{ every: "seconds", interval: 1 }],
    [{ every: "seconds", interval: 59 }],
    [{ every: "minutes", interval: 30, timezone: "Europe/Paris" }],
    [{ every: "hourly", interval: 1, minute: 15 }],
    [{ every: "daily", interval: 2, time: "09:00", timezone: "America/Los_Angeles" }],
    [{ every: "weekly", weekdays: [1, 3], time: "23:59" }],
    [{ every: "cron", expression: "0 */5 * * *" }],
    [{ every: "cron", expression: "*/30 * * * * *" }],
    [{ every: "cron", expression: "0 12 * * MON#1", timezone: "Australia/Sydney" }],
  ])("accepts %j", (schedule) => {
    expect(ZSchedule.safeParse(schedule).success).toBe(true);
  });

  it.each([
    ["every 0 seconds", { every: "seconds", interval: 0 }, "interval"],
    ["every 60 seconds", { every: "seconds", interval: 60 }, "interval"],
    ["every 0 minutes", { every: "minutes", interval: 0 }, "interval"],
    ["fractional minutes", { every: "minutes", interval: 1.5 }, "interval"],
    ["every 24 hours", { every: "hourly", interval: 24, minute: 0 }, "interval"],
    ["hourly minute 60", { every: "hourly", interval: 1, minute: 60 }, "minute"],
    ["daily interval 32", { every: "daily", interval: 32, time: "09:00" }, "interval"],
    ["a 24:00 time", { every: "daily", interval: 1, time: "24:00" }, "time"],
    ["a time without a leading zero", { every: "daily", interval: 1, time: "9:00" }, "time"],
    ["no weekdays", { every: "weekly", weekdays: [], time: "09:00" }, "weekdays"],
    ["weekday 7", { every: "weekly", weekdays: [7], time: "09:00" }, "weekdays.0"],
    ["repeated weekdays", { every: "weekly", weekdays: [1, 1], time: "09:00" }, "weekdays"],
    ["a 4-field cron", { every: "cron", expression: "* * * *" }, "expression"],
    ["a 7-field cron (croner's year field)", { every: "cron", expression: "* * * * * * 2030" }, "expression"],
    ["a cron nickname", { every: "cron", expression: "@daily" }, "expression"],
    ["a date in place of a cron expression", { every: "cron", expression: "2030-01-01T00:00:00" }, "expression"],
    ["a cron minute of 61", { every: "cron", expression: "61 * * * *" }, "expression"],
    ["an unknown time zone", { every: "seconds", interval: 10, timezone: "Mars/Olympus" }, "timezone"],
    ["an unknown unit", { every: "monthly", interval: 1 }, "every"],
  ])("rejects %s", (_name, schedule, field) => {
    const result = ZSchedule.safeParse(schedule);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it.each([
    ["61 * * * *"],
    ["*/0 * * * *"],
    ["0 9 * * MONDAY"],
    ["0 25 * * *"],
  ])("refuses the cron expression %j with croner's own reason", (expression) => {
    const reason = cronerReason(expression);
    expect(reason).toBeTruthy();
    const result = ZSchedule.safeParse({ every: "cron", expression });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["expression"], message: reason })]);
  });

  it("trims a cron expression", () => {
    expect(ZSchedule.parse({ every: "cron", expression: "  0 9 * * 1 " })).toEqual({ every: "cron", expression: "0 9 * * 1" });
  });

  it("leaves an absent time zone absent: the server applies the project's zone", () => {
    expect(ZSchedule.parse({ every: "seconds", interval: 10 })).toEqual({ every: "seconds", interval: 10 });
    expect(ZSchedule.parse({ every: "seconds", interval: 10, timezone: "Asia/Kolkata" })).toEqual({ every: "seconds", interval: 10, timezone: "Asia/Kolkata" });
  });
});

describe("ZScheduleTrigger", () => {
  const schedule = { every: "minutes", interval: 5, timezone: "UTC" };

  it("parses a stored draft from before the policies existed, with Temporal's defaults", () => {
    expect(ZTrigger.parse({ type: "schedule", schedule })).toEqual({
      type: "schedule",
      schedule,
      catchUp: { policy: "skip", windowSeconds: 3600 },
      overlap: "skip",
    });
  });

  it("gives each parse its own default catch-up object", () => {
    const first = ZScheduleTrigger.parse({ type: "schedule", schedule });
    first.catchUp.windowSeconds = 60;
    expect(ZScheduleTrigger.parse({ type: "schedule", schedule }).catchUp.windowSeconds).toBe(3600);
  });

  it.each(CATCH_UP_POLICIES.flatMap((policy) => OVERLAP_POLICIES.map((overlap) => [policy, overlap] as const)))("keeps catch-up %s with overlap %s", (policy, overlap) => {
    const trigger = { type: "schedule", schedule, catchUp: { policy, windowSeconds: 600 }, overlap };
    expect(ZTrigger.parse(trigger)).toEqual(trigger);
  });

  it("defaults the catch-up window to an hour", () => {
    expect(ZScheduleTrigger.parse({ type: "schedule", schedule, catchUp: { policy: "all" } }).catchUp).toEqual({ policy: "all", windowSeconds: 3600 });
  });

  it.each([
    ["a window of 9 s", { catchUp: { policy: "all", windowSeconds: 9 } }, "catchUp.windowSeconds"],
    ["a window over 7 days", { catchUp: { policy: "all", windowSeconds: 7 * 86_400 + 1 } }, "catchUp.windowSeconds"],
    ["a fractional window", { catchUp: { policy: "once", windowSeconds: 10.5 } }, "catchUp.windowSeconds"],
    ["a catch-up without its policy", { catchUp: { windowSeconds: 60 } }, "catchUp.policy"],
    ["an unknown catch-up policy", { catchUp: { policy: "latest", windowSeconds: 60 } }, "catchUp.policy"],
    ["Temporal's cancel_other, which has no meaning here", { overlap: "cancel_other" }, "overlap"],
  ])("rejects %s", (_name, policies, field) => {
    const result = ZTrigger.safeParse({ type: "schedule", schedule, ...policies });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([field]);
  });

  it("accepts the window's bounds", () => {
    for (const windowSeconds of [10, 7 * 86_400]) {
      expect(ZScheduleTrigger.safeParse({ type: "schedule", schedule, catchUp: { policy: "all", windowSeconds } }).success).toBe(true);
    }
  });

  it("names the policies for the OpenAPI document", () => {
    for (const io of ["input", "output"] as const) {
      const json = JSON.stringify(z.toJSONSchema(ZTrigger, { io, unrepresentable: "any", target: "draft-2020-12" }));
      for (const text of ["WorkflowScheduleTrigger", "ScheduleCatchUp", "buffer_one", "the project's zone"]) expect(json).toContain(text);
    }
    expect(MAX_CATCH_UP_TICKS).toBe(1000);
  });
});

describe("ZTrigger", () => {
  it.each([
    [{ type: "app_event", appEventId: null }, { type: "app_event", appEventId: null }],
    [{ type: "request" }, { type: "request", method: "POST" }],
    [
      { type: "webhook", source: { kind: "integration", integration: "github", event: "push" } },
      { type: "webhook", source: { kind: "integration", integration: "github", event: "push" } },
    ],
    [{ type: "webhook", source: { kind: "custom", name: "orders" } }, { type: "webhook", source: { kind: "custom", name: "orders" } }],
  ])("parses %j", (input, expected) => {
    expect(ZTrigger.parse(input)).toEqual(expected);
  });

  it.each([
    [{ type: "app_event", appEventId: "not-a-uuid" }],
    [{ type: "request", method: "HEAD" }],
    [{ type: "email" }],
  ])("rejects %j", (input) => {
    expect(ZTrigger.safeParse(input).success).toBe(false);
  });
});

describe("ZStepId", () => {
  it.each(["a", "get_contact", "Step2", "x".repeat(64)])("accepts %s", (id) => {
    expect(ZStepId.safeParse(id).success).toBe(true);
  });
  it.each(["", "2step", "_x", "has-dash", "has space", "x".repeat(65), "trigger", "workflow"])("rejects %j", (id) => {
    expect(ZStepId.safeParse(id).success).toBe(false);
  });
});

describe("ZConditionRule", () => {
  it("drops a leftover right operand from a unary rule", () => {
    expect(ZConditionRule.parse({ left: "{{a}}", operator: "exists", right: "x" })).toEqual({ left: "{{a}}", operator: "exists" });
  });

  it("requires a right operand for a binary rule", () => {
    const result = ZConditionRule.safeParse({ left: "{{a}}", operator: "gt" });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["right"], message: "Enter a value to compare with" })]);
  });

  it("rejects unknown operators", () => {
    expect(ZConditionRule.safeParse({ left: "a", operator: "matches", right: "b" }).success).toBe(false);
  });
});

describe("ZStep and defaultStepConfig", () => {
  it.each(STEP_TYPES)("the default %s config is a valid step", (type) => {
    expect(ZStep.safeParse({ id: "s1", name: "Step", type, config: defaultStepConfig(type) }).success).toBe(true);
  });

  it("returns a fresh object on every call", () => {
    const a = defaultStepConfig("conditional");
    a.condition.rules.push({ left: "x", operator: "exists" });
    expect(defaultStepConfig("conditional").condition.rules).toHaveLength(1);
  });

  it("fills in defaults", () => {
    const step = ZStep.parse({ id: "r", name: "R", type: "request", config: { method: "GET", url: "https://x.example" } });
    expect(step).toEqual({
      id: "r",
      name: "R",
      type: "request",
      continueOnFailure: false,
      config: {
        method: "GET",
        url: "https://x.example",
        headers: [],
        query: [],
        body: { kind: "none" },
        auth: { type: "none" },
        timeoutMs: 30_000,
        idempotencyKey: true,
      },
    });
    expect(ZStep.parse({ ...step, retry: {} }).retry).toEqual({ maxRetries: 5 });
  });

  it.each([
    ["a request timeout over 5 minutes", { type: "request", config: { method: "GET", url: "", timeoutMs: 300_001 } }],
    ["a fan-out concurrency of 51", { type: "fan_out", config: { items: "{{x}}", concurrency: 51 } }],
    ["a zero delay", { type: "delay", config: { value: 0, unit: "seconds" } }],
    ["a status code of 600", { type: "response", config: { statusCode: 600, headers: [], body: "" } }],
    ["more than 10 retries", { type: "delay", retry: { maxRetries: 11 }, config: { value: 1, unit: "days" } }],
    ["a switch without cases", { type: "switch", config: { cases: [] } }],
    ["repeated case ids", { type: "switch", config: { cases: [1, 2].map(() => ({ id: "a", label: "A", condition: { combinator: "and", rules: [{ left: "x", operator: "exists" }] } })) } }],
  ])("rejects %s", (_name, partial) => {
    expect(ZStep.safeParse({ id: "s", name: "S", ...partial }).success).toBe(false);
  });
});

describe("the Request step's bounds", () => {
  const request = (config: Record<string, unknown>) => ZStep.safeParse({ id: "r", name: "R", type: "request", config: { method: "GET", url: "", ...config } });

  it("accepts a timeout of up to REQUEST_TIMEOUT_MAX_MS (5 minutes)", () => {
    expect(REQUEST_TIMEOUT_MAX_MS).toBe(300_000);
    expect(request({ timeoutMs: 300_000 }).success).toBe(true);
    expect(request({ timeoutMs: 300_001 }).error?.issues).toEqual([expect.objectContaining({ path: ["config", "timeoutMs"], message: "Use at most 300,000 ms (5 minutes)" })]);
  });

  it("keeps an Idempotency-Key switched off", () => {
    expect(request({ idempotencyKey: false }).data?.config).toMatchObject({ idempotencyKey: false });
    expect(request({ idempotencyKey: "yes" }).success).toBe(false);
  });
});

describe("delaySecondsOf", () => {
  it.each([
    [{ value: 45, unit: "seconds" as const }, 45],
    [{ value: 2, unit: "minutes" as const }, 120],
    [{ value: 3, unit: "hours" as const }, 10_800],
    [{ value: 30, unit: "days" as const }, DELAY_MAX_SECONDS_DEFAULT],
  ])("%j is %i s", (config, seconds) => {
    expect(delaySecondsOf(config)).toBe(seconds);
  });
});

describe("ZWorkflowGraph", () => {
  it("parses a workflow", () => {
    const graph = {
      trigger: { type: "request" },
      steps: [{ id: "reply", name: "Reply", type: "response", config: { statusCode: 200, headers: [], body: "ok" } }],
      edges: [{ id: "e1", source: "trigger", target: "reply" }],
    };
    expect(ZWorkflowGraph.parse(graph).steps[0]).toMatchObject({ id: "reply", continueOnFailure: false });
  });

  it("caps the number of steps", () => {
    const steps = Array.from({ length: 501 }, (_, i) => ({ id: `s${i}`, name: "S", type: "delay", config: { value: 1, unit: "seconds" } }));
    expect(ZWorkflowGraph.safeParse({ trigger: { type: "request" }, steps, edges: [] }).success).toBe(false);
  });
});

describe("branchesOf", () => {
  const group = { combinator: "and" as const, rules: [{ left: "x", operator: "exists" as const }] };
  it.each<[string, TStep | "trigger", { branches: string[]; plain: boolean }]>([
    ["the trigger", "trigger", { branches: [], plain: true }],
    ["a conditional", { id: "c", name: "C", type: "conditional", continueOnFailure: false, config: { condition: group } }, { branches: ["true", "false"], plain: false }],
    [
      "a switch",
      { id: "s", name: "S", type: "switch", continueOnFailure: false, config: { cases: [{ id: "vip", label: "VIP", condition: group }] } },
      { branches: ["vip", "default"], plain: false },
    ],
    ["a fan-out", { id: "f", name: "F", type: "fan_out", continueOnFailure: false, config: { items: "", concurrency: 5 } }, { branches: ["each"], plain: true }],
    ["a delay", { id: "d", name: "D", type: "delay", continueOnFailure: false, config: { value: 1, unit: "days" } }, { branches: [], plain: true }],
  ])("%s", (_name, node, expected) => {
    expect(branchesOf(node)).toEqual(expected);
  });
});

describe("templateFieldsOf", () => {
  it("lists the template fields of a request", () => {
    const step = ZStep.parse({
      id: "r",
      name: "R",
      type: "request",
      config: {
        method: "POST",
        url: "u",
        headers: [{ key: "H", value: "h" }],
        query: [{ key: "qk", value: "qv" }],
        body: { kind: "json", json: "{}" },
        auth: { type: "bearer", token: "t" },
      },
    });
    expect(templateFieldsOf(step)).toEqual([
      { field: "config.url", text: "u" },
      { field: "config.headers.0.value", text: "h" },
      { field: "config.query.0.key", text: "qk" },
      { field: "config.query.0.value", text: "qv" },
      { field: "config.body.json", text: "{}" },
      { field: "config.auth.token", text: "t" },
    ]);
  });

  it("lists condition operands and leaves function code alone", () => {
    const cond = ZStep.parse({ id: "c", name: "C", type: "conditional", config: { condition: { combinator: "or", rules: [{ left: "l", operator: "equals", right: "r" }, { left: "l2", operator: "exists" }] } } });
    expect(templateFieldsOf(cond).map((f) => f.field)).toEqual([
      "config.condition.rules.0.left",
      "config.condition.rules.0.right",
      "config.condition.rules.1.left",
    ]);
    const fn = ZStep.parse({ id: "f", name: "F", type: "function", config: { code: "{{not.a.template}}", params: [{ key: "a", value: "v" }] } });
    expect(templateFieldsOf(fn)).toEqual([{ field: "config.params.0.value", text: "v" }]);
  });
});
