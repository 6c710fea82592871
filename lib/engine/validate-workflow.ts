// Decides whether a workflow document can be deployed, and says what to fix, step by step. It takes the
// document as unknown (a draft may not even match the schema) and reports every problem it can find at
// once: each part is checked on its own, so one broken step does not hide the problems of the others.
import { z } from "zod";
import {
  branchesOf,
  DELAY_MAX_SECONDS_DEFAULT,
  delaySecondsOf,
  REQUEST_PARTS,
  STEP_TYPES,
  templateFieldsOf,
  ZEdge,
  ZStep,
  ZTrigger,
  type TEdge,
  type TStep,
  type TTrigger,
} from "@/lib/schemas/workflow";
import { cronWallsOf } from "@/lib/schedules/cron-pattern";
import { requestSchemaProblems } from "@/lib/workflows/request-trigger-schemas";
import { listTemplatePaths, TemplateError, TEMPLATE_ROOTS } from "./template/resolve-template";
import { WEBHOOK_PRESETS } from "@/lib/schemas/webhook-presets";

/** stepId is a step id, "trigger", or "workflow" for the document as a whole. */
export type TWorkflowProblem = { stepId: string; edgeId?: string; field?: string; message: string };
export type TValidationContext = {
  appEventIds: ReadonlySet<string>;
  /**
   * The server's bounds (lib/engine/limits.ts engineLimits()); deploy passes them. Without them the
   * client-safe defaults apply, which is what the editor can know in the browser.
   */
  limits?: { maxDelaySeconds: number };
};

type TNode = { id: string; step?: TStep }; // step is missing when the step failed the schema
type TTree = { nodes: Map<string, TNode>; edges: TEdge[]; steps: TStep[] };
type TGraphEdges = { edges: readonly Pick<TEdge, "source" | "target" | "branch">[] };

const ZDocument = z.object({ trigger: z.unknown(), steps: z.array(z.unknown()), edges: z.array(z.unknown()) });

export function validateWorkflow(graph: unknown, context: TValidationContext): { problems: TWorkflowProblem[] } {
  const problems: TWorkflowProblem[] = [];
  const report = (problem: TWorkflowProblem) => problems.push(problem);
  const document = ZDocument.safeParse(graph);
  if (!document.success) {
    report({ stepId: "workflow", message: "A workflow needs a trigger, a list of steps and a list of edges" });
    return { problems };
  }
  if (document.data.steps.length > 500) report({ stepId: "workflow", message: "Use at most 500 steps" });

  const trigger = checkTrigger(document.data.trigger, context, report);
  const limits = { maxDelaySeconds: context.limits?.maxDelaySeconds ?? DELAY_MAX_SECONDS_DEFAULT };
  const nodes = checkSteps(document.data.steps, { trigger, limits }, report);
  const edges = checkEdges(document.data.edges, nodes, report);
  const inLoop = checkStructure(nodes, edges, report);
  const tree: TTree = { nodes, edges, steps: [...nodes.values()].flatMap((node) => (node.step ? [node.step] : [])) };
  for (const step of tree.steps) if (!inLoop.has(step.id)) checkTemplates(step, tree, report);
  return { problems };
}

function reportIssues(error: z.ZodError, base: Omit<TWorkflowProblem, "message">, report: (p: TWorkflowProblem) => void) {
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    report({ ...base, ...(field ? { field } : {}), message: issue.message });
  }
}

