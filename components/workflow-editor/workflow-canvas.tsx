"use client";

import "@xyflow/react/dist/style.css";
import { Background, ControlButton, Controls, type FitViewOptions, MiniMap, type NodeChange, type NodeProps, ReactFlow, useReactFlow, useStore } from "@xyflow/react";
import { LayoutGrid, MapIcon } from "lucide-react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { CanvasContext, type TCanvasContext } from "./canvas-context";
import { canvasInsets, MINIMAP_SIZE, revealOffset, type TInsets } from "./canvas-insets";
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, selectNode, type TAnyCanvasNode, type TLaneNode, type TPosition, withMoves } from "./layout-graph";
import { AddStepEdge } from "./add-step-edge";
import { AddStepMenuHost } from "./add-step-menu";
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
  // Layout, moves and selection apart: dagre runs when the graph changes, a drag re-creates only the dragged
  // node, and selecting a node re-renders that node, not all of them.
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const placed = useMemo(() => withMoves(layout.nodes, moved), [layout.nodes, moved]);
  const nodes = useMemo(() => selectNode(placed, selectedId), [placed, selectedId]);
  const { edges } = layout;
  // As CanvasOverlays fits once the canvas has a size (the same on any canvas wide enough): the first
  // paint does not jump.
  const initialFit = useMemo(() => fitOptions(canvasInsets({ width: Infinity, height: Infinity, palette: !readOnly, minimap: true })), [readOnly]);

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
        <AddStepMenuHost onAddStep={addStep} bounds={wrapper}>
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
            fitViewOptions={initialFit}
            minZoom={0.1}
            maxZoom={1.5}
            // Bottom right is the overview map's.
            attributionPosition="top-right"
          >
            <Background gap={16} />
            {!context.readOnly && <StepPalette selectedId={selectedId} />}
            <CanvasOverlays
              nodeCount={nodes.length}
              selectedId={selectedId}
              palette={!context.readOnly}
              tidy={moved.size > 0 ? () => setMoved(NO_MOVES) : null}
            />
          </ReactFlow>
        </AddStepMenuHost>
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

const fitOptions = (insets: TInsets): FitViewOptions => ({
  padding: { top: `${insets.top}px`, right: `${insets.right}px`, bottom: `${insets.bottom}px`, left: `${insets.left}px` },
  maxZoom: 1,
});

/**
 * The controls, the overview map and the view keeping that depend on what the overlays cover: fitting and
 * panning leave the palette's column and the map's corner free.
 */
function CanvasOverlays({ nodeCount, selectedId, palette, tidy }: { nodeCount: number; selectedId: string | null; palette: boolean; tidy: (() => void) | null }) {
  const [overview, setOverview] = useState(true);
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const insets = useMemo(() => canvasInsets({ width, height, palette, minimap: overview }), [width, height, palette, overview]);
  return (
    <>
      <FitOnGrow count={nodeCount} insets={insets} ready={width > 0} />
      <KeepInView nodeId={selectedId} insets={insets} width={width} height={height} />
      <Controls showInteractive={false} fitViewOptions={fitOptions(insets)}>
        <ControlButton
          title={overview ? "Hide the overview map" : "Show the overview map"}
          aria-label="Overview map"
          aria-pressed={overview}
          onClick={() => setOverview((shown) => !shown)}
        >
          <MapIcon aria-hidden />
        </ControlButton>
        {tidy && (
          <ControlButton title="Tidy up: put every node back in its automatic place" aria-label="Tidy up" onClick={tidy}>
            <LayoutGrid aria-hidden />
          </ControlButton>
        )}
      </Controls>
      {overview && (
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          ariaLabel="Workflow overview"
          style={MINIMAP_SIZE}
          // Variables, not colours: .dark remaps them (an SVG fill set in style accepts var()).
          nodeColor={(node) => (node.type === "lane" ? "transparent" : "var(--color-neutral-300)")}
          nodeStrokeColor={(node) => (node.type === "lane" ? "var(--color-neutral-400)" : "transparent")}
        />
      )}
    </>
  );
}

/** Keeps a newly added or removed node in view, clear of the overlays. */
function FitOnGrow({ count, insets, ready }: { count: number; insets: TInsets; ready: boolean }) {
  const { fitView } = useReactFlow();
  const insetsRef = useRef(insets);
  useLayoutEffect(() => {
    insetsRef.current = insets;
  });
  // The first fit (once the canvas has a size) replaces React Flow's own at once; later ones animate.
  const fitted = useRef(false);
  useEffect(() => {
    if (!ready) return;
    const frame = requestAnimationFrame(() => {
      void fitView({ ...fitOptions(insetsRef.current), duration: fitted.current ? 200 : 0 });
      fitted.current = true;
    });
    return () => cancelAnimationFrame(frame);
  }, [count, ready, fitView]);
  return null;
}

/**
 * Opening the side panel narrows the canvas; the selected node then may sit under it, or under an overlay.
 * This pans (at the same zoom, by as little as it takes) so the selected node is fully in the free area,
 * once the canvas has its new size.
 */
function KeepInView({ nodeId, insets, width, height }: { nodeId: string | null; insets: TInsets; width: number; height: number }) {
  const { getNode, getViewport, setViewport } = useReactFlow();
  useEffect(() => {
    if (!nodeId || width === 0) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const node = getNode(nodeId);
        if (!node) return;
        const { x, y, zoom } = getViewport();
        const box = { x: node.position.x * zoom + x, y: node.position.y * zoom + y, width: NODE_WIDTH * zoom, height: NODE_HEIGHT * zoom };
        const { dx, dy } = revealOffset(box, { width, height }, insets);
        if (dx !== 0 || dy !== 0) void setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [nodeId, width, height, insets, getNode, getViewport, setViewport]);
  return null;
}
