// Places the canvas nodes with dagre, top to bottom. Positions are never stored: the document has none.
// A Fan Out's "each" lane is a dagre cluster (compound graph), drawn as a box around the steps that run
// once per item; lanes nest.
import { Graph, layout } from "@dagrejs/dagre";
import { type Node, type NodeHandle, Position } from "@xyflow/react";
import type { TAddStepEdge } from "./add-step-edge";
import { branchesOf, type TStep, type TWorkflowGraph } from "@/lib/schemas/workflow";

export const NODE_WIDTH = 272;
export const NODE_HEIGHT = 84;
const LANE_PADDING = 24;
const LANE_LABEL_HEIGHT = 28;

// Declared rather than measured: the nodes are rebuilt on every edit, and React Flow would otherwise drop
// the measured handle positions each time (edges vanish until the next measurement).
const HANDLES: NodeHandle[] = [
  { type: "target", position: Position.Top, x: NODE_WIDTH / 2, y: 0, width: 1, height: 1 },
  { type: "source", position: Position.Bottom, x: NODE_WIDTH / 2, y: NODE_HEIGHT, width: 1, height: 1 },
];

export type TCanvasNodeData = { nodeId: string };
export type TCanvasNode = Node<TCanvasNodeData, "workflow">;
export type TLaneNodeData = { fanOutId: string; label: string };
export type TLaneNode = Node<TLaneNodeData, "lane">;
export type TAnyCanvasNode = TCanvasNode | TLaneNode;

export type TPosition = { x: number; y: number };

function edgeLabel(source: TStep | undefined, branch: string | undefined): string | undefined {
  if (!branch) return undefined;
  if (source?.type === "conditional") return branch === "true" ? "If true" : "If false";
  if (source?.type === "switch" && branch !== "default") {
    return source.config.cases.find((c) => c.id === branch)?.label || branch;
  }
  if (source?.type === "fan_out" && branch === "each") return "for each item";
  return branch;
}

/**
 * The edges with each node's exits in the order its branches are declared (a Conditional's "true" before
 * "false", a switch's cases before "default", a fan-out's lane before what follows it). dagre places a node's
 * children left to right in the order their edges were added, and the document keeps edges in the order
 * they were created, so without this a "false" branch added first would be drawn left of "true".
 */
export function orderExits(graph: TWorkflowGraph, edges: TWorkflowGraph["edges"]): TWorkflowGraph["edges"] {
  const stepsById = new Map(graph.steps.map((step) => [step.id, step]));
  const rank = (edge: TWorkflowGraph["edges"][number]) => {
    const source = edge.source === "trigger" ? "trigger" : stepsById.get(edge.source);
    if (!source) return 0;
    const { branches } = branchesOf(source);
    // The plain exit after the branches; a branch no longer declared (a removed case) last.
    if (edge.branch === undefined) return branches.length;
    const index = branches.indexOf(edge.branch);
    return index === -1 ? branches.length + 1 : index;
  };
  // Array.prototype.sort is stable: edges of different sources keep their relative order.
  return [...edges].sort((a, b) => rank(a) - rank(b));
}

/**
 * For each node with several exits, its children left to right in exit order. dagre's ordering heuristic
 * otherwise picks either order for a tree (both have no crossings), drawing "false" left of "true".
 */
function siblingOrder(orderedEdges: TWorkflowGraph["edges"]): { left: string; right: string }[] {
  const pairs: { left: string; right: string }[] = [];
  const lastChild = new Map<string, string>();
  // A fan-out's lane and what follows it are not siblings in one row (the lane is a cluster): left alone.
  for (const edge of orderedEdges.filter((candidate) => candidate.branch !== undefined && candidate.branch !== "each")) {
    const previous = lastChild.get(edge.source);
    if (previous !== undefined) pairs.push({ left: previous, right: edge.target });
    lastChild.set(edge.source, edge.target);
  }
  return pairs;
}

/** For each step inside a Fan Out's "each" lane, the innermost fan-out whose lane holds it. */
function laneOwners(graph: TWorkflowGraph): Map<string, string> {
  const fanOuts = new Set(graph.steps.filter((step) => step.type === "fan_out").map((step) => step.id));
  const incoming = new Map<string, { source: string; branch?: string }>();
  for (const edge of graph.edges) if (!incoming.has(edge.target)) incoming.set(edge.target, edge);
  const owners = new Map<string, string>();
  for (const step of graph.steps) {
    const seen = new Set<string>();
    for (let id = step.id; !seen.has(id); ) {
      seen.add(id);
      const edge = incoming.get(id);
      if (!edge) break;
      if (edge.branch === "each" && fanOuts.has(edge.source)) {
        owners.set(step.id, edge.source);
        break;
      }
      id = edge.source;
    }
  }
  return owners;
}

type TBox = { x: number; y: number; width: number; height: number };
type TPlacement = { centres: Map<string, { x: number; y: number }>; lanes: Map<string, TBox> };

/** The dagre placement of the last structure laid out, keyed by its ids, edges and lanes. */
let lastPlacement: { key: string; placement: TPlacement } | null = null;