function checkTrigger(raw: unknown, context: TValidationContext, report: (p: TWorkflowProblem) => void) {
  const parsed = ZTrigger.safeParse(raw);
  if (!parsed.success) {
    reportIssues(parsed.error, { stepId: "trigger" }, report);
    return null;
  }
  const trigger = parsed.data;
  const missing = (field: string, message: string) => report({ stepId: "trigger", field, message });
  if (trigger.type === "app_event") {
    if (trigger.appEventId === null) missing("appEventId", "Choose the App Event that starts this workflow");
    else if (!context.appEventIds.has(trigger.appEventId)) missing("appEventId", "This App Event no longer exists");
  }
  if (trigger.type === "webhook" && trigger.source.kind === "integration") {
    if (!trigger.source.integration.trim()) missing("source.integration", "Choose an integration");
    else if (!Object.hasOwn(WEBHOOK_PRESETS, trigger.source.integration)) missing("source.integration", `“${trigger.source.integration}” is not an integration Switchyard knows`);
    if (!trigger.source.event.trim()) missing("source.event", "Choose the webhook event");
  }
  if (trigger.type === "webhook" && trigger.source.kind === "custom" && !trigger.source.name.trim()) {
    missing("source.name", "Name the custom webhook");
  }
  if (trigger.type === "request") {
    for (const part of REQUEST_PARTS) {
      const field = `${part}Schema` as const;
      if (trigger[field] === undefined) continue;
      for (const problem of requestSchemaProblems(part, trigger[field])) missing(field, problem.path ? `${problem.path}: ${problem.message}` : problem.message);
    }
  }
  // The schema has parsed the expression and checked the zone; an expression can still match no date at all.
  if (trigger.type === "schedule" && trigger.schedule.every === "cron" && !cronWallsOf(trigger.schedule.expression).matchesSomeDate) {
    missing("schedule.expression", "This expression matches no date (such as 30 February), so it would never fire");
  }
  return trigger;
}

type TStepCheckContext = { trigger: TTrigger | null; limits: { maxDelaySeconds: number } };

function checkSteps(rawSteps: unknown[], context: TStepCheckContext, report: (p: TWorkflowProblem) => void) {
  const nodes = new Map<string, TNode>();
  rawSteps.forEach((raw, index) => {
    const record = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const id = typeof record.id === "string" && record.id ? record.id : `steps[${index}]`;
    if (nodes.has(id)) {
      report({ stepId: id, field: "id", message: `Another step already uses the id "${id}"` });
      return;
    }
    if (!(STEP_TYPES as readonly unknown[]).includes(record.type)) {
      nodes.set(id, { id });
      const message = record.type === undefined ? "Choose a step type" : `Unknown step type "${String(record.type)}"`;
      report({ stepId: id, field: "type", message });
      return;
    }
    const parsed = ZStep.safeParse(raw);
    nodes.set(id, { id, step: parsed.success ? parsed.data : undefined });
    if (!parsed.success) reportIssues(parsed.error, { stepId: id }, report);
    else checkStepConfig(parsed.data, context, report);
  });
  return nodes;
}

function checkStepConfig(step: TStep, { trigger, limits }: TStepCheckContext, report: (p: TWorkflowProblem) => void) {
  const problem = (field: string, message: string) => report({ stepId: step.id, field, message });
  const checkRules = (field: string, rules: { left: string }[]) =>
    rules.forEach((rule, i) => {
      if (!rule.left.trim()) problem(`${field}.rules.${i}.left`, "Choose the value this rule tests");
    });
  switch (step.type) {
    case "request": {
      const { url, body } = step.config;
      if (!url.trim()) problem("config.url", "Enter the URL to call");
      else if (!url.includes("{{") && !isHttpUrl(url)) problem("config.url", "Enter a full http:// or https:// URL");
      if (body.kind === "json" && !body.json.includes("{{") && body.json.trim() && !isJson(body.json)) {
        problem("config.body.json", "The body is not valid JSON");
      }
      break;
    }
    case "function":
      if (!step.config.code.trim()) problem("config.code", "Write the function's code");
      break;
    case "conditional":
      checkRules("config.condition", step.config.condition.rules);
      break;
    case "switch":
      step.config.cases.forEach((c, i) => checkRules(`config.cases.${i}.condition`, c.condition.rules));
      break;
    case "fan_out":
      if (!step.config.items.trim()) problem("config.items", "Choose the list to fan out over");
      break;
    case "delay":
      if (delaySecondsOf(step.config) > limits.maxDelaySeconds) {
        problem("config.value", `A Delay can wait at most ${formatDuration(limits.maxDelaySeconds)}; this one waits ${formatDuration(delaySecondsOf(step.config))}`);
      }
      break;
    case "response":
      if (trigger && trigger.type !== "request") {
        report({ stepId: step.id, message: "A Response step only works in a workflow started by a Request trigger" });
      }
      // A 1xx is not a final answer: nothing could send it as the call's.
      if (step.config.statusCode < 200) problem("config.statusCode", "Answer with a status from 200 to 599");
      break;
  }
}

