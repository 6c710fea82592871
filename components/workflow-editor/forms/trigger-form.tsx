"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { AppEventDialog } from "@/components/app-events/app-event-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TAppEvent } from "@/lib/schemas/app-event";
import { ZHttpMethod, type TSchedule, type TTrigger } from "@/lib/schemas/workflow";
import { NumberInput, Select } from "./controls";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

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

function scheduleOf(every: TSchedule["every"], timezone: string | undefined): TSchedule {
  switch (every) {
    case "seconds":
      return { every, interval: 30, timezone };
    case "minutes":
      return { every, interval: 5, timezone };
    case "hourly":
      return { every, interval: 1, minute: 0, timezone };
    case "daily":
      return { every, interval: 1, time: "09:00", timezone };
    case "weekly":
      return { every, weekdays: [1], time: "09:00", timezone };
    case "cron":
      return { every, expression: "0 9 * * 1", timezone };
  }
}

export function TriggerForm({ projectId, trigger, onChange, appEvents }: { projectId: string; trigger: TTrigger; onChange: (trigger: TTrigger, key?: string) => void; appEvents: TAppEvent[] | undefined }) {
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
      {trigger.type === "schedule" && <ScheduleFields schedule={trigger.schedule} onChange={(schedule, key) => onChange({ ...trigger, schedule }, key)} />}
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

function ScheduleFields({ schedule, onChange }: { schedule: TSchedule; onChange: (schedule: TSchedule, key?: string) => void }) {
  return (
    <>
      <Field id="schedule-every" label="Every">
        <Select
          value={schedule.every}
          options={[{ value: "seconds", label: "N seconds" }, { value: "minutes", label: "N minutes" }, { value: "hourly", label: "Hours" }, { value: "daily", label: "Days" }, { value: "weekly", label: "Week (on days)" }, { value: "cron", label: "Cron expression" }]}
          onChange={(every) => onChange(scheduleOf(every, schedule.timezone))}
        />
      </Field>
      {"interval" in schedule && (
        <Field id="schedule-interval" label="Interval">
          <NumberInput min={1} value={schedule.interval} onChange={(interval) => onChange({ ...schedule, interval }, "interval")} />
        </Field>
      )}
      {schedule.every === "hourly" && (
        <Field id="schedule-minute" label="At minute">
          <NumberInput min={0} max={59} value={schedule.minute} onChange={(minute) => onChange({ ...schedule, minute }, "minute")} />
        </Field>
      )}
      {schedule.every === "weekly" && (
        <fieldset className="flex flex-wrap gap-2">
          <legend className="mb-1.5 text-sm font-medium text-neutral-800">On</legend>
          {WEEKDAYS.map((day, index) => (
            <label key={day} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={schedule.weekdays.includes(index)}
                onChange={(event) =>
                  onChange({ ...schedule, weekdays: event.target.checked ? [...schedule.weekdays, index].sort() : schedule.weekdays.filter((d) => d !== index) })
                }
              />
              {day}
            </label>
          ))}
        </fieldset>
      )}
      {(schedule.every === "daily" || schedule.every === "weekly") && (
        <Field id="schedule-time" label="At (HH:MM)">
          <Input type="time" value={schedule.time} onChange={(event) => onChange({ ...schedule, time: event.target.value }, "time")} />
        </Field>
      )}
      {schedule.every === "cron" && (
        <Field id="schedule-cron" label="Cron expression">
          <Input className="font-mono" value={schedule.expression} onChange={(event) => onChange({ ...schedule, expression: event.target.value }, "cron")} />
        </Field>
      )}
      <Field id="schedule-timezone" label="Time zone" hint="IANA name, e.g. Europe/Paris; empty for the project's zone">
        <Input value={schedule.timezone ?? ""} onChange={(event) => onChange({ ...schedule, timezone: event.target.value || undefined }, "timezone")} />
      </Field>
    </>
  );
}
