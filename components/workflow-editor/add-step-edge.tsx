"use client";

import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import { Plus } from "lucide-react";
import { useId } from "react";
import { useAddStepMenu } from "./add-step-menu";
import { useCanvasContext } from "./canvas-context";

export type TAddStepEdgeData = { branch?: string; label?: string; sourceName: string; targetName: string };
export type TAddStepEdge = Edge<TAddStepEdgeData, "addStep">;

/** An edge with its branch label and a "+" at its middle that inserts a step between its two ends. */
export function AddStepEdge({ id, source, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style }: EdgeProps<TAddStepEdge>) {
  const { readOnly } = useCanvasContext();
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />
      <EdgeLabelRenderer>
        <div
          className="nodrag nopan pointer-events-auto absolute flex items-center gap-1"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {data?.label && <span className="rounded bg-white px-1.5 py-0.5 text-xs text-neutral-600 shadow-xs ring-1 ring-neutral-200">{data.label}</span>}
          {!readOnly && data && <InsertStepButton source={source} data={data} />}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

function InsertStepButton({ source, data }: { source: string; data: TAddStepEdgeData }) {
  const buttonId = useId();
  const menu = useAddStepMenu(buttonId);
  return (
    <button
      id={buttonId}
      type="button"
      aria-label={`Insert a step between ${data.sourceName} and ${data.targetName}`}
      aria-haspopup="menu"
      aria-expanded={menu.expanded}
      className="flex size-5 items-center justify-center rounded-full border border-neutral-300 bg-white text-neutral-500 opacity-60 shadow-xs transition-opacity hover:border-accent-500 hover:text-accent-700 hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-accent-500 aria-expanded:opacity-100"
      onClick={(event) => menu.open({ buttonId, button: event.currentTarget, choices: [{ point: { source, ...(data.branch ? { branch: data.branch } : {}) }, label: data.label ?? "Next" }] })}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <Plus aria-hidden className="size-3" />
    </button>
  );
}
