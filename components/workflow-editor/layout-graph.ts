// Places the canvas nodes with dagre, top to bottom. Positions are never stored: the document has none.
import { Graph, layout } from "@dagrejs/dagre";
import { type Edge, type Node, type NodeHandle, Position } from "@xyflow/react";
import type { TStep, TWorkflowGraph } from "@/lib/schemas/workflow";

export const NODE_WIDTH = 272;
export const NODE_HEIGHT = 84;

// Declared rather than measured: the nodes are rebuilt on every edit, and React Flow would otherwise drop
// the measured handle positions each time (edges vanish until the next measurement).
const HANDLES: NodeHandle[] = [
  { type: "target", position: Position.Top, x: NODE_WIDTH / 2, y: 0, width: 1, height: 1 },
  { type: "source", position: Position.Bottom, x: NODE_WIDTH / 2, y: NODE_HEIGHT, width: 1, height: 1 },
];

export type TCanvasNodeData = { nodeId: string };
export type TCanvasNode = Node<TCanvasNodeData, "workflow">;

function edgeLabel(source: TStep | undefined, branch: string | undefined): string | undefined {
  if (!branch) return undefined;
  if (source?.type === "switch" && branch !== "default") {
    return source.config.cases.find((c) => c.id === branch)?.label || branch;
  }
  return branch;
}

export function layoutGraph(graph: TWorkflowGraph, selectedId: string | null): { nodes: TCanvasNode[]; edges: Edge[] } {
  const g = new Graph();
  g.setGraph({ rankdir: "TB", nodesep: 48, ranksep: 64 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = ["trigger", ...graph.steps.map((step) => step.id)];
  for (const id of ids) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const known = new Set(ids);
  const edges = graph.edges.filter((edge) => known.has(edge.source) && known.has(edge.target));
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  layout(g);

  const stepsById = new Map(graph.steps.map((step) => [step.id, step]));
  const nodes: TCanvasNode[] = ids.map((id) => {
    const placed = g.node(id);
    return {
      id,
      type: "workflow",
      // dagre gives centres; React Flow wants top-left corners.
      position: { x: placed.x - NODE_WIDTH / 2, y: placed.y - NODE_HEIGHT / 2 },
      data: { nodeId: id },
      ariaLabel: id === "trigger" ? "Trigger" : `Step ${stepsById.get(id)?.name ?? id}`,
      selected: id === selectedId,
      draggable: false,
      connectable: false,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      handles: HANDLES,
    };
  });
  return {
    nodes,
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: "smoothstep",
      label: edgeLabel(stepsById.get(edge.source), edge.branch),
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
      focusable: false,
    })),
  };
}
