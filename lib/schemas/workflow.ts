// The workflow document: one trigger and a tree of steps. The editor, the API and the engine share it.
// The schema checks shape only, so an unfinished draft still saves; whether a workflow can be deployed
// is decided by lib/engine/validate-workflow.ts.
import { z } from "zod";
import { validateCronExpression } from "@/lib/schedules/cron-pattern";
import { ZName, ZUuid } from "./common";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const ZHttpMethod = z.enum(HTTP_METHODS);
export type THttpMethod = z.infer<typeof ZHttpMethod>;

/** Text that may contain `{{ path }}` segments; see lib/engine/template. */
const ZTemplateText = z.string().max(100_000, "Use at most 100,000 characters");

export const ZKeyValue = z.object({ key: z.string().max(1000), value: ZTemplateText });
export type TKeyValue = z.infer<typeof ZKeyValue>;
const ZKeyValues = z.array(ZKeyValue).max(100, "Use at most 100 entries").default([]);

// ---------------------------------------------------------------------------------------------- trigger

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

const ZTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour HH:MM");
const ZTimeZone = z
  .string()
  .refine(isValidTimeZone, "Unknown IANA time zone")
  .optional()
  .meta({ description: "An IANA time zone, such as Europe/Paris; absent means the project's zone (UTC unless the project names one)" });
