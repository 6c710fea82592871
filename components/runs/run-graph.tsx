"use client";

import { CircleCheck, CircleDashed, CircleX, LoaderCircle, RotateCcw, Zap } from "lucide-react";
import { useMemo } from "react";
import { cn } from "@/components/ui/cn";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { formatDuration, STEP_TYPE_LABELS, TRIGGER_LABELS } from "./run-format";
import { RETRYING_LABEL } from "./run-status-badge";
import { layoutGraph, type TLayoutNode, type TNodeState, type TStepTrace } from "./run-path";

/** "trigger" or a step id. */
export type TGraphSelection = string;

type TGraphContext = {
  traces: Map<string, TStepTrace>;
  selected: TGraphSelection;
  onSelect: (selection: TGraphSelection) => void;
  /** Whether steps not reached yet may still run (the run has not finished). */
  runActive: boolean;
};

const NODE_STYLE: Record<TNodeState, string> = {
  succeeded: "border-success-500 bg-white",
  failed: "border-danger-500 bg-danger-50",
  retrying: "border-warning-500 bg-warning-50",
  running: "border-accent-500 bg-accent-50",
  not_run: "border-dashed border-neutral-300 bg-neutral-50 text-neutral-500",
};

const STATE_ICON: Record<TNodeState, React.ReactNode> = {
  succeeded: <CircleCheck aria-hidden className="size-4 shrink-0 text-success-600" />,
  failed: <CircleX aria-hidden className="size-4 shrink-0 text-danger-600" />,
  retrying: <RotateCcw aria-hidden className="size-4 shrink-0 text-warning-600" />,
  running: <LoaderCircle aria-hidden className="size-4 shrink-0 animate-spin text-accent-600" />,
  not_run: <CircleDashed aria-hidden className="size-4 shrink-0 text-neutral-400" />,
};

function stateLabel(state: TNodeState, runActive: boolean): string {
  if (state === "not_run") return runActive ? "Not reached yet" : "Not run";
  return { succeeded: "Succeeded", failed: "Failed", retrying: RETRYING_LABEL, running: "Running" }[state];
}

/**
 * The graph of the run's version as a vertical tree: the trigger on top, branches side by side, a fan-out's
 * per-item steps indented. The path the run took is coloured; steps it did not reach are greyed.
 */
export function RunGraph({ graph, ...context }: TGraphContext & { graph: TWorkflowGraph }) {
  const tree = useMemo(() => layoutGraph(graph), [graph]);
  return (
    <div className="overflow-auto rounded-md border border-neutral-200 bg-white p-6">
      <Legend />
      <div className="mt-4 flex min-w-max flex-col items-center">
        <NodeButton
          selected={context.selected === "trigger"}
          onClick={() => context.onSelect("trigger")}
          state="succeeded"
          icon={<Zap aria-hidden className="size-4 shrink-0 text-accent-600" />}
          title="Trigger"
          lines={[TRIGGER_LABELS[graph.trigger.type]]}
        />
        <Chain nodes={tree} context={context} />
        {tree.length === 0 && <p className="mt-3 text-xs text-neutral-500">This version has no steps.</p>}
      </div>
    </div>
  );
}

function Legend() {
  const items: [TNodeState, string][] = [["succeeded", "Succeeded"], ["failed", "Failed"], ["retrying", RETRYING_LABEL], ["running", "Running"], ["not_run", "Not run"]];
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-neutral-600" aria-label="Legend">
      {items.map(([state, label]) => (
        <li key={state} className="flex items-center gap-1">
          {STATE_ICON[state]}
          {label}
        </li>
      ))}
    </ul>
  );
}

function Connector({ taken }: { taken: boolean }) {
  return <div aria-hidden className={cn("h-6 w-0.5", taken ? "bg-accent-500" : "bg-neutral-200")} />;
}

function Chain({ nodes, context }: { nodes: TLayoutNode[]; context: TGraphContext }) {
  return (
    <>
      {nodes.map((node) => (
        <StepBlock key={node.step.id} node={node} context={context} />
      ))}
    </>
  );
}

function StepBlock({ node, context }: { node: TLayoutNode; context: TGraphContext }) {
  const { step } = node;
  const trace = context.traces.get(step.id);
  const state = trace?.state ?? "not_run";
  const lanes = trace?.lanes.length ?? 0;
  const details = [
    trace ? formatDuration(trace.durationMs) : null,
    trace ? `${trace.attempts} ${trace.attempts === 1 ? "attempt" : "attempts"}` : null,
    trace && (lanes > 1 || trace.lanes[0].lane !== "") ? `${lanes} ${lanes === 1 ? "lane" : "lanes"}` : null,
  ].filter((part): part is string => part !== null);

  return (
    <div className="flex flex-col items-center">
      <Connector taken={trace !== undefined} />
      <NodeButton
        selected={context.selected === step.id}
        onClick={() => context.onSelect(step.id)}
        state={state}
        icon={STATE_ICON[state]}
        title={step.name}
        lines={[`${STEP_TYPE_LABELS[step.type]} · ${stateLabel(state, context.runActive)}`, ...(details.length > 0 ? [details.join(" · ")] : [])]}
      />
      {node.branches.length > 0 && (
        <div className="flex items-start gap-6">
          {node.branches.map((branch) => {
            const taken = trace?.branches.has(branch.id) ?? false;
            return (
              <div key={branch.id} className="flex flex-col items-center">
                <Connector taken={taken} />
                <span
                  className={cn(
                    "rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
                    taken ? "bg-accent-50 text-accent-700 ring-accent-600/30" : "bg-neutral-100 text-neutral-500 ring-neutral-300",
                  )}
                >
                  {branch.label}
                  {taken && <span className="sr-only"> (taken)</span>}
                </span>
                <div className={cn("flex flex-col items-center", !taken && "opacity-60")}>
                  <Chain nodes={branch.chain} context={context} />
                  {branch.chain.length === 0 && <span className="mt-2 text-xs text-neutral-400">End</span>}
                </div>
              </div>
            );
          })}
        </div>
      )}
      {node.each && (
        <div className="relative mt-3 ml-24 rounded-md border-2 border-dashed border-neutral-300 px-5 pt-2 pb-4">
          <p className="text-xs font-medium text-neutral-600">
            For each item <span className="font-normal text-neutral-500">(one lane per item)</span>
          </p>
          <div className="flex flex-col items-center">
            <Chain nodes={node.each} context={context} />
            {node.each.length === 0 && <span className="mt-2 text-xs text-neutral-400">No steps</span>}
          </div>
        </div>
      )}
    </div>
  );
}

function NodeButton(props: { selected: boolean; onClick: () => void; state: TNodeState; icon: React.ReactNode; title: string; lines: string[] }) {
  return (
    <button
      type="button"
      aria-pressed={props.selected}
      onClick={props.onClick}
      className={cn(
        "w-60 rounded-md border-2 px-3 py-2 text-left shadow-xs transition-shadow hover:shadow-md",
        NODE_STYLE[props.state],
        props.selected && "ring-2 ring-accent-600 ring-offset-2",
      )}
    >
      <span className="flex items-center gap-2">
        {props.icon}
        <span className="min-w-0 text-sm font-medium break-words text-neutral-900">{props.title}</span>
      </span>
      {props.lines.map((line) => (
        <span key={line} className="mt-0.5 block text-xs text-neutral-600 tabular-nums">
          {line}
        </span>
      ))}
    </button>
  );
}
