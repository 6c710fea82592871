"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { AppEventDialog } from "@/components/app-events/app-event-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TAppEvent } from "@/lib/schemas/app-event";
import { ZHttpMethod, type TTrigger } from "@/lib/schemas/workflow";
import { Select } from "./controls";
import { ScheduleFields } from "./schedule-fields";

function triggerOfType(type: TTrigger["type"]): TTrigger {
  switch (type) {
    case "app_event":
      return { type, appEventId: null };
    case "schedule":
      return { type, schedule: { every: "minutes", interval: 5 }, catchUp: { policy: "skip", windowSeconds: 3600 }, overlap: "skip" };
    case "webhook":
      return { type, source: { kind: "custom", name: "" } };
    case "request":
      return { type, method: "POST" };
  }
}

export function TriggerForm({ projectId, workflowId, trigger, onChange, appEvents }: {
  projectId: string;
  workflowId: string;
  trigger: TTrigger;
  onChange: (trigger: TTrigger, key?: string) => void;
  appEvents: TAppEvent[] | undefined;
}) {
  const [creating, setCreating] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <Field id="trigger-type" label="Starts when">
        <Select
          value={trigger.type}
          options={[{ value: "app_event", label: "An App Event is sent" }, { value: "schedule", label: "On a schedule" }, { value: "webhook", label: "A webhook arrives" }, { value: "request", label: "A request is made" }]}
          onChange={(type) => onChange(triggerOfType(type))}
        />
      </Field>
      {trigger.type === "app_event" && (
        <div className="flex flex-col gap-2">
          <Field id="trigger-app-event" label="App Event" hint={appEvents?.length === 0 ? "This project has no App Events yet: create the first one here." : undefined}>
            <Select
              value={trigger.appEventId ?? ""}
              options={[{ value: "", label: appEvents ? "Choose an App Event…" : "Loading…" }, ...(appEvents ?? []).map((event) => ({ value: event.id, label: event.name }))]}
              onChange={(id) => onChange({ type: "app_event", appEventId: id === "" ? null : id })}
            />
          </Field>
          <Button type="button" variant="secondary" size="sm" className="self-start" onClick={() => setCreating(true)}>
            <Plus aria-hidden /> Create new App Event
          </Button>
          <AppEventDialog
            projectId={projectId}
            open={creating}
            onOpenChange={setCreating}
            appEvent={null}
            onSaved={(created) => onChange({ type: "app_event", appEventId: created.id })}
          />
        </div>
      )}
      {trigger.type === "schedule" && <ScheduleFields projectId={projectId} workflowId={workflowId} trigger={trigger} onChange={onChange} />}
      {trigger.type === "webhook" && (
        <>
          <Field id="trigger-webhook-kind" label="Source">
            <Select
              value={trigger.source.kind}
              options={[{ value: "custom", label: "Custom webhook" }, { value: "integration", label: "Integration" }]}
              onChange={(kind) => onChange({ type: "webhook", source: kind === "custom" ? { kind, name: "" } : { kind, integration: "", event: "" } })}
            />
          </Field>
          {trigger.source.kind === "custom" ? (
            <Field id="trigger-webhook-name" label="Name">
              <Input value={trigger.source.name} onChange={(event) => onChange({ type: "webhook", source: { kind: "custom", name: event.target.value } }, "webhook")} />
            </Field>
          ) : (
            <div className="flex gap-2">
              <Field id="trigger-webhook-integration" label="Integration" className="flex-1">
                <Input value={trigger.source.integration} placeholder="stripe" onChange={(event) => trigger.source.kind === "integration" && onChange({ type: "webhook", source: { ...trigger.source, integration: event.target.value } }, "integration")} />
              </Field>
              <Field id="trigger-webhook-event" label="Event" className="flex-1">
                <Input value={trigger.source.event} placeholder="invoice.paid" onChange={(event) => trigger.source.kind === "integration" && onChange({ type: "webhook", source: { ...trigger.source, event: event.target.value } }, "event")} />
              </Field>
            </div>
          )}
        </>
      )}
      {trigger.type === "request" && (
        <Field id="trigger-method" label="Method">
          <Select value={trigger.method} options={ZHttpMethod.options} onChange={(method) => onChange({ type: "request", method })} />
        </Field>
      )}
    </div>
  );
}