const ZInterval = (min: number, max: number) => z.int().min(min).max(max);
const ZCronExpression = z
  .string()
  .trim()
  .superRefine((expression, ctx) => {
    const reason = validateCronExpression(expression);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

export const ZSchedule = z
  .discriminatedUnion("every", [
    z.object({ every: z.literal("seconds"), interval: ZInterval(1, 59), timezone: ZTimeZone }),
    z.object({ every: z.literal("minutes"), interval: ZInterval(1, 59), timezone: ZTimeZone }),
    z.object({ every: z.literal("hourly"), interval: ZInterval(1, 23), minute: ZInterval(0, 59), timezone: ZTimeZone }),
    z.object({ every: z.literal("daily"), interval: ZInterval(1, 31), time: ZTimeOfDay, timezone: ZTimeZone }),
    z.object({
      every: z.literal("weekly"),
      weekdays: z
        .array(ZInterval(0, 6))
        .min(1, "Pick at least one weekday")
        .refine((days) => new Set(days).size === days.length, "Each weekday at most once"),
      time: ZTimeOfDay,
      timezone: ZTimeZone,
    }),
    z.object({ every: z.literal("cron"), expression: ZCronExpression, timezone: ZTimeZone }),
  ])
  .meta({
    id: "WorkflowSchedule",
    description:
      "Seconds and minutes are true intervals from the deploy; hourly starts at the first local minute M after it, then every N hours; " +
      "daily, weekly and cron name wall-clock times in the zone. A time the clocks skip fires at the first instant after it, a repeated one once. " +
      "0 = Sunday in weekdays; the 6-field cron form starts with seconds",
  });
export type TSchedule = z.infer<typeof ZSchedule>;

export const CATCH_UP_POLICIES = ["skip", "once", "all"] as const;
export const OVERLAP_POLICIES = ["skip", "buffer_one", "buffer_all", "allow_all"] as const;
/** The most missed ticks one catch-up runs (policy "all"). */
export const MAX_CATCH_UP_TICKS = 1000;
const CATCH_UP_WINDOW_MAX_SECONDS = 7 * 86_400;

export const ZCatchUp = z
  .object({
    policy: z.enum(CATCH_UP_POLICIES).meta({
      description:
        "skip: record the missed ticks as skipped; once: run one time for the missed period; " +
        `all: run every missed tick within the window, at most ${MAX_CATCH_UP_TICKS.toLocaleString("en-US")}`,
    }),
    windowSeconds: z
      .int()
      .min(10)
      .max(CATCH_UP_WINDOW_MAX_SECONDS, "Use at most 604,800 seconds (7 days)")
      .default(3600)
      .meta({ description: "How far back a missed tick is still caught up; older ones are recorded as skipped" }),
  })
  .meta({ id: "ScheduleCatchUp", description: "What to do with ticks missed while no worker could fire them" });
export type TCatchUp = z.infer<typeof ZCatchUp>;

export const ZScheduleTrigger = z
  .object({
    type: z.literal("schedule"),
    schedule: ZSchedule,
    catchUp: ZCatchUp.default(() => ({ policy: "skip" as const, windowSeconds: 3600 })),
    overlap: z.enum(OVERLAP_POLICIES).default("skip").meta({
      description:
        "When a tick comes while the user's previous run of this workflow is still going. skip: record the tick as skipped; " +
        "buffer_one: start it when that run ends, keeping at most one waiting; buffer_all: keep every such tick and start them in order; " +
        "allow_all: start it at once, alongside",
    }),
  })
  .meta({ id: "WorkflowScheduleTrigger", description: "Runs the workflow on a schedule for each user who has it on" });
export type TScheduleTrigger = z.infer<typeof ZScheduleTrigger>;

/** How long a Request trigger's caller waits for the Response step at most, and when the trigger names no time. */
export const REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS = 300;
export const REQUEST_TRIGGER_TIMEOUT_DEFAULT_SECONDS = 30;
/** The parts of a call to a Request trigger: what `{{trigger.body}}`, `{{trigger.query}}` and `{{trigger.headers}}` read. */
export const REQUEST_PARTS = ["body", "query", "headers"] as const;
export type TRequestPart = (typeof REQUEST_PARTS)[number];

const ZRequestPartSchema = (part: TRequestPart, what: string) =>
  z
    .record(z.string(), z.json())
    .optional()
    .meta({ description: `A JSON Schema (draft 2020-12) ${what} must match, or the call is refused with 422 and the paths of the mismatches; absent: any ${part}` });

export const ZRequestTrigger = z
  .object({
    type: z.literal("request"),
    // Kept so that drafts saved with a method still parse; calls are POST whatever it says.
    method: ZHttpMethod.default("POST").meta({ description: "Not read: a Request trigger is called with POST /projects/{projectId}/sdk/triggers/{workflowId}" }),
    timeoutSeconds: z
      .int()
      .min(1, "Wait at least 1 second")
      .max(REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS, `Wait at most ${REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS} seconds (5 minutes)`)
      // Optional rather than defaulted, so that documents saved before it existed read back unchanged.
      .optional()
      .meta({
        description: `How long the caller waits for a Response step (absent: ${REQUEST_TRIGGER_TIMEOUT_DEFAULT_SECONDS}); then it gets 504 with the run's id and status URL, and the run goes on`,
      }),
    bodySchema: ZRequestPartSchema("body", "the JSON body"),
    querySchema: ZRequestPartSchema("query", "the query parameters (an object of strings; a repeated parameter is an array of strings)"),
    headersSchema: ZRequestPartSchema("headers", "the headers (an object of strings, names in lower case)"),
  })
  .meta({
    id: "WorkflowRequestTrigger",
    description: "Runs the workflow for the calling user on POST /projects/{projectId}/sdk/triggers/{workflowId}; a Response step answers the call",
  });
export type TRequestTrigger = z.infer<typeof ZRequestTrigger>;

export const ZTrigger = z
  .discriminatedUnion("type", [
    // appEventId is null until the builder picks one; deploy refuses that.
    z.object({ type: z.literal("app_event"), appEventId: ZUuid.nullable() }),
    ZScheduleTrigger,
    z.object({
      type: z.literal("webhook"),
      source: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("integration"), integration: z.string().max(100), event: z.string().max(200) }),
        z.object({ kind: z.literal("custom"), name: z.string().max(100) }),
      ]),
    }),
    ZRequestTrigger,
  ])
  .meta({ id: "WorkflowTrigger" });
export type TTrigger = z.infer<typeof ZTrigger>;
export type TTriggerType = TTrigger["type"];
export type TWebhookTrigger = Extract<TTrigger, { type: "webhook" }>;

