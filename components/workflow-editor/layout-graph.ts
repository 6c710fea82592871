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

/** The dagre placement (node centres) of the last structure laid out, keyed by its ids and edges. */
let placed: { key: string; centres: Map<string, { x: number; y: number }> } | null = null;

/**
 * Where each node goes. Only ids and edges decide it, so an edit that changes neither (a name, a URL, a
 * condition) reuses the previous placement instead of running dagre again; at 200 steps dagre takes a
 * few hundred ms, which would otherwise be paid on every keystroke in the side panel.
 */
function placeNodes(ids: string[], edges: TWorkflowGraph["edges"]): Map<string, { x: number; y: number }> {
  const key = `${ids.join(",")}|${edges.map((edge) => `${edge.source}>${edge.target}`).join(",")}`;
  if (placed?.key === key) return placed.centres;
  const g = new Graph();
  g.setGraph({ rankdir: "TB", nodesep: 48, ranksep: 64 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  layout(g);
  const centres = new Map(ids.map((id) => [id, { x: g.node(id).x, y: g.node(id).y }]));
  placed = { key, centres };
  return centres;
}

/** The canvas nodes and edges, none selected (see selectNode). */
export function layoutGraph(graph: TWorkflowGraph): { nodes: TCanvasNode[]; edges: Edge[] } {
  const ids = ["trigger", ...graph.steps.map((step) => step.id)];
  const known = new Set(ids);
  const edges = graph.edges.filter((edge) => known.has(edge.source) && known.has(edge.target));
  const centres = placeNodes(ids, edges);

  const stepsById = new Map(graph.steps.map((step) => [step.id, step]));
  const nodes: TCanvasNode[] = ids.map((id) => {
    const centre = centres.get(id)!;
    return {
      id,
      type: "workflow",
      // dagre gives centres; React Flow wants top-left corners.
      position: { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 },
      data: { nodeId: id },
      ariaLabel: id === "trigger" ? "Trigger" : `Step ${stepsById.get(id)?.name ?? id}`,
      selected: false,
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

/**
 * The nodes with `selectedId` marked. Every other node keeps its object, so React Flow re-renders only the
 * nodes whose selection changed rather than all of them.
 */
export function selectNode(nodes: TCanvasNode[], selectedId: string | null): TCanvasNode[] {
  if (selectedId === null) return nodes;
  return nodes.map((node) => (node.id === selectedId ? { ...node, selected: true } : node));
}
