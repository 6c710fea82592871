import { describe, expect, it } from "vitest";
import type { TWebhookTrigger } from "@/lib/schemas/workflow";
import { triggerLabel } from "@/components/workflows/workflow-format";
import { stepKindLine, stepSummary, triggerSummary, webhookSourceSummary } from "./node-meta";
import { newStep } from "./graph-ops";

const webhook = (source: TWebhookTrigger["source"]): TWebhookTrigger => ({ type: "webhook", source });

describe("webhookSourceSummary", () => {
  it.each<[TWebhookTrigger["source"], string]>([
    [{ kind: "integration", integration: "stripe", event: "invoice.paid" }, "Stripe · invoice.paid"],
    [{ kind: "integration", integration: "github", event: "*" }, "GitHub · any event"],
    [{ kind: "integration", integration: "stripe", event: "" }, "Stripe · ?"],
    [{ kind: "integration", integration: "", event: "*" }, "not chosen"],
    // An integration the catalog does not know (an older draft) is named as stored, not hidden.
    [{ kind: "integration", integration: "acme", event: "order.created" }, "acme · order.created"],
    [{ kind: "custom", name: "orders" }, "orders"],
    [{ kind: "custom", name: "" }, "unnamed"],
  ])("%j reads %s", (source, expected) => {
    expect(webhookSourceSummary(source)).toBe(expected);
  });

  it("is what both the canvas node and the Workflows page show", () => {
    const trigger = webhook({ kind: "integration", integration: "stripe", event: "invoice.paid" });
    expect(triggerSummary(trigger, [])).toBe("Webhook · Stripe · invoice.paid");
    expect(triggerLabel({ trigger, triggerAppEvent: null })).toEqual({ type: "Webhook", detail: "Stripe · invoice.paid" });
  });
});

describe("stepKindLine", () => {
  it.each<[string, "function" | "fan_out" | "request", string | null]>([
    // A new step is named after its type: the type shows once, as its name.
    ["Function", "function", null],
    ["Function 2", "function", null],
    ["Fan Out copy 3", "fan_out", null],
    ["fan out", "fan_out", null],
    // A name of the builder's own keeps the type line under it.
    ["Map the contact", "function", "Function"],
    ["Function to map", "function", "Function"],
    ["Post to the CRM", "request", "Request"],
  ])("%s (%s) shows %s", (name, type, expected) => {
    expect(stepKindLine({ name, type })).toBe(expected);
  });

  it("hides the type line of every newly added step", () => {
    const graph = { trigger: { type: "app_event" as const, appEventId: null }, steps: [], edges: [] };
    for (const type of ["request", "function", "conditional", "switch", "fan_out", "delay", "response"] as const) expect(stepKindLine(newStep(graph, type))).toBeNull();
  });
});

describe("stepSummary of a Conditional", () => {
  it("says its rule in words", () => {
    const graph = { trigger: { type: "app_event" as const, appEventId: null }, steps: [], edges: [] };
    const step = newStep(graph, "conditional");
    if (step.type !== "conditional") throw new Error("expected a conditional");
    const rule = { left: "{{ trigger.payload.amount }}", operator: "gte" as const, right: "10" };
    expect(stepSummary({ ...step, config: { condition: { combinator: "and", rules: [rule] } } })).toBe("{{ trigger.payload.amount }} greater than or equal to 10");
  });
});
