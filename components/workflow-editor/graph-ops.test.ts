import { describe, expect, it } from "vitest";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import { ZWorkflowGraph, type TWorkflowGraph } from "@/lib/schemas/workflow";
import { attachPointsOf, copyFragment, deleteStep, insertStep, PasteError, pasteFragment, pastePointAfter } from "./graph-ops";

const EVENT_ID = "00000000-0000-4000-8000-000000000001";
const context = { appEventIds: new Set([EVENT_ID]) };

/** trigger → fn → check (true: notify, false: —) → after */
function branching(): TWorkflowGraph {
  let graph: TWorkflowGraph = { trigger: { type: "app_event", appEventId: EVENT_ID }, steps: [], edges: [] };
  graph = insertStep(graph, { source: "trigger" }, "function").graph;
  graph = insertStep(graph, { source: "function_1" }, "conditional").graph;
  graph = insertStep(graph, { source: "conditional_1", branch: "true" }, "request").graph;
  graph = {
    ...graph,
    steps: graph.steps.map((step) =>
      step.type === "request"
        ? { ...step, config: { ...step.config, url: "https://example.com/{{ steps.function_1.output.id }}/{{steps.conditional_1.output}}" } }
        : step.type === "conditional"
          ? { ...step, config: { condition: { combinator: "and" as const, rules: [{ left: "{{ trigger.payload.email }}", operator: "exists" as const }] } } }
          : step,
    ),
  };
  return graph;
}

describe("copyFragment", () => {
  it("copies a plain step alone, without the chain below it", () => {
    const graph = branching();
    const fragment = copyFragment(graph, "function_1");
    expect(fragment?.steps.map((step) => step.id)).toEqual(["function_1"]);
    expect(fragment?.edges).toEqual([]);
  });

  it("copies a branching step with everything on its branches", () => {
    const fragment = copyFragment(branching(), "conditional_1");
    expect(fragment?.steps.map((step) => step.id).sort()).toEqual(["conditional_1", "request_1"]);
    expect(fragment?.edges).toEqual([expect.objectContaining({ source: "conditional_1", target: "request_1", branch: "true" })]);
  });

  it("returns null for an unknown step", () => {
    expect(copyFragment(branching(), "nope")).toBeNull();
  });
});

describe("pasteFragment", () => {
  it("pastes a copy with fresh ids and names between a node and its child", () => {
    const graph = branching();
    const fragment = copyFragment(graph, "function_1");
    if (!fragment) throw new Error("no fragment");
    const result = pasteFragment(graph, pastePointAfter(graph, "function_1"), fragment);
    expect(result.stepId).toBe("function_2");
    const pasted = result.graph.steps.find((step) => step.id === "function_2");
    expect(pasted?.name).toBe("Function copy");
    // function_1 → function_2 → conditional_1, no edge lost or doubled.
    expect(result.graph.edges.filter((edge) => edge.source === "function_1").map((edge) => edge.target)).toEqual(["function_2"]);
    expect(result.graph.edges.filter((edge) => edge.source === "function_2").map((edge) => edge.target)).toEqual(["conditional_1"]);
    expect(ZWorkflowGraph.safeParse(result.graph).success).toBe(true);
    expect(validateWorkflow(result.graph, context).problems).toEqual([]);
  });

  it("rewrites references between pasted steps and keeps references to steps outside the copy", () => {
    const graph = branching();
    const fragment = copyFragment(graph, "conditional_1");
    if (!fragment) throw new Error("no fragment");
    // After the branch's request step: the pasted conditional gets the request's (empty) plain exit.
    const result = pasteFragment(graph, pastePointAfter(graph, "request_1"), fragment);
    expect(result.stepId).toBe("conditional_2");
    const copy = result.graph.steps.find((step) => step.id === "request_2");
    expect(copy?.type === "request" && copy.config.url).toBe("https://example.com/{{ steps.function_1.output.id }}/{{steps.conditional_2.output}}");
    expect(result.graph.edges).toContainEqual(expect.objectContaining({ source: "conditional_2", target: "request_2", branch: "true" }));
    expect(validateWorkflow(result.graph, context).problems).toEqual([]);
  });

  it("moves the old child onto the pasted root's first free branch", () => {
    const graph = branching();
    const fragment = copyFragment(graph, "conditional_1");
    if (!fragment) throw new Error("no fragment");
    const result = pasteFragment(graph, { source: "function_1" }, fragment);
    // The copy's "true" branch holds its own request, so the old child (conditional_1) goes on "false".
    expect(result.graph.edges).toContainEqual(expect.objectContaining({ source: "conditional_2", target: "conditional_1", branch: "false" }));
    expect(validateWorkflow(result.graph, context).problems).toEqual([]);
  });

  it("refuses, changing nothing, when the pasted root has no free exit for what followed", () => {
    let graph = branching();
    graph = insertStep(graph, { source: "conditional_1", branch: "false" }, "delay").graph;
    const fragment = copyFragment(graph, "conditional_1");
    if (!fragment) throw new Error("no fragment");
    const before = JSON.stringify(graph);
    expect(() => pasteFragment(graph, { source: "function_1" }, fragment)).toThrow(PasteError);
    expect(JSON.stringify(graph)).toBe(before);
  });

  it("round-trips: paste then delete leaves the original graph's steps", () => {
    const graph = branching();
    const fragment = copyFragment(graph, "function_1");
    if (!fragment) throw new Error("no fragment");
    const pasted = pasteFragment(graph, pastePointAfter(graph, "function_1"), fragment);
    const back = deleteStep(pasted.graph, pasted.stepId);
    expect(back.steps.map((step) => step.id)).toEqual(graph.steps.map((step) => step.id));
    expect(validateWorkflow(back, context).problems).toEqual([]);
  });
});

describe("names of copies", () => {
  it("numbers copies of copies instead of stacking “copy”", () => {
    const graph = branching();
    const first = pasteFragment(graph, pastePointAfter(graph, "function_1"), copyFragment(graph, "function_1")!);
    const second = pasteFragment(first.graph, pastePointAfter(first.graph, first.stepId), copyFragment(first.graph, first.stepId)!);
    const names = second.graph.steps.filter((step) => step.type === "function").map((step) => step.name);
    expect(names).toEqual(["Function", "Function copy", "Function copy 2"]);
  });
});

describe("pastePointAfter", () => {
  it("uses the plain exit, or the first free branch of a branching step", () => {
    const graph = branching();
    expect(pastePointAfter(graph, "trigger")).toEqual({ source: "trigger" });
    expect(pastePointAfter(graph, "conditional_1")).toEqual({ source: "conditional_1", branch: "false" });
  });
});

describe("attachPointsOf", () => {
  it("offers a Conditional's branches true first, then false: one submenu each in the add-step menu", () => {
    expect(attachPointsOf(branching(), "conditional_1")).toEqual([
      { point: { source: "conditional_1", branch: "true" }, label: "If true" },
      { point: { source: "conditional_1", branch: "false" }, label: "If false" },
    ]);
  });

  it("offers a plain step one exit", () => {
    expect(attachPointsOf(branching(), "function_1")).toEqual([{ point: { source: "function_1" }, label: "Next" }]);
  });
});
