import { describe, expect, it } from "vitest";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { insertStep } from "./graph-ops";
import { layoutGraph, NODE_WIDTH, orderExits, withMoves } from "./layout-graph";

/** trigger → check, with the "false" branch built before the "true" one. */
function falseFirst(): TWorkflowGraph {
  let graph: TWorkflowGraph = { trigger: { type: "app_event", appEventId: null }, steps: [], edges: [] };
  graph = insertStep(graph, { source: "trigger" }, "conditional").graph;
  graph = insertStep(graph, { source: "conditional_1", branch: "false" }, "delay").graph;
  graph = insertStep(graph, { source: "delay_1" }, "function").graph;
  graph = insertStep(graph, { source: "conditional_1", branch: "true" }, "request").graph;
  return graph;
}

describe("orderExits", () => {
  it("puts a Conditional's true exit before its false one, whatever order they were made in", () => {
    const graph = falseFirst();
    expect(graph.edges.filter((edge) => edge.source === "conditional_1").map((edge) => edge.branch)).toEqual(["false", "true"]);
    const ordered = orderExits(graph, graph.edges).filter((edge) => edge.source === "conditional_1");
    expect(ordered.map((edge) => edge.branch)).toEqual(["true", "false"]);
  });

  it("orders a switch's cases as declared, then default", () => {
    let graph: TWorkflowGraph = { trigger: { type: "app_event", appEventId: null }, steps: [], edges: [] };
    graph = insertStep(graph, { source: "trigger" }, "switch").graph;
    graph = insertStep(graph, { source: "switch_1", branch: "default" }, "delay").graph;
    graph = insertStep(graph, { source: "switch_1", branch: "case_1" }, "function").graph;
    expect(orderExits(graph, graph.edges).filter((edge) => edge.source === "switch_1").map((edge) => edge.branch)).toEqual(["case_1", "default"]);
  });
});

describe("layoutGraph", () => {
  it("draws the true branch left of the false branch", () => {
    const { nodes } = layoutGraph(falseFirst());
    const x = (id: string) => nodes.find((node) => node.id === id)?.position.x ?? Number.NaN;
    expect(x("request_1")).toBeLessThan(x("delay_1"));
  });
});

describe("layoutGraph with branches inside a fan-out lane", () => {
  it("keeps true left of false inside the lane, and the lane's box around its steps", () => {
    let graph: TWorkflowGraph = { trigger: { type: "app_event", appEventId: null }, steps: [], edges: [] };
    graph = insertStep(graph, { source: "trigger" }, "fan_out").graph;
    graph = insertStep(graph, { source: "fan_out_1" }, "response").graph;
    graph = insertStep(graph, { source: "fan_out_1", branch: "each" }, "conditional").graph;
    graph = insertStep(graph, { source: "conditional_1", branch: "false" }, "delay").graph;
    graph = insertStep(graph, { source: "conditional_1", branch: "true" }, "request").graph;
    const { nodes } = layoutGraph(graph);
    const at = (id: string) => nodes.find((node) => node.id === id) as (typeof nodes)[number];
    expect(at("request_1").position.x).toBeLessThan(at("delay_1").position.x);
    const lane = at("lane:fan_out_1");
    for (const id of ["conditional_1", "request_1", "delay_1"]) {
      expect(at(id).position.x).toBeGreaterThanOrEqual(lane.position.x);
      expect(at(id).position.x + NODE_WIDTH).toBeLessThanOrEqual(lane.position.x + (lane.width ?? 0));
    }
  });
});

describe("withMoves", () => {
  it("puts a dragged node where it was dropped and keeps every other node's object", () => {
    const { nodes } = layoutGraph(falseFirst());
    const moved = withMoves(nodes, new Map([["delay_1", { x: 500, y: 40 }]]));
    expect(moved.find((node) => node.id === "delay_1")?.position).toEqual({ x: 500, y: 40 });
    expect(moved.filter((node, i) => node !== nodes[i]).map((node) => node.id)).toEqual(["delay_1"]);
    expect(withMoves(nodes, new Map())).toBe(nodes);
  });
});
