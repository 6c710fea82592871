// What a step's templates can reference, and which of its references point nowhere. Client-safe: the
// variable picker lists these, and the template fields underline the bad references before deploy.
import { ancestorsOf, enclosingFanOutsOf } from "@/lib/engine/validate-workflow";
import { formatPath, listTemplatePaths, resolveTemplate, TemplateError, TEMPLATE_ROOTS, type TPathSegment } from "@/lib/engine/template/resolve-template";
import { SCHEDULE_TRIGGER_FIELDS, sampleScheduleTrigger } from "@/lib/schedules/sample-tick";
import { REQUEST_PARTS, type TWorkflowGraph } from "@/lib/schemas/workflow";
import { requestInputFromTestData } from "@/lib/workflows/request-trigger-input";
import { sampleWebhookTrigger } from "@/lib/workflows/webhook-trigger-input";

export type TValueType = "string" | "number" | "boolean" | "object" | "array" | "null" | "unknown";

export type TVariable = {
  /** As written inside `{{ }}`. */
  path: string;
  type: TValueType;
  /** A short rendering of the sample value, when there is one. */
  preview?: string;
  /** Where it comes from, for grouping in the picker. */
  source: string;
};

export type TVariableSources = {
  graph: TWorkflowGraph;
  /** The step whose fields are being edited. */
  stepId: string;
  /** The trigger's test data, when it is valid JSON. */
  testPayload: unknown;
  /** The latest known output of each step (test run or test step), by step id. */
  outputs: ReadonlyMap<string, unknown>;
  /** For a schedule's sample tick: the zone of a schedule that names none, and the clock (the real one if absent). */
  projectTimeZone?: string;
  now?: Date;
};

export type TReferenceProblem = { start: number; end: number; source: string; message: string; syntax?: boolean };

const MAX_DEPTH = 4;
const MAX_FIELDS_PER_SOURCE = 200;

export function typeOf(value: unknown): TValueType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean" || type === "object" ? type : "unknown";
}

function previewOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? JSON.stringify(value) : typeOf(value) === "object" ? `{${Object.keys(value as object).length} fields}` : Array.isArray(value) ? `[${value.length} items]` : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const IDENTIFIER = /^[A-Za-z0-9_$-]+$/;
const pathSuffix = (key: string | number) => (typeof key === "number" ? `[${key}]` : IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/** The value and every field below it (arrays through their first item), breadth-limited. */
function flatten(base: string, value: unknown, source: string, out: TVariable[], depth = 0, budget = { left: MAX_FIELDS_PER_SOURCE }): void {
  if (budget.left <= 0) return;
  budget.left -= 1;
  out.push({ path: base, type: typeOf(value), preview: previewOf(value), source });
  if (depth >= MAX_DEPTH) return;
  if (Array.isArray(value)) {
    if (value.length > 0) flatten(`${base}[0]`, value[0], source, out, depth + 1, budget);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) flatten(base + pathSuffix(key), child, source, out, depth + 1, budget);
  }
}

function triggerSample(sources: TVariableSources): Record<string, unknown> {
  const { trigger } = sources.graph;
  if (trigger.type === "schedule") return sampleScheduleTrigger(trigger, { now: sources.now ?? new Date(), projectTimeZone: sources.projectTimeZone });
  if (trigger.type === "request") return requestInputFromTestData(sources.testPayload);
  if (trigger.type === "webhook") return sampleWebhookTrigger(trigger, sources.testPayload);
  return { type: trigger.type, payload: sources.testPayload ?? {} };
}

/** The steps whose outputs `stepId` can read: those that run before it, outside any fan-out it is not in. */
export function upstreamStepIds(graph: TWorkflowGraph, stepId: string): string[] {
  return ancestorsOf(graph, stepId);
}

export function listVariables(sources: TVariableSources): TVariable[] {
  const { graph, stepId } = sources;
  const variables: TVariable[] = [];
  if (graph.trigger.type === "schedule") {
    const tick = triggerSample(sources);
    for (const field of ["scheduledAt", "previousScheduledAt", "timezone"] as const) {
      variables.push({ path: `trigger.${field}`, type: "string", preview: previewOf(tick[field]), source: "Schedule tick (sample)" });
    }
  } else if (graph.trigger.type === "request") {
    const call = requestInputFromTestData(sources.testPayload);
    for (const part of REQUEST_PARTS) flatten(`trigger.${part}`, call[part], "Request (test data)", variables);
  } else if (graph.trigger.type === "webhook") {
    const delivery = sampleWebhookTrigger(graph.trigger, sources.testPayload);
    for (const field of ["integration", "event", "deliveryId"] as const) {
      variables.push({ path: `trigger.${field}`, type: "string", preview: previewOf(delivery[field]), source: "Webhook delivery" });
    }
    variables.push({ path: "trigger.headers", type: "object", source: "Webhook delivery", preview: "the delivery's headers, names in lower case" });
    if (sources.testPayload !== undefined) flatten("trigger.payload", sources.testPayload, "Delivery (test data)", variables);
    else variables.push({ path: "trigger.payload", type: "unknown", source: "Delivery (test data)" });
  } else if (sources.testPayload !== undefined) flatten("trigger.payload", sources.testPayload, "Trigger test data", variables);
  else variables.push({ path: "trigger.payload", type: "unknown", source: "Trigger test data" });
  for (const id of upstreamStepIds(graph, stepId)) {
    const step = graph.steps.find((candidate) => candidate.id === id);
    const label = step ? `${step.name} (${id})` : id;
    if (sources.outputs.has(id)) flatten(`steps.${id}.output`, sources.outputs.get(id), label, variables);
    else variables.push({ path: `steps.${id}.output`, type: "unknown", source: label, preview: "run a test to see its fields" });
  }
  const lanes = enclosingFanOutsOf(graph, stepId);
  if (lanes.length > 0) {
    variables.push({ path: "fanOut.item", type: "unknown", source: `Fan Out ${lanes[0]}` }, { path: "fanOut.index", type: "number", source: `Fan Out ${lanes[0]}` });
  }
  variables.push(
    { path: "user.id", type: "string", source: "Connected user" },
    { path: "user.metadata", type: "object", source: "Connected user" },
    { path: "settings", type: "object", source: "The user's workflow settings" },
  );
  return variables;
}

