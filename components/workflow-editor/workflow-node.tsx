"use client";

import { Handle, type NodeProps, Position } from "@xyflow/react";
import { CircleCheck, CircleX, LoaderCircle, Plus, TriangleAlert } from "lucide-react";
import { memo, useId } from "react";
import { cn } from "@/components/ui/cn";
import { useAddStepMenu } from "./add-step-menu";
import { useCanvasContext, type TNodeRunStatus } from "./canvas-context";
import { attachPointsOf } from "./graph-ops";
import type { TCanvasNode } from "./layout-graph";
import { STEP_ICONS, stepKindLine, stepSummary, TRIGGER_ICON, triggerSummary } from "./node-meta";

const RUN_STYLE: Record<TNodeRunStatus, string> = {
  succeeded: "border-success-500 bg-success-50",
  failed: "border-danger-500 bg-danger-50",
  running: "border-accent-500 bg-accent-50",
};

const RUN_ICON: Record<TNodeRunStatus, React.ReactNode> = {
  succeeded: <CircleCheck aria-label="Succeeded" className="size-4 shrink-0 text-success-600" />,
  failed: <CircleX aria-label="Failed" className="size-4 shrink-0 text-danger-600" />,
  running: <LoaderCircle aria-label="Running" className="size-4 shrink-0 animate-spin text-accent-600" />,
};

/**
 * One trigger or step on the canvas: icon, name, a summary line, warnings, test-run status and "+".
 * Memoized: React Flow renders it again when its own props change, the context covers the rest.
 */
export const WorkflowNode = memo(function WorkflowNode({ data, selected }: NodeProps<TCanvasNode>) {
  const { graph, appEvents, problemsByNode, runStatusByNode, readOnly } = useCanvasContext();
  const isTrigger = data.nodeId === "trigger";
  const step = isTrigger ? undefined : graph.steps.find((candidate) => candidate.id === data.nodeId);
  if (!isTrigger && !step) return null;
  const Icon = step ? STEP_ICONS[step.type] : TRIGGER_ICON;
  const title = step ? step.name : "Trigger";
  const kind = step ? stepKindLine(step) : "Starts the workflow";
  const summary = step ? stepSummary(step) : triggerSummary(graph.trigger, appEvents);
  const problems = problemsByNode.get(data.nodeId) ?? [];
  const runStatus = runStatusByNode.get(data.nodeId);

  return (
    <div
      className={cn(
        "relative flex h-full w-full items-start gap-3 rounded-lg border bg-white px-3 py-2.5 shadow-xs",
        runStatus ? RUN_STYLE[runStatus] : "border-neutral-300",
        selected && "ring-3 ring-accent-500/40",
      )}
    >
      <Handle type="target" position={Position.Top} className="opacity-0!" isConnectable={false} />
      <span className={cn("mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-md", isTrigger ? "bg-accent-100 text-accent-700" : "bg-neutral-100 text-neutral-700")}>
        <Icon aria-hidden className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <p className="truncate text-sm font-medium text-neutral-900">{title}</p>
          {runStatus && RUN_ICON[runStatus]}
          {problems.length > 0 && (
            <span
              title={problems.map((problem) => problem.message).join("\n")}
              className="ml-auto inline-flex items-center gap-0.5 rounded bg-warning-100 px-1 text-xs font-medium text-warning-800"
            >
              <TriangleAlert aria-hidden className="size-3" />
              {problems.length}
              <span className="sr-only">{problems.length === 1 ? "problem" : "problems"}</span>
            </span>
          )}
        </div>
        {kind && <p className="text-xs text-neutral-500">{kind}</p>}
        <p className="truncate font-mono text-xs text-neutral-700" title={summary}>
          {summary}
        </p>
      </div>
      {!readOnly && <AddStepButton nodeId={data.nodeId} title={title} />}
      <Handle type="source" position={Position.Bottom} className="opacity-0!" isConnectable={false} />
    </div>
  );
});

function AddStepButton({ nodeId, title }: { nodeId: string; title: string }) {
  const { graph } = useCanvasContext();
  const buttonId = useId();
  const menu = useAddStepMenu(buttonId);
  const choices = attachPointsOf(graph, nodeId);
  if (choices.length === 0) return null;
  return (
    <button
      id={buttonId}
      type="button"
      aria-label={`Add a step after ${title}`}
      aria-haspopup="menu"
      aria-expanded={menu.expanded}
      className="nodrag nopan absolute -bottom-3 left-1/2 z-10 flex size-6 -translate-x-1/2 items-center justify-center rounded-full border border-neutral-300 bg-white text-neutral-600 shadow-xs hover:border-accent-500 hover:text-accent-700 focus-visible:outline-2 focus-visible:outline-accent-500 aria-expanded:border-accent-500 aria-expanded:text-accent-700"
      onClick={(event) => {
        event.stopPropagation();
        menu.open({ buttonId, button: event.currentTarget, choices });
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <Plus aria-hidden className="size-3.5" />
    </button>
  );
}