// -------------------------------------------------------------------------------------------- conditions

export const BINARY_CONDITION_OPERATORS = [
  "contains", "not_contains", "equals", "not_equals", "starts_with", "not_starts_with", "ends_with",
  "not_ends_with", "is_in", "not_in",
  "gt", "gte", "lt", "lte", "num_equals", "num_not_equals",
  "date_after", "date_before", "date_equals",
] as const;
export const UNARY_CONDITION_OPERATORS = [
  "is_true", "is_false", "exists", "not_exists", "is_null", "is_not_null", "array_empty", "array_not_empty",
] as const;
export const CONDITION_OPERATORS = [...BINARY_CONDITION_OPERATORS, ...UNARY_CONDITION_OPERATORS] as const;
export type TConditionOperator = (typeof CONDITION_OPERATORS)[number];
export type TUnaryConditionOperator = (typeof UNARY_CONDITION_OPERATORS)[number];

export function isUnaryOperator(operator: TConditionOperator): operator is TUnaryConditionOperator {
  return (UNARY_CONDITION_OPERATORS as readonly string[]).includes(operator);
}

// Unary rules drop any leftover `right` (the editor may keep it while the builder switches operators).
export const ZConditionRule = z.discriminatedUnion("operator", [
  z.object({
    left: ZTemplateText,
    operator: z.enum(BINARY_CONDITION_OPERATORS),
    right: z.string({ error: "Enter a value to compare with" }).max(100_000),
  }),
  z.object({ left: ZTemplateText, operator: z.enum(UNARY_CONDITION_OPERATORS) }),
]);
export type TConditionRule = z.infer<typeof ZConditionRule>;

export const ZConditionGroup = z
  .object({
    combinator: z.enum(["and", "or"]),
    rules: z.array(ZConditionRule).min(1, "Add at least one rule").max(50, "Use at most 50 rules"),
  })
  .meta({ id: "WorkflowConditionGroup" });
export type TConditionGroup = z.infer<typeof ZConditionGroup>;

// ------------------------------------------------------------------------------------------------- steps

/** "trigger" names the trigger in edges; "workflow" labels problems with the document as a whole. */
export const RESERVED_STEP_IDS = ["trigger", "workflow"] as const;
export const ZStepId = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, "Start with a letter; use letters, digits and _ (at most 64)")
  .refine((id) => !(RESERVED_STEP_IDS as readonly string[]).includes(id), "This id is reserved");

const ZRetry = z.object({
  maxRetries: z.int().min(0).max(10).default(5),
  backoffSeconds: z.array(z.number().positive().max(86_400)).min(1).max(10).optional(),
});
export type TRetry = z.infer<typeof ZRetry>;

const stepBase = {
  id: ZStepId,
  name: ZName,
  retry: ZRetry.optional(),
  continueOnFailure: z.boolean().default(false),
};

const ZRequestBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("json"), json: ZTemplateText }),
  z.object({ kind: z.literal("form"), fields: ZKeyValues }),
  z.object({ kind: z.literal("raw"), contentType: z.string().max(200), text: ZTemplateText }),
]);

const ZRequestAuth = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("basic"), username: ZTemplateText, password: ZTemplateText }),
  z.object({ type: z.literal("bearer"), token: ZTemplateText }),
]);

/** The longest a Request attempt may take, from resolving the host to the last byte of the answer. */
export const REQUEST_TIMEOUT_MAX_MS = 300_000;
/**
 * The longest Delay deploy accepts when the server sets no DELAY_MAX_SECONDS (lib/engine/limits.ts reads
 * it). The editor checks against this too: the browser cannot read the server's environment.
 */
export const DELAY_MAX_SECONDS_DEFAULT = 30 * 24 * 3600;

