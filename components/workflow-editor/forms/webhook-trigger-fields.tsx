"use client";

// A webhook trigger's form: where deliveries come from (an integration from the catalog, with its common
// events, or a named custom webhook), then the endpoint they arrive at (webhook-endpoint-card.tsx).
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TWebhookTrigger } from "@/lib/schemas/workflow";
import { WEBHOOK_PRESETS, type TWebhookPresetIntegration } from "@/lib/schemas/webhook-presets";
import { ANY_WEBHOOK_EVENT } from "@/lib/workflows/deployed-trigger";
import { Select } from "./controls";
import { WebhookEndpointCard } from "./webhook-endpoint-card";

const PRESET_KEYS = Object.keys(WEBHOOK_PRESETS) as TWebhookPresetIntegration[];
const OTHER_EVENT = "__other__";

export function WebhookTriggerFields({ projectId, trigger, onChange, onTestData }: {
  projectId: string;
  trigger: TWebhookTrigger;
  onChange: (trigger: TWebhookTrigger, key?: string) => void;
  onTestData: (payload: unknown) => void;
}) {
  const source = trigger.source;
  const preset = source.kind === "integration" && Object.hasOwn(WEBHOOK_PRESETS, source.integration) ? WEBHOOK_PRESETS[source.integration as TWebhookPresetIntegration] : null;
  const known = preset?.commonEvents.some((event) => event.value === (source.kind === "integration" ? source.event : "")) ?? false;
  const eventChoice = source.kind !== "integration" ? "" : source.event === ANY_WEBHOOK_EVENT || known ? source.event : source.event === "" ? "" : OTHER_EVENT;
  return (
    <>
      <Field id="trigger-webhook-integration" label="Integration" hint={preset ? preset.signature : source.kind === "custom" ? "Any service that can POST to a URL; you choose how deliveries are verified." : undefined}>
        <Select
          value={source.kind === "custom" ? "custom" : source.integration}
          options={[
            { value: "", label: "Choose an integration…" },
            ...PRESET_KEYS.map((key) => ({ value: key, label: WEBHOOK_PRESETS[key].label })),
            { value: "custom", label: "Custom webhook" },
          ]}
          onChange={(value) =>
            onChange({ type: "webhook", source: value === "custom" ? { kind: "custom", name: "" } : { kind: "integration", integration: value, event: ANY_WEBHOOK_EVENT } })
          }
        />
      </Field>
      {source.kind === "custom" ? (
        <Field id="trigger-webhook-name" label="Webhook name" hint="Workflows on the same name share its endpoint URL.">
          <Input value={source.name} placeholder="orders" onChange={(event) => onChange({ type: "webhook", source: { kind: "custom", name: event.target.value } }, "webhook-name")} />
        </Field>
      ) : (
        preset && (
          <div className="flex flex-col gap-2">
            <Field id="trigger-webhook-event" label="Event">
              <Select
                value={eventChoice}
                options={[
                  { value: ANY_WEBHOOK_EVENT, label: "Any event" },
                  ...preset.commonEvents,
                  { value: OTHER_EVENT, label: "Another event…" },
                ]}
                onChange={(value) => onChange({ type: "webhook", source: { ...source, event: value === OTHER_EVENT ? "" : value } })}
              />
            </Field>
            {eventChoice === OTHER_EVENT || (eventChoice === "" && source.event === "") ? (
              <Field id="trigger-webhook-event-name" label="Event name" hint={eventHint(preset.eventType)}>
                <Input value={source.event} placeholder={preset.commonEvents[0]?.value ?? "event.type"} onChange={(event) => onChange({ type: "webhook", source: { ...source, event: event.target.value } }, "webhook-event")} />
              </Field>
            ) : null}
          </div>
        )
      )}
      {(source.kind === "custom" ? source.name.trim() !== "" : preset !== null) && (
        <WebhookEndpointCard
          projectId={projectId}
          integration={source.kind === "custom" ? "custom" : (source.integration as TWebhookPresetIntegration)}
          name={source.kind === "custom" ? source.name.trim() : ""}
          onTestData={onTestData}
        />
      )}
    </>
  );
}

function eventHint(eventType: (typeof WEBHOOK_PRESETS)[TWebhookPresetIntegration]["eventType"]): string {
  if (!eventType) return "As the provider names it.";
  return eventType.from === "header" ? `As the provider sends it in ${eventType.name}.` : `As the provider sends it in the body's ${eventType.path}.`;
}
