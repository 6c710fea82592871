"use client";

import { Panel } from "@xyflow/react";
import { STEP_TYPE_LABELS } from "@/components/runs/run-format";
import { STEP_TYPES } from "@/lib/schemas/workflow";
import { PALETTE_WIDTH } from "./canvas-insets";
import { useCanvasContext } from "./canvas-context";
import { pastePointAfter } from "./graph-ops";
import { STEP_ICONS } from "./node-meta";

/**
 * The step palette: one button per step type, named on screen, adding the step after the selected node (or
 * after the last step of the main path when nothing is selected). ↑/↓ move between its buttons.
 */
export function StepPalette({ selectedId }: { selectedId: string | null }) {
  const { graph, onAddStep } = useCanvasContext();
  const after = selectedId ?? lastOfMainPath(graph);
  const afterName = after === "trigger" ? "the trigger" : (graph.steps.find((step) => step.id === after)?.name ?? after);
  return (
    <Panel position="top-left">
      <div
        role="toolbar"
        aria-label="Add a step"
        aria-orientation="vertical"
        style={{ width: PALETTE_WIDTH }}
        className="flex flex-col gap-0.5 rounded-lg border border-neutral-200 bg-white p-1 shadow-sm"
        onKeyDown={moveFocus}
      >
        <p aria-hidden className="truncate px-1.5 pt-0.5 pb-1 text-[11px] leading-4 text-neutral-500" title={`Adds after ${afterName}`}>
          Add after <span className="font-medium text-neutral-700">{afterName}</span>
        </p>
        {STEP_TYPES.map((type) => {
          const Icon = STEP_ICONS[type];
          return (
            <button
              key={type}
              type="button"
              aria-label={`Add ${STEP_TYPE_LABELS[type]} after ${afterName}`}
              className="flex h-7 items-center gap-2 rounded-md px-1.5 text-left text-xs text-neutral-700 hover:bg-accent-50 hover:text-accent-700 focus-visible:outline-2 focus-visible:outline-accent-500"
              onClick={() => onAddStep(pastePointAfter(graph, after), type)}
            >
              <Icon aria-hidden className="size-4 shrink-0 text-neutral-500" />
              <span className="truncate">{STEP_TYPE_LABELS[type]}</span>
            </button>
          );
        })}
      </div>
    </Panel>
  );
}

function moveFocus(event: React.KeyboardEvent<HTMLDivElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const buttons = [...event.currentTarget.querySelectorAll("button")];
  const index = buttons.indexOf(event.target as HTMLButtonElement);
  if (index === -1) return;
  event.preventDefault();
  buttons[(index + (event.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length].focus();
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