const ZRequestConfig = z.object({
  method: ZHttpMethod,
  url: ZTemplateText,
  headers: ZKeyValues,
  query: ZKeyValues,
  body: ZRequestBody.default({ kind: "none" }),
  auth: ZRequestAuth.default({ type: "none" }),
  timeoutMs: z
    .int()
    .min(1)
    .max(REQUEST_TIMEOUT_MAX_MS, `Use at most ${REQUEST_TIMEOUT_MAX_MS.toLocaleString("en-US")} ms (${REQUEST_TIMEOUT_MAX_MS / 60_000} minutes)`)
    .default(30_000)
    .meta({ description: "A deadline for the whole attempt: connecting, the answer's headers and its entire body" }),
  // On by default so that a retry after a crash or a timeout reaches the receiver with the key it already
  // saw; off for receivers that reject unknown headers.
  idempotencyKey: z
    .boolean()
    .default(true)
    .meta({ description: "Send an Idempotency-Key header, the same for every re-send of one retry attempt" }),
});

const DELAY_UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 } as const;
const ZDelayConfig = z.object({ value: z.int().min(1), unit: z.enum(["seconds", "minutes", "hours", "days"]) });

/** How long a Delay step waits, in seconds. */
export function delaySecondsOf(config: z.infer<typeof ZDelayConfig>): number {
  return config.value * DELAY_UNIT_SECONDS[config.unit];
}

const ZCaseId = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,64}$/, "Use letters, digits, _ and - (at most 64)")
  .refine((id) => id !== "default", "“default” is the fallback branch");

const ZSwitchConfig = z.object({
  cases: z
    .array(z.object({ id: ZCaseId, label: z.string().max(100), condition: ZConditionGroup }))
    .min(1, "Add at least one case")
    .max(20, "Use at most 20 cases")
    .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, "Case ids must be unique"),
});

export const ZStep = z
  .discriminatedUnion("type", [
    z.object({ ...stepBase, type: z.literal("request"), config: ZRequestConfig }),
    z.object({
      ...stepBase,
      type: z.literal("function"),
      config: z.object({ code: z.string().max(100_000), params: ZKeyValues }),
    }),
    z.object({ ...stepBase, type: z.literal("conditional"), config: z.object({ condition: ZConditionGroup }) }),
    z.object({ ...stepBase, type: z.literal("switch"), config: ZSwitchConfig }),
    z.object({
      ...stepBase,
      type: z.literal("fan_out"),
      config: z.object({ items: ZTemplateText, concurrency: z.int().min(1).max(50).default(5) }),
    }),
    z.object({
      ...stepBase,
      type: z.literal("delay"),
      config: ZDelayConfig,
    }),
    z.object({
      ...stepBase,
      type: z.literal("response"),
      config: z.object({ statusCode: z.int().min(100).max(599), headers: ZKeyValues, body: ZTemplateText }),
    }),
  ])
  .meta({ id: "WorkflowStep" });
export type TStep = z.infer<typeof ZStep>;
export type TStepType = TStep["type"];
export type TStepOf<T extends TStepType> = Extract<TStep, { type: T }>;
export type TStepConfigOf<T extends TStepType> = TStepOf<T>["config"];

export const STEP_TYPES = ["request", "function", "conditional", "switch", "fan_out", "delay", "response"] as const;

// ------------------------------------------------------------------------------------------------- graph

export const ZEdge = z
  .object({
    id: z.string().min(1).max(100),
    source: z.string().min(1).max(64),
    target: z.string().min(1).max(64),
    branch: z.string().min(1).max(64).optional(),
  })
  .meta({ id: "WorkflowEdge", description: "source is \"trigger\" or a step id; branch labels a conditional, switch or fan-out exit" });
export type TEdge = z.infer<typeof ZEdge>;

export const ZWorkflowGraph = z
  .object({
    trigger: ZTrigger,
    steps: z.array(ZStep).max(500, "Use at most 500 steps"),
    edges: z.array(ZEdge).max(1000, "Use at most 1000 edges"),
    testData: z
      .json()
      .optional()
      .meta({ description: "The editor's test payload for this workflow (starts as the App Event's example); runs never read it" }),
  })
  .meta({ id: "WorkflowGraph" });
