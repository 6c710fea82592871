"use client";

import { Panel } from "@xyflow/react";
import { STEP_TYPE_LABELS } from "@/components/runs/run-format";
import { STEP_TYPES } from "@/lib/schemas/workflow";
import { useCanvasContext } from "./canvas-context";
import { pastePointAfter } from "./graph-ops";
import { STEP_ICONS } from "./node-meta";

/**
 * The step palette: one button per step type, adding the step after the selected node (or after the last
 * step of the main path when nothing is selected).
 */
export function StepPalette({ selectedId }: { selectedId: string | null }) {
  const { graph, onAddStep } = useCanvasContext();
  const after = selectedId ?? lastOfMainPath(graph);
  const afterName = after === "trigger" ? "the trigger" : (graph.steps.find((step) => step.id === after)?.name ?? after);
  return (
    <Panel position="top-left">
      <div role="toolbar" aria-label="Add a step" aria-orientation="vertical" className="flex flex-col gap-0.5 rounded-lg border border-neutral-200 bg-white p-1 shadow-sm">
        {STEP_TYPES.map((type) => {
          const Icon = STEP_ICONS[type];
          return (
            <button
              key={type}
              type="button"
              title={`Add ${STEP_TYPE_LABELS[type]} after ${afterName}`}
              aria-label={`Add ${STEP_TYPE_LABELS[type]} after ${afterName}`}
              className="flex size-8 items-center justify-center rounded-md text-neutral-600 hover:bg-accent-50 hover:text-accent-700 focus-visible:outline-2 focus-visible:outline-accent-500"
              onClick={() => onAddStep(pastePointAfter(graph, after), type)}
            >
              <Icon aria-hidden className="size-4" />
            </button>
          );
        })}
      </div>
    </Panel>
  );
}

/** Follows the plain (or first) exit from the trigger to the end of the main path. */
function lastOfMainPath(graph: ReturnType<typeof useCanvasContext>["graph"]): string {
  let current = "trigger";
  const seen = new Set<string>();
  for (;;) {
    seen.add(current);
    const next = graph.edges.find((edge) => edge.source === current && edge.branch === undefined) ?? graph.edges.find((edge) => edge.source === current);
    if (!next || seen.has(next.target)) return current;
    current = next.target;
  }
}
