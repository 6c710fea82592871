import { describe, expect, it } from "vitest";
import type { TWebhookTrigger } from "@/lib/schemas/workflow";
import { triggerLabel } from "@/components/workflows/workflow-format";
import { triggerSummary, webhookSourceSummary } from "./node-meta";

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