export type TWorkflowGraph = z.infer<typeof ZWorkflowGraph>;

/** The exits a node offers: labelled branches, and whether one unlabelled ("plain") edge may leave it. */
export function branchesOf(node: TStep | "trigger"): { branches: string[]; plain: boolean } {
  if (node === "trigger") return { branches: [], plain: true };
  switch (node.type) {
    case "conditional":
      return { branches: ["true", "false"], plain: false };
    case "switch":
      return { branches: [...node.config.cases.map((c) => c.id), "default"], plain: false };
    case "fan_out":
      return { branches: ["each"], plain: true };
    default:
      return { branches: [], plain: true };
  }
}

const DEFAULT_RULE: TConditionRule = { left: "", operator: "equals", right: "" };
const DEFAULT_CONFIGS: { [T in TStepType]: () => TStepConfigOf<T> } = {
  request: () => ({
    method: "GET", url: "", headers: [], query: [], body: { kind: "none" }, auth: { type: "none" }, timeoutMs: 30_000, idempotencyKey: true,
  }),
  function: () => ({ code: "function (params, context) {\n  return {};\n}", params: [] }),
  conditional: () => ({ condition: { combinator: "and", rules: [{ ...DEFAULT_RULE }] } }),
  switch: () => ({
    cases: [{ id: "case_1", label: "Case 1", condition: { combinator: "and", rules: [{ ...DEFAULT_RULE }] } }],
  }),
  fan_out: () => ({ items: "", concurrency: 5 }),
  delay: () => ({ value: 1, unit: "minutes" }),
  response: () => ({ statusCode: 200, headers: [], body: "" }),
};

/** A fresh config for a step the builder just dropped on the canvas (a new object on every call). */
export function defaultStepConfig<T extends TStepType>(type: T): TStepConfigOf<T> {
  return DEFAULT_CONFIGS[type]();
}

/**
 * Every config field of a step that is template text, with its path under the step ("config.url").
 * The validator checks the references in these; the engine resolves them; the editor offers `{{` there.
 * Function code is not a template: it reads its inputs from `params`.
 */
export function templateFieldsOf(step: TStep): { field: string; text: string }[] {
  const fields: { field: string; text: string }[] = [];
  const add = (field: string, text: string) => fields.push({ field: `config.${field}`, text });
  const addPairs = (field: string, pairs: TKeyValue[], withKeys: boolean) =>
    pairs.forEach((pair, i) => {
      if (withKeys) add(`${field}.${i}.key`, pair.key);
      add(`${field}.${i}.value`, pair.value);
    });
  const addGroup = (field: string, group: TConditionGroup) =>
    group.rules.forEach((rule, i) => {
      add(`${field}.rules.${i}.left`, rule.left);
      if ("right" in rule) add(`${field}.rules.${i}.right`, rule.right);
    });

  switch (step.type) {
    case "request": {
      const { config } = step;
      add("url", config.url);
      addPairs("headers", config.headers, false);
      addPairs("query", config.query, true);
      if (config.body.kind === "json") add("body.json", config.body.json);
      if (config.body.kind === "form") addPairs("body.fields", config.body.fields, true);
      if (config.body.kind === "raw") add("body.text", config.body.text);
      if (config.auth.type === "basic") {
        add("auth.username", config.auth.username);
        add("auth.password", config.auth.password);
      }
      if (config.auth.type === "bearer") add("auth.token", config.auth.token);
      break;
    }
    case "function":
      addPairs("params", step.config.params, false);
      break;
    case "conditional":
      addGroup("condition", step.config.condition);
      break;
    case "switch":
      step.config.cases.forEach((c, i) => addGroup(`cases.${i}.condition`, c.condition));
      break;
    case "fan_out":
      add("items", step.config.items);
      break;
    case "response":
      addPairs("headers", step.config.headers, false);
      add("body", step.config.body);
      break;
    case "delay":
      break;
  }
  return fields;
}
