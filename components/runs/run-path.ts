// What a run did, per step, read from its recorded attempts; and the shape of its graph as a tree for the
// run view. Pure, so the graph and the step panel agree on every state.
import type { TStepRun } from "@/lib/schemas/run";
import type { TStep, TWorkflowGraph } from "@/lib/schemas/workflow";

export type TNodeState = "succeeded" | "failed" | "retrying" | "running" | "not_run";

export type TLaneTrace = { lane: string; attempts: TStepRun[]; latest: TStepRun; state: TNodeState };

export type TStepTrace = {
  stepId: string;
  /** One entry per fan-out iteration ("loop[3]/"), or a single one with lane "" outside any fan-out. */
  lanes: TLaneTrace[];
  state: TNodeState;
  /** The most attempts any lane needed. */
  attempts: number;
  durationMs: number | null;
  /** Branches a conditional or switch chose, in any lane. */
  branches: Set<string>;
};

// A step is only as well as its worst lane.
const SEVERITY: TNodeState[] = ["failed", "retrying", "running", "succeeded", "not_run"];

function laneState(latest: TStepRun): TNodeState {
  if (latest.status === "running") return "running";
  if (latest.status === "succeeded") return "succeeded";
  // Its worker was lost mid-attempt: the attempt runs again, as a retry would.
  if (latest.status === "interrupted") return "retrying";
  return latest.retryAt ? "retrying" : "failed";
}

function chosenBranch(output: unknown): string | undefined {
  if (typeof output !== "object" || output === null || !("branch" in output)) return undefined;
  return typeof output.branch === "string" ? output.branch : undefined;
}

const byLane = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

export function traceSteps(steps: readonly TStepRun[]): Map<string, TStepTrace> {
  const grouped = new Map<string, Map<string, TStepRun[]>>();
  for (const step of steps) {
    const lanes = grouped.get(step.stepId) ?? new Map<string, TStepRun[]>();
    lanes.set(step.lane, [...(lanes.get(step.lane) ?? []), step]);
    grouped.set(step.stepId, lanes);
  }
  const traces = new Map<string, TStepTrace>();
  for (const [stepId, laneMap] of grouped) {
    const lanes = [...laneMap.entries()]
      .sort(([a], [b]) => byLane(a, b))
      .map(([lane, attempts]): TLaneTrace => {
        const ordered = [...attempts].sort((a, b) => a.attempt - b.attempt);
        const latest = ordered[ordered.length - 1];
        return { lane, attempts: ordered, latest, state: laneState(latest) };
      });
    const branches = new Set(lanes.flatMap((lane) => lane.attempts.flatMap((a) => (a.status === "succeeded" ? [chosenBranch(a.output)] : []))).filter((b): b is string => b !== undefined));
    traces.set(stepId, {
      stepId,
      lanes,
      state: SEVERITY.find((state) => lanes.some((lane) => lane.state === state)) ?? "not_run",
      attempts: Math.max(...lanes.map((lane) => lane.latest.attempt)),
      durationMs: lanes.length === 1 ? lanes[0].latest.durationMs : spanMs(lanes),
      branches,
    });
  }
  return traces;
}

/** From the first lane's start to the last lane's finish; null while any lane is unfinished. */
function spanMs(lanes: TLaneTrace[]): number | null {
  if (lanes.some((lane) => lane.latest.finishedAt === null)) return null;
  const start = Math.min(...lanes.map((lane) => Date.parse(lane.attempts[0].startedAt)));
  const end = Math.max(...lanes.map((lane) => Date.parse(lane.latest.finishedAt as string)));
  return end - start;
}

/** The lane to show first: one that failed or is retrying, else the first. */
export function defaultLane(trace: TStepTrace): TLaneTrace {
  return trace.lanes.find((lane) => lane.state === "failed" || lane.state === "retrying") ?? trace.lanes[0];
}

// ------------------------------------------------------------------------------------------------ layout

export type TLayoutBranch = { id: string; label: string; chain: TLayoutNode[] };
export type TLayoutNode = {
  step: TStep;
  /** Conditional and switch exits, side by side. */
  branches: TLayoutBranch[];
  /** A fan-out's per-item chain, drawn indented. */
  each: TLayoutNode[] | null;
};

export function branchesOfStep(step: TStep): { id: string; label: string }[] {
  if (step.type === "conditional") return [{ id: "true", label: "If true" }, { id: "false", label: "If false" }];
  if (step.type === "switch") return [...step.config.cases.map((c) => ({ id: c.id, label: c.label || c.id })), { id: "default", label: "Default" }];
  return [];
}

/** The graph as a tree from the trigger. Each step appears once, so a malformed graph cannot loop. */
export function layoutGraph(graph: TWorkflowGraph): TLayoutNode[] {
  const steps = new Map(graph.steps.map((step) => [step.id, step]));
  const placed = new Set<string>();
  const next = (sourceId: string, branch: string | undefined) => {
    const edge = graph.edges.find((candidate) => candidate.source === sourceId && (candidate.branch ?? undefined) === branch);
    const step = edge ? steps.get(edge.target) : undefined;
    if (!step || placed.has(step.id)) return undefined;
    placed.add(step.id);
    return step;
  };
  const chain = (sourceId: string, branch: string | undefined): TLayoutNode[] => {
    const nodes: TLayoutNode[] = [];
    for (let step = next(sourceId, branch); step; step = next(step.id, undefined)) {
      const current = step;
      nodes.push({
        step: current,
        branches: branchesOfStep(current).map(({ id, label }) => ({ id, label, chain: chain(current.id, id) })),
        each: current.type === "fan_out" ? chain(current.id, "each") : null,
      });
    }
    return nodes;
  };
  return chain("trigger", undefined);
}
