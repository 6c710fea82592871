import { describe, expect, it } from "vitest";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { fieldLabel, problemLines, stepLabel } from "./problem-labels";

const graph = {
  trigger: { type: "app_event", appEventId: null },
  steps: [
    { id: "request_2", name: "Fetch the deal", type: "request" },
    { id: "function_1", name: "  ", type: "function" },
  ],
  edges: [],
} as unknown as TWorkflowGraph;

describe("fieldLabel", () => {
  it.each([
    ["config.condition.rules.0.left", "Rule 1 value to test"],
    ["config.cases.1.condition.rules.2.left", "Case 2, rule 3 value to test"],
    ["config.url", "URL"],
    ["config.params.3.value", "Parameter 4 value"],
    ["source.integration", "Integration"],
    ["schedule.expression", "Cron expression"],
    // Not in the table: still words, never a dotted path.
    ["config.auth.apiKeyHeader", "Auth api key header"],
    ["config.retry.0.maxAttempts", "Retry 1 max attempts"],
  ])("%s reads %s", (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });
});

describe("stepLabel", () => {
  it("names a step by its name, falling back to its id when the name is blank", () => {
    expect(stepLabel(graph, "request_2")).toBe("Fetch the deal");
    expect(stepLabel(graph, "function_1")).toBe("function_1");
    expect(stepLabel(graph, "trigger")).toBe("Trigger");
    expect(stepLabel(graph, "workflow")).toBe("Workflow");
  });
});

describe("problemLines", () => {
  it("speaks step names and field labels, and shows messages that differ only in case once", () => {
    const lines = problemLines(graph, [
      { stepId: "request_2", field: "config.url", message: "Enter the URL to call" },
      { stepId: "request_2", field: "config.url", message: "enter the url to call" },
      { stepId: "request_2", field: "config.headers.0.value", message: "Enter the URL to call" },
      { stepId: "trigger", field: "appEventId", message: "Choose the App Event that starts this workflow" },
    ]);
    expect(lines).toEqual([
      { stepId: "request_2", step: "Fetch the deal", field: "URL", message: "Enter the URL to call" },
      { stepId: "request_2", step: "Fetch the deal", field: "Header 1 value", message: "Enter the URL to call" },
      { stepId: "trigger", step: "Trigger", field: "App Event", message: "Choose the App Event that starts this workflow" },
    ]);
  });
});