function checkEdges(rawEdges: unknown[], nodes: Map<string, TNode>, report: (p: TWorkflowProblem) => void): TEdge[] {
  const edges: TEdge[] = [];
  const edgeIds = new Set<string>();
  const taken = new Set<string>(); // "<source> <branch>" pairs already connected
  rawEdges.forEach((raw, index) => {
    const parsed = ZEdge.safeParse(raw);
    if (!parsed.success) {
      reportIssues(parsed.error, { stepId: "workflow", edgeId: `edges[${index}]` }, report);
      return;
    }
    const edge = parsed.data;
    const at = (stepId: string, message: string) => report({ stepId, edgeId: edge.id, message });
    if (edgeIds.has(edge.id)) return at("workflow", `Another edge already uses the id "${edge.id}"`);
    edgeIds.add(edge.id);
    const source = edge.source === "trigger" ? "trigger" : nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) return at(target ? edge.target : "workflow", `A connection starts at unknown step "${edge.source}"`);
    if (!target) return at(edge.source, `A connection leads to unknown step "${edge.target}"`);

    // A mislabelled edge still connects its steps, so it stays in the structure checks that follow.
    const sourceNode = source === "trigger" ? "trigger" : source.step;
    const message = sourceNode ? branchProblem(sourceNode, edge, taken) : null;
    if (message) at(edge.source, message);
    edges.push(edge);
  });
  return edges;
}

function branchProblem(source: TStep | "trigger", edge: TEdge, taken: Set<string>): string | null {
  const { branches, plain } = branchesOf(source);
  const label = edge.branch ?? "";
  if (!label && !plain) return `Connect from one of its branches: ${branches.join(", ")}`;
  if (label && !branches.includes(label)) {
    return branches.length ? `Unknown branch "${label}"; use ${branches.join(", ")}` : `Unknown branch "${label}"; this step has no branches`;
  }
  const key = `${edge.source} ${label}`;
  if (taken.has(key)) return label ? `The "${label}" branch already leads to a step` : "Only one step can follow this one";
  taken.add(key);
  return null;
}

/** Incoming edges, loops and reachability. Returns the ids of steps on a loop. */
function checkStructure(nodes: Map<string, TNode>, edges: TEdge[], report: (p: TWorkflowProblem) => void) {
  const incoming = new Map<string, number>();
  for (const edge of edges) incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
  for (const [id, count] of incoming) {
    if (count > 1) report({ stepId: id, message: `${count} connections lead here; a step follows exactly one other step` });
  }

  const children = new Map<string, string[]>();
  for (const edge of edges) children.set(edge.source, [...(children.get(edge.source) ?? []), edge.target]);
  const inLoop = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (id: string) => {
    state.set(id, "open");
    path.push(id);
    for (const child of children.get(id) ?? []) {
      if (state.get(child) === "open") {
        const loop = path.slice(path.indexOf(child));
        for (const member of loop) {
          if (inLoop.has(member)) continue;
          inLoop.add(member);
          report({ stepId: member, message: `This step is on a loop: ${[...loop, child].join(" → ")}` });
        }
      } else if (!state.has(child)) visit(child);
    }
    path.pop();
    state.set(id, "done");
  };
  for (const id of ["trigger", ...nodes.keys()]) if (!state.has(id)) visit(id);

  const reachable = new Set<string>();
  const queue = ["trigger"];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of children.get(id) ?? []) {
      if (reachable.has(child)) continue;
      reachable.add(child);
      queue.push(child);
    }
  }
  for (const id of nodes.keys()) {
    if (reachable.has(id) || inLoop.has(id)) continue;
    report({ stepId: id, message: incoming.has(id) ? "Not reachable from the trigger" : "Nothing leads to this step yet" });
  }
  return inLoop;
}

