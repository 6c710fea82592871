// Pure edits of the workflow document: adding a step after a node, deleting one, naming things uniquely.
import {
  branchesOf,
  defaultStepConfig,
  type TEdge,
  type TStep,
  type TStepType,
  type TWorkflowGraph,
} from "@/lib/schemas/workflow";
import { STEP_TYPE_LABELS } from "@/components/runs/run-format";

/** Where a new step attaches: the node it follows, and which exit (undefined = the plain "next" exit). */
export type TAttachPoint = { source: string; branch?: string };

export function uniqueStepId(graph: TWorkflowGraph, type: TStepType): string {
  const taken = new Set(graph.steps.map((step) => step.id));
  for (let n = 1; ; n += 1) {
    const id = `${type}_${n}`;
    if (!taken.has(id)) return id;
  }
}

function uniqueEdgeId(edges: TEdge[], source: string, target: string): string {
  const taken = new Set(edges.map((edge) => edge.id));
  const base = `${source}__${target}`.slice(0, 90);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

function uniqueName(graph: TWorkflowGraph, type: TStepType): string {
  const names = new Set(graph.steps.map((step) => step.name));
  const base = STEP_TYPE_LABELS[type];
  if (!names.has(base)) return base;
  for (let n = 2; ; n += 1) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

export function newStep(graph: TWorkflowGraph, type: TStepType): TStep {
  const base = { id: uniqueStepId(graph, type), name: uniqueName(graph, type), continueOnFailure: false };
  // The discriminated union needs the literal type next to its own config, hence one branch per type.
  switch (type) {
    case "request":
      return { ...base, type, config: defaultStepConfig(type) };
    case "function":
      return { ...base, type, config: defaultStepConfig(type) };
    case "conditional":
      return { ...base, type, config: defaultStepConfig(type) };
    case "switch":
      return { ...base, type, config: defaultStepConfig(type) };
    case "fan_out":
      return { ...base, type, config: defaultStepConfig(type) };
    case "delay":
      return { ...base, type, config: defaultStepConfig(type) };
    case "response":
      return { ...base, type, config: defaultStepConfig(type) };
  }
}

/**
 * Inserts a new step at `at`. Whatever hung from that exit before now follows the new step, on its plain
 * exit, or on its first branch when it has none (a conditional's "true").
 */
export function insertStep(graph: TWorkflowGraph, at: TAttachPoint, type: TStepType): { graph: TWorkflowGraph; stepId: string } {
  const step = newStep(graph, type);
  const existing = graph.edges.find((edge) => edge.source === at.source && edge.branch === at.branch);
  const exits = branchesOf(step);
  let edges = graph.edges.filter((edge) => edge !== existing);
  edges = [...edges, { id: uniqueEdgeId(edges, at.source, step.id), source: at.source, target: step.id, ...(at.branch ? { branch: at.branch } : {}) }];
  if (existing) {
    const branch = exits.plain ? undefined : exits.branches[0];
    edges = [...edges, { id: uniqueEdgeId(edges, step.id, existing.target), source: step.id, target: existing.target, ...(branch ? { branch } : {}) }];
  }
  return { graph: { ...graph, steps: [...graph.steps, step], edges }, stepId: step.id };
}

/** The steps below `stepId`, itself excluded. */
export function descendantsOf(graph: TWorkflowGraph, stepId: string): Set<string> {
  const found = new Set<string>();
  const queue = [stepId];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const edge of graph.edges) {
      if (edge.source === current && !found.has(edge.target) && edge.target !== stepId) {
        found.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return found;
}

/** Whether deleting the step would take other steps with it (it has more than one exit in use). */
export function deleteTakesSubtree(graph: TWorkflowGraph, stepId: string): boolean {
  return graph.edges.filter((edge) => edge.source === stepId).length > 1;
}

/**
 * Removes a step. With a single child, the child moves up to the step's parent on the same exit;
 * with several, the whole subtree goes.
 */
export function deleteStep(graph: TWorkflowGraph, stepId: string): TWorkflowGraph {
  const incoming = graph.edges.find((edge) => edge.target === stepId);
  const outgoing = graph.edges.filter((edge) => edge.source === stepId);
  if (outgoing.length === 1) {
    const child = outgoing[0].target;
    const edges = graph.edges.filter((edge) => edge.source !== stepId && edge.target !== stepId);
    const reattached = incoming
      ? [{ id: uniqueEdgeId(edges, incoming.source, child), source: incoming.source, target: child, ...(incoming.branch ? { branch: incoming.branch } : {}) }]
      : [];
    return { ...graph, steps: graph.steps.filter((step) => step.id !== stepId), edges: [...edges, ...reattached] };
  }
  const gone = descendantsOf(graph, stepId);
  gone.add(stepId);
  return {
    ...graph,
    steps: graph.steps.filter((step) => !gone.has(step.id)),
    edges: graph.edges.filter((edge) => !gone.has(edge.source) && !gone.has(edge.target)),
  };
}

/** Puts an edited step in place; a switch case that was removed takes the steps on its branch with it. */
export function replaceStep(graph: TWorkflowGraph, step: TStep): TWorkflowGraph {
  const next = { ...graph, steps: graph.steps.map((current) => (current.id === step.id ? step : current)) };
  const { branches } = branchesOf(step);
  const stale = next.edges.filter((edge) => edge.source === step.id && edge.branch !== undefined && !branches.includes(edge.branch));
  if (stale.length === 0) return next;
  const gone = new Set<string>();
  for (const edge of stale) {
    gone.add(edge.target);
    for (const id of descendantsOf(next, edge.target)) gone.add(id);
  }
  return {
    ...next,
    steps: next.steps.filter((candidate) => !gone.has(candidate.id)),
    edges: next.edges.filter((edge) => !stale.includes(edge) && !gone.has(edge.source) && !gone.has(edge.target)),
  };
}

/** The exits a node offers for "add step", with labels for the menu. */
export function attachPointsOf(graph: TWorkflowGraph, nodeId: string): { point: TAttachPoint; label: string }[] {
  const node = nodeId === "trigger" ? "trigger" : graph.steps.find((step) => step.id === nodeId);
  if (!node) return [];
  const { branches, plain } = branchesOf(node);
  const points: { point: TAttachPoint; label: string }[] = branches.map((branch) => ({
    point: { source: nodeId, branch },
    label: branchLabel(node, branch),
  }));
  if (plain) points.push({ point: { source: nodeId }, label: node !== "trigger" && node.type === "fan_out" ? "After all items" : "Next" });
  return points;
}

export function branchLabel(node: TStep | "trigger", branch: string): string {
  if (node === "trigger") return branch;
  if (node.type === "conditional") return branch === "true" ? "If true" : "If false";
  if (node.type === "fan_out") return "For each item";
  if (node.type === "switch") {
    if (branch === "default") return "Default";
    return node.config.cases.find((c) => c.id === branch)?.label || branch;
  }
  return branch;
}

// ------------------------------------------------------------------------------------------ copy / paste

export class PasteError extends Error {}

/** Steps copied from a workflow: a root step, and for a branching step everything on its branches. */
export type TStepFragment = { kind: "switchyard/steps"; root: string; steps: TStep[]; edges: TEdge[] };

/** The step, plus what hangs from its branches (a fan-out's plain "after all items" exit stays behind). */
export function copyFragment(graph: TWorkflowGraph, stepId: string): TStepFragment | null {
  const root = graph.steps.find((step) => step.id === stepId);
  if (!root) return null;
  const included = new Set([stepId]);
  const queue = graph.edges.filter((edge) => edge.source === stepId && edge.branch !== undefined).map((edge) => edge.target);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (included.has(id)) continue;
    included.add(id);
    for (const edge of graph.edges) if (edge.source === id) queue.push(edge.target);
  }
  return {
    kind: "switchyard/steps",
    root: stepId,
    steps: graph.steps.filter((step) => included.has(step.id)),
    edges: graph.edges.filter((edge) => included.has(edge.source) && included.has(edge.target)),
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Rewrites `{{ steps.<old>… }}` references in every string of a step's config. */
function renameReferences(value: unknown, renames: Map<string, string>): unknown {
  if (typeof value === "string") {
    if (!value.includes("{{")) return value;
    let text = value;
    for (const [from, to] of renames) text = text.replace(new RegExp(`(\\{\\{\\s*steps\\.)${escapeRegExp(from)}(?=[.\\[\\s}])`, "g"), `$1${to}`);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => renameReferences(item, renames));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, renameReferences(child, renames)]));
  return value;
}

/**
 * Pastes a fragment at `at` with fresh ids and names ("… copy"); references between pasted steps follow
 * the new ids. Whatever hung from `at` before moves below the pasted root's first free exit.
 */
export function pasteFragment(graph: TWorkflowGraph, at: TAttachPoint, fragment: TStepFragment): { graph: TWorkflowGraph; stepId: string } {
  const renames = new Map<string, string>();
  let working: TWorkflowGraph = graph;
  const names = new Set(graph.steps.map((step) => step.name));
  const pasted: TStep[] = [];
  for (const step of fragment.steps) {
    const id = uniqueStepId(working, step.type);
    renames.set(step.id, id);
    // A copy of a copy is "X copy 2", not "X copy copy".
    const base = step.name.replace(/ copy( \d+)?$/, "").slice(0, 90);
    let name = `${base} copy`;
    for (let n = 2; names.has(name); n += 1) name = `${base} copy ${n}`;
    names.add(name);
    const copy = { ...step, id, name } as TStep;
    pasted.push(copy);
    working = { ...working, steps: [...working.steps, copy] };
  }
  const steps = pasted.map((step) => ({ ...step, config: renameReferences(step.config, renames) }) as TStep);
  const rootId = renames.get(fragment.root) as string;
  const existing = graph.edges.find((edge) => edge.source === at.source && edge.branch === at.branch);
  let edges = graph.edges.filter((edge) => edge !== existing);
  for (const edge of fragment.edges) {
    const source = renames.get(edge.source) as string;
    const target = renames.get(edge.target) as string;
    edges = [...edges, { id: uniqueEdgeId(edges, source, target), source, target, ...(edge.branch ? { branch: edge.branch } : {}) }];
  }
  edges = [...edges, { id: uniqueEdgeId(edges, at.source, rootId), source: at.source, target: rootId, ...(at.branch ? { branch: at.branch } : {}) }];
  if (existing) {
    const root = steps.find((step) => step.id === rootId) as TStep;
    const exits = branchesOf(root);
    const used = new Set(edges.filter((edge) => edge.source === rootId).map((edge) => edge.branch ?? ""));
    const free = exits.plain && !used.has("") ? "" : exits.branches.find((branch) => !used.has(branch));
    if (free === undefined) throw new PasteError(`"${root.name}" has every exit in use, so the steps after this point would have nowhere to go. Paste it after the last step of a branch instead.`);
    edges = [...edges, { id: uniqueEdgeId(edges, rootId, existing.target), source: rootId, target: existing.target, ...(free ? { branch: free } : {}) }];
  }
  return { graph: { ...graph, steps: [...graph.steps, ...steps], edges }, stepId: rootId };
}

/** Where Paste and Duplicate attach: after the node, on its plain exit, or its first free branch. */
export function pastePointAfter(graph: TWorkflowGraph, nodeId: string): TAttachPoint {
  const node = nodeId === "trigger" ? "trigger" : graph.steps.find((step) => step.id === nodeId);
  if (!node) return { source: "trigger" };
  const { branches, plain } = branchesOf(node);
  if (plain) return { source: nodeId };
  const used = new Set(graph.edges.filter((edge) => edge.source === nodeId).map((edge) => edge.branch));
  return { source: nodeId, branch: branches.find((branch) => !used.has(branch)) ?? branches[0] };
}
