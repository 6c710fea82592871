"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { AppEventDialog } from "@/components/app-events/app-event-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TAppEvent } from "@/lib/schemas/app-event";
import type { TTrigger } from "@/lib/schemas/workflow";
import { Select } from "./controls";
import { RequestTriggerFields } from "./request-trigger-fields";
import { ScheduleFields } from "./schedule-fields";
import { WebhookTriggerFields } from "./webhook-trigger-fields";
import { ANY_WEBHOOK_EVENT } from "@/lib/workflows/deployed-trigger";

function triggerOfType(type: TTrigger["type"]): TTrigger {
  switch (type) {
    case "app_event":
      return { type, appEventId: null };
    case "schedule":
      return { type, schedule: { every: "minutes", interval: 5 }, catchUp: { policy: "skip", windowSeconds: 3600 }, overlap: "skip" };
    case "webhook":
      return { type, source: { kind: "integration", integration: "github", event: ANY_WEBHOOK_EVENT } };
    case "request":
      return { type, method: "POST" };
  }
}

export function TriggerForm({ projectId, workflowId, trigger, onChange, appEvents, onTestData }: {
  projectId: string;
  workflowId: string;
  trigger: TTrigger;
  onChange: (trigger: TTrigger, key?: string) => void;
  appEvents: TAppEvent[] | undefined;
  /** Replaces the trigger's test data (a captured webhook delivery's payload). */
  onTestData: (payload: unknown) => void;
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
      {trigger.type === "webhook" && <WebhookTriggerFields projectId={projectId} trigger={trigger} onChange={onChange} onTestData={onTestData} />}
      {trigger.type === "request" && <RequestTriggerFields projectId={projectId} workflowId={workflowId} trigger={trigger} onChange={onChange} />}
    </div>
  );
}