function checkTemplates(step: TStep, tree: TTree, report: (p: TWorkflowProblem) => void) {
  const ancestors = new Set(ancestorsOf(tree, step.id));
  const lanes = enclosingFanOutsOf(tree, step.id);
  for (const { field, text } of templateFieldsOf(step)) {
    const problem = (message: string) => report({ stepId: step.id, field, message });
    let references;
    try {
      references = listTemplatePaths(text);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problem(error.message);
      continue;
    }
    for (const ref of references) {
      if (!(TEMPLATE_ROOTS as readonly string[]).includes(ref.root)) {
        problem(`Unknown variable {{ ${ref.source} }}: variables start with ${TEMPLATE_ROOTS.join(", ")}`);
      } else if (ref.root === "fanOut" && lanes.length === 0) {
        problem(`{{ ${ref.source} }} is only available inside a fan-out's "each" branch`);
      } else if (ref.root === "steps") {
        const message = stepReferenceProblem(step.id, ref.path[1], ancestors, tree);
        if (message) problem(`{{ ${ref.source} }}: ${message}`);
      }
    }
  }
}

function stepReferenceProblem(
  stepId: string,
  target: string | number | undefined,
  ancestors: Set<string>,
  tree: TTree,
): string | null {
  if (typeof target !== "string") return "name the step, as in steps.<id>.output";
  if (target === stepId) return "a step cannot use its own output";
  if (!tree.nodes.has(target)) return `there is no step "${target}"`;
  if (ancestors.has(target)) return null;
  const targetLanes = enclosingFanOutsOf(tree, target);
  if (targetLanes.length > 0) {
    return `"${target}" runs once per item inside fan-out "${targetLanes[0]}"; use steps.${targetLanes[0]}.output after it`;
  }
  return `"${target}" does not run before this step`;
}

/** The steps between the trigger and `stepId` (trigger side first), following each step's incoming edge. */
export function ancestorsOf(graph: TGraphEdges, stepId: string): string[] {
  const parent = new Map<string, string>();
  for (const edge of graph.edges) if (!parent.has(edge.target)) parent.set(edge.target, edge.source);
  const chain: string[] = [];
  const seen = new Set([stepId]);
  for (let id = parent.get(stepId); id !== undefined && id !== "trigger" && !seen.has(id); id = parent.get(id)) {
    seen.add(id);
    chain.unshift(id);
  }
  return chain;
}

/** The fan-out steps whose "each" lane contains `stepId`, innermost first; `{{fanOut}}` is the innermost's. */
export function enclosingFanOutsOf(graph: TGraphEdges & { steps: readonly Pick<TStep, "id" | "type">[] }, stepId: string): string[] {
  const fanOuts = new Set(graph.steps.filter((s) => s.type === "fan_out").map((s) => s.id));
  const incoming = new Map<string, Pick<TEdge, "source" | "branch">>();
  for (const edge of graph.edges) if (!incoming.has(edge.target)) incoming.set(edge.target, edge);
  const lanes: string[] = [];
  const seen = new Set<string>();
  for (let id = stepId; !seen.has(id); ) {
    seen.add(id);
    const edge = incoming.get(id);
    if (!edge) break;
    if (edge.branch === "each" && fanOuts.has(edge.source)) lanes.push(edge.source);
    id = edge.source;
  }
  return lanes;
}

/** "30 days", "36 hours", "90 seconds": the largest unit that divides the duration exactly. */
function formatDuration(seconds: number): string {
  const [unit, size] = ([["day", 86_400], ["hour", 3600], ["minute", 60]] as const).find(([, size]) => seconds % size === 0) ?? ["second", 1];
  const count = seconds / size;
  return `${count.toLocaleString("en-US")} ${unit}${count === 1 ? "" : "s"}`;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
