"use client";

import "@xyflow/react/dist/style.css";
import { Background, ControlButton, Controls, MiniMap, type NodeChange, type NodeProps, ReactFlow, useReactFlow, useStore } from "@xyflow/react";
import { LayoutGrid } from "lucide-react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { CanvasContext, type TCanvasContext } from "./canvas-context";
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, selectNode, type TAnyCanvasNode, type TLaneNode, type TPosition } from "./layout-graph";
import { AddStepEdge } from "./add-step-edge";
import { StepPalette } from "./step-palette";
import { WorkflowNode } from "./workflow-node";

const NODE_TYPES = { workflow: WorkflowNode, lane: LaneNode };
const EDGE_TYPES = { addStep: AddStepEdge };
const NO_MOVES = new Map<string, TPosition>();

type TWorkflowCanvasProps = TCanvasContext & {
  selectedId: string | null;
  onSelect: (nodeId: string | null) => void;
  onDelete: (nodeId: string) => void;
};

/**
 * The workflow as a top-to-bottom diagram. Layout is automatic; a dragged node stays where it was put
 * (in this browser tab only, the document stores no positions) until "Tidy up".
 */
export function WorkflowCanvas({ selectedId, onSelect, onDelete, ...props }: TWorkflowCanvasProps) {
  const { graph, appEvents, problemsByNode, runStatusByNode, onAddStep, readOnly } = props;
  const [moved, setMoved] = useState<ReadonlyMap<string, TPosition>>(NO_MOVES);
  // Layout and selection apart: selecting a node re-renders that node, not all of them.
  const layout = useMemo(() => layoutGraph(graph, moved), [graph, moved]);
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

  // A click whose press began elsewhere is not a choice made on the canvas: choosing an item in a "+" menu
  // releases the pointer over whatever node lies under the menu once it closes, and that stray click must
  // not select the node (the step just added keeps the selection).
  const wrapper = useRef<HTMLDivElement>(null);
  const pressedInside = useRef(false);
  useEffect(() => {
    const onPress = (event: Event) => {
      pressedInside.current = wrapper.current?.contains(event.target as Node) ?? false;
    };
    document.addEventListener("pointerdown", onPress, true);
    document.addEventListener("keydown", onPress, true);
    return () => {
      document.removeEventListener("pointerdown", onPress, true);
      document.removeEventListener("keydown", onPress, true);
    };
  }, []);

  function handleNodesChange(changes: NodeChange<TAnyCanvasNode>[]) {
    let nextMoved: Map<string, TPosition> | null = null;
    for (const change of changes) {
      if (change.type === "position" && change.position && !context.readOnly) {
        nextMoved ??= new Map(moved);
        nextMoved.set(change.id, change.position);
      }
      if (change.type !== "select" || !pressedInside.current) continue;
      if (change.selected) onSelect(change.id);
      else if (change.id === selectedId && !changes.some((other) => other.type === "select" && other.selected)) onSelect(null);
    }
    if (nextMoved) setMoved(nextMoved);
  }

  return (
    <CanvasContext.Provider value={context}>
      <div
        ref={wrapper}
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
        <ReactFlow<TAnyCanvasNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={handleNodesChange}
          onNodeClick={(_, node) => pressedInside.current && node.type === "workflow" && onSelect(node.id)}
          onPaneClick={() => pressedInside.current && onSelect(null)}
          nodesDraggable={!context.readOnly}
          nodesConnectable={false}
          nodesFocusable
          edgesFocusable={false}
          deleteKeyCode={null}
          multiSelectionKeyCode={null}
          selectionKeyCode={null}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          minZoom={0.1}
          maxZoom={1.5}
        >
          <FitOnGrow count={nodes.length} />
          <KeepInView nodeId={selectedId} />
          <Background gap={16} />
          {!context.readOnly && <StepPalette selectedId={selectedId} />}
          <Controls showInteractive={false}>
            {moved.size > 0 && (
              <ControlButton title="Tidy up: put every node back in its automatic place" aria-label="Tidy up" onClick={() => setMoved(NO_MOVES)}>
                <LayoutGrid aria-hidden />
              </ControlButton>
            )}
          </Controls>
          <MiniMap position="top-right" pannable zoomable ariaLabel="Workflow overview" style={{ width: 160, height: 110 }} nodeColor={(node) => (node.type === "lane" ? "transparent" : "#d4d4d8")} nodeStrokeColor={(node) => (node.type === "lane" ? "#a1a1aa" : "transparent")} />
        </ReactFlow>
      </div>
    </CanvasContext.Provider>
  );
}

/** The box around a Fan Out's per-item steps. */
function LaneNode({ data }: NodeProps<TLaneNode>) {
  return (
    <div aria-hidden className="pointer-events-none h-full w-full rounded-xl border border-dashed border-accent-300 bg-accent-50/40">
      <p className="truncate px-3 pt-1.5 text-xs font-medium text-accent-800">{data.label}</p>
    </div>
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

/**
 * Opening the side panel narrows the canvas; the selected node then may sit under it. This pans (at the
 * same zoom) so the selected node is fully visible, once the canvas has its new width.
 */
function KeepInView({ nodeId }: { nodeId: string | null }) {
  const { getNode, getViewport, setCenter } = useReactFlow();
  // Re-checked when the canvas changes size, which is when the panel has finished opening.
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  useEffect(() => {
    if (!nodeId || width === 0) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const node = getNode(nodeId);
        if (!node) return;
        const { x, y, zoom } = getViewport();
        const left = node.position.x * zoom + x;
        const top = node.position.y * zoom + y;
        const inside = left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + NODE_HEIGHT * zoom <= height;
        if (!inside) void setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, { zoom, duration: 200 });
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [nodeId, width, height, getNode, getViewport, setCenter]);
  return null;
}