/** What a run would see at this step, from the samples at hand: Function code's `context`. */
export function sampleContext(sources: TVariableSources): Record<string, unknown> {
  const steps: Record<string, { output: unknown }> = {};
  for (const id of upstreamStepIds(sources.graph, sources.stepId)) if (sources.outputs.has(id)) steps[id] = { output: sources.outputs.get(id) };
  return { trigger: triggerSample(sources), steps, user: { id: "", metadata: {} }, settings: {} };
}

/** A Function step's `params` resolved against the samples (a parameter that cannot resolve yet is undefined). */
export function sampleParams(params: readonly { key: string; value: string }[], sources: TVariableSources): Record<string, unknown> {
  const scope = sampleContext(sources);
  return Object.fromEntries(
    params.map(({ key, value }) => {
      try {
        return [key, resolveTemplate(value, scope)];
      } catch {
        return [key, undefined];
      }
    }),
  );
}

/** Follows `path` into `value`; undefined when a segment is missing. */
function lookup(value: unknown, path: readonly TPathSegment[]): { found: boolean; at?: string } {
  let current = value;
  for (let index = 0; index < path.length; index += 1) {
    const segment = path[index];
    if (current === null || typeof current !== "object" || !(String(segment) in (current as object))) return { found: false, at: formatPath(path.slice(0, index + 1)) };
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return { found: true };
}

/**
 * The references in `text` that cannot resolve: unknown roots, steps that do not run before this one,
 * fan-out variables outside a fan-out, and fields missing from the known test data or test outputs.
 * Fields are only checked where a sample exists, so an untested step never shows false alarms.
 */
export function checkReferences(text: string, sources: TVariableSources): TReferenceProblem[] {
  if (!text.includes("{{")) return [];
  let references;
  try {
    references = listTemplatePaths(text);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const start = error.position ?? 0;
    return [{ start, end: text.length, source: text.slice(start), message: error.message, syntax: true }];
  }
  const { graph, stepId } = sources;
  const upstream = new Set(upstreamStepIds(graph, stepId));
  const problems: TReferenceProblem[] = [];
  for (const reference of references) {
    const report = (message: string) => problems.push({ start: reference.start, end: reference.end, source: reference.source, message });
    const [root, ...rest] = reference.path;
    if (!(TEMPLATE_ROOTS as readonly string[]).includes(String(root))) {
      report(`Variables start with ${TEMPLATE_ROOTS.join(", ")}`);
    } else if (root === "steps") {
      const [target, field, ...below] = rest;
      if (target === undefined) report("Name a step, as in steps.<id>.output");
      else if (target === stepId) report("A step cannot use its own output");
      else if (!graph.steps.some((step) => step.id === target)) report(`There is no step "${target}"`);
      else if (!upstream.has(String(target))) report(`"${target}" does not run before this step`);
      else if (field !== undefined && field !== "output") report(`Use steps.${target}.output`);
      else if (field !== undefined && sources.outputs.has(String(target))) {
        const found = lookup(sources.outputs.get(String(target)), below);
        if (!found.found) report(`The last test output of "${target}" has no ${found.at}`);
      }
    } else if (root === "fanOut") {
      if (enclosingFanOutsOf(graph, stepId).length === 0) report("fanOut is only set inside a Fan Out's lane");
    } else if (root === "trigger" && graph.trigger.type === "schedule") {
      const [field] = rest;
      if (field === "payload") report("A schedule's runs have no payload: use trigger.scheduledAt, trigger.previousScheduledAt or trigger.timezone");
      else if (field !== undefined && !(SCHEDULE_TRIGGER_FIELDS as readonly unknown[]).includes(field)) report(`A schedule's trigger has ${SCHEDULE_TRIGGER_FIELDS.join(", ")}`);
    } else if (root === "trigger" && graph.trigger.type === "request") {
      const [part] = rest;
      if (part === "payload") report("A Request trigger's runs have no payload: use trigger.body, trigger.query or trigger.headers");
      else if (part !== undefined && part !== "type" && !(REQUEST_PARTS as readonly unknown[]).includes(part)) report(`A Request trigger has ${REQUEST_PARTS.join(", ")}`);
      else if (part !== undefined && sources.testPayload !== undefined) {
        const found = lookup(requestInputFromTestData(sources.testPayload), rest);
        if (!found.found) report(`The trigger's test data has no ${found.at}`);
      }
    } else if (root === "trigger" && rest[0] === "payload" && sources.testPayload !== undefined) {
      const found = lookup(sources.testPayload, rest.slice(1));
      if (!found.found) report(`The trigger's test data has no ${found.at}`);
    }
  }
  return problems;
}