/**
 * Where each node and lane goes. Only ids, edges and lanes decide it, so an edit that changes none of them (a
 * name, a URL, a condition) reuses the previous placement: at 200 steps dagre takes a few hundred ms, which
 * would otherwise be paid on every keystroke in the side panel.
 */
function placeNodes(ids: string[], edges: TWorkflowGraph["edges"], owners: Map<string, string>): TPlacement {
  const key = `${ids.join(",")}|${edges.map((edge) => `${edge.source}>${edge.target}`).join(",")}|${[...owners].map(([id, lane]) => `${id}@${lane}`).join(",")}`;
  if (lastPlacement?.key === key) return lastPlacement.placement;
  const compound = owners.size > 0;
  const g = new Graph({ compound });
  g.setGraph({ rankdir: "TB", nodesep: 48, ranksep: 64 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const lanes = new Set(owners.values());
  for (const fanOutId of lanes) g.setNode(`lane:${fanOutId}`, { paddingTop: LANE_LABEL_HEIGHT });
  for (const [stepId, fanOutId] of owners) g.setParent(stepId, `lane:${fanOutId}`);
  // A fan-out inside another lane: its own lane nests in the outer one.
  for (const fanOutId of lanes) {
    const outer = owners.get(fanOutId);
    if (outer) g.setParent(`lane:${fanOutId}`, `lane:${outer}`);
  }
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  layout(g, { constraints: siblingOrder(edges) });
  const placement: TPlacement = {
    centres: new Map(ids.map((id) => [id, { x: g.node(id).x, y: g.node(id).y }])),
    lanes: new Map(
      [...lanes].map((fanOutId) => {
        const { x, y, width, height } = g.node(`lane:${fanOutId}`);
        return [fanOutId, { x, y, width, height }];
      }),
    ),
  };
  lastPlacement = { key, placement };
  return placement;
}

/**
 * The canvas nodes (none selected: see selectNode) and edges. `moved` holds positions the builder dragged
 * nodes to; they win over the layout until "Tidy up" clears them (kept in the browser only: the document
 * has no positions).
 */
export function layoutGraph(graph: TWorkflowGraph): { nodes: TAnyCanvasNode[]; edges: TAddStepEdge[] } {
  const owners = laneOwners(graph);
  const ids = ["trigger", ...graph.steps.map((step) => step.id)];
  const known = new Set(ids);
  const edges = orderExits(graph, graph.edges.filter((edge) => known.has(edge.source) && known.has(edge.target)));
  const { centres, lanes } = placeNodes(ids, edges, owners);

  const stepsById = new Map(graph.steps.map((step) => [step.id, step]));
  const laneNodes: TLaneNode[] = [...lanes].map(([fanOutId, box]) => {
    const step = stepsById.get(fanOutId);
    const concurrency = step?.type === "fan_out" ? step.config.concurrency : 1;
    const width = box.width + LANE_PADDING;
    const height = box.height + LANE_PADDING;
    return {
      id: `lane:${fanOutId}`,
      type: "lane",
      position: { x: box.x - width / 2, y: box.y - height / 2 },
      data: { fanOutId, label: `For each item of ${step?.name ?? fanOutId} · ${concurrency} at a time` },
      selectable: false,
      draggable: false,
      connectable: false,
      focusable: false,
      zIndex: -1,
      width,
      height,
      measured: { width, height },
    };
  });
  const nodes: TCanvasNode[] = ids.map((id) => {
    const placed = centres.get(id) as { x: number; y: number };
    return {
      id,
      type: "workflow",
      // dagre gives centres; React Flow wants top-left corners.
      position: { x: placed.x - NODE_WIDTH / 2, y: placed.y - NODE_HEIGHT / 2 },
      data: { nodeId: id },
      ariaLabel: id === "trigger" ? "Trigger" : `Step ${stepsById.get(id)?.name ?? id}`,
      selected: false,
      connectable: false,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      handles: HANDLES,
    };
  });
  return {
    // Lanes first: React Flow paints in order, and they sit behind the steps.
    nodes: [...laneNodes, ...nodes],
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: "addStep" as const,
      data: {
        branch: edge.branch,
        label: edgeLabel(stepsById.get(edge.source), edge.branch),
        sourceName: edge.source === "trigger" ? "Trigger" : (stepsById.get(edge.source)?.name ?? edge.source),
        targetName: stepsById.get(edge.target)?.name ?? edge.target,
      },
      focusable: false,
    })),
  };
}

/**
 * The nodes with the positions the builder dragged them to. Layout (dagre) runs once per graph change, this
 * on every frame of a drag: unmoved nodes keep their objects, so React Flow re-renders only the dragged one.
 */
export function withMoves<T extends TAnyCanvasNode>(nodes: T[], moved: ReadonlyMap<string, TPosition>): T[] {
  if (moved.size === 0) return nodes;
  return nodes.map((node) => {
    const position = moved.get(node.id);
    return position ? { ...node, position } : node;
  });
}

/**
 * The nodes with `selectedId` marked. Every other node keeps its object, so React Flow re-renders only the
 * nodes whose selection changed rather than all of them.
 */
export function selectNode<T extends TAnyCanvasNode>(nodes: T[], selectedId: string | null): T[] {
  if (selectedId === null) return nodes;
  return nodes.map((node) => (node.id === selectedId ? { ...node, selected: true } : node));
}
