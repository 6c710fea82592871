"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, MiniMap, type NodeChange, ReactFlow, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { CanvasContext, type TCanvasContext } from "./canvas-context";
import { layoutGraph, selectNode, type TCanvasNode } from "./layout-graph";
import { WorkflowNode } from "./workflow-node";

const NODE_TYPES = { workflow: WorkflowNode };

type TWorkflowCanvasProps = TCanvasContext & {
  selectedId: string | null;
  onSelect: (nodeId: string | null) => void;
  onDelete: (nodeId: string) => void;
};

/** The workflow as a top-to-bottom diagram. Layout is automatic; nodes are selected, not dragged. */
export function WorkflowCanvas({ selectedId, onSelect, onDelete, ...props }: TWorkflowCanvasProps) {
  const { graph, appEvents, problemsByNode, runStatusByNode, onAddStep, readOnly } = props;
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const nodes = useMemo(() => selectNode(layout.nodes, selectedId), [layout.nodes, selectedId]);
  const { edges } = layout;

  // Every node reads the context, so a new context object re-renders them all: it changes only with what
  // the nodes show. onAddStep is a new function on each render of the editor, hence the ref.
  const addStepRef = useRef(onAddStep);
  useLayoutEffect(() => {
    addStepRef.current = onAddStep;
  });
  const addStep = useCallback<TCanvasContext["onAddStep"]>((at, type) => addStepRef.current(at, type), []);
  const context = useMemo<TCanvasContext>(
    () => ({ graph, appEvents, problemsByNode, runStatusByNode, onAddStep: addStep, readOnly }),
    [graph, appEvents, problemsByNode, runStatusByNode, addStep, readOnly],
  );

  function handleNodesChange(changes: NodeChange<TCanvasNode>[]) {
    for (const change of changes) {
      if (change.type !== "select") continue;
      if (change.selected) onSelect(change.id);
      else if (change.id === selectedId && !changes.some((other) => other.type === "select" && other.selected)) onSelect(null);
    }
  }

  return (
    <CanvasContext.Provider value={context}>
      <div
        className="h-full w-full"
        onKeyDown={(event) => {
          const target = event.target as HTMLElement;
          if (target.closest("input, textarea, select, [contenteditable=true], [role=menu]")) return;
          if ((event.key === "Delete" || event.key === "Backspace") && selectedId && selectedId !== "trigger" && !context.readOnly) {
            event.preventDefault();
            onDelete(selectedId);
          }
          if (event.key === "Escape" && selectedId) onSelect(null);
        }}
      >
        <ReactFlow<TCanvasNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          onNodesChange={handleNodesChange}
          onNodeClick={(_, node) => onSelect(node.id)}
          onPaneClick={() => onSelect(null)}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable
          edgesFocusable={false}
          deleteKeyCode={null}
          multiSelectionKeyCode={null}
          selectionKeyCode={null}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          minZoom={0.2}
          maxZoom={1.5}
        >
          <FitOnGrow count={nodes.length} />
          <Background gap={16} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable ariaLabel="Workflow overview" />
        </ReactFlow>
      </div>
    </CanvasContext.Provider>
  );
}

/** Keeps a newly added or removed node in view. */
function FitOnGrow({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [count, fitView]);
  return null;
}
