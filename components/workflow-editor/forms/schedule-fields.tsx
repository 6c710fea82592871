"use client";

// The schedule trigger's form: the six options and their fields (checked as the builder types), the zone, a
// preview of the next fire times, and the catch-up and overlap policies.
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { isZoneDependent } from "@/lib/schedules/schedule-times";
import type { TSchedule, TScheduleTrigger } from "@/lib/schemas/workflow";
import { usePreviewAnchor, useProjectTimeZone } from "../use-schedule";
import { NumberInput, Select } from "./controls";
import { INTERVALS, SCHEDULE_OPTIONS, scheduleFieldErrors, scheduleOf, WEEKDAYS } from "./schedule-options";
import { SchedulePolicyFields } from "./schedule-policy-fields";
import { SchedulePreview } from "./schedule-preview";
import { TimeZonePicker } from "@/components/ui/time-zone-picker";

const INTERVAL_HINTS: Record<keyof typeof INTERVALS, string> = {
  seconds: "A true interval: ticks are exactly this far apart, counted from the deploy.",
  minutes: "A true interval: ticks are exactly this far apart, counted from the deploy.",
  hourly: "The first tick is at the first such minute after the deploy, then every N hours.",
  daily: "Every N days at this time, counted from the day of the deploy.",
};

/** A number with its unit after it; Field gives the input its id and descriptions. */
function UnitNumberInput({ unit, ...props }: { unit: string; value: number; onChange: (value: number) => void; min: number; max: number; id?: string }) {
  return (
    <div className="flex items-center gap-2">
      <NumberInput {...props} />
      <span className="shrink-0 text-sm text-neutral-600">{unit}</span>
    </div>
  );
}

export function ScheduleFields({ projectId, workflowId, trigger, onChange }: {
  projectId: string;
  workflowId: string;
  trigger: TScheduleTrigger;
  onChange: (trigger: TScheduleTrigger, key?: string) => void;
}) {
  const projectZone = useProjectTimeZone(projectId);
  const anchor = usePreviewAnchor(projectId, workflowId);
  const { schedule } = trigger;
  const errors = scheduleFieldErrors(schedule);
  const set = (next: TSchedule, key?: string) => onChange({ ...trigger, schedule: next }, key);

  return (
    <>
      <Field id="schedule-every" label="Every">
        <Select value={schedule.every} options={SCHEDULE_OPTIONS} onChange={(every) => set(scheduleOf(every, schedule.timezone))} />
      </Field>
      {"interval" in schedule && (
        <Field id="schedule-interval" label="Interval" hint={INTERVAL_HINTS[schedule.every]} error={errors.interval}>
          <UnitNumberInput {...INTERVALS[schedule.every]} value={schedule.interval} onChange={(interval) => set({ ...schedule, interval }, "interval")} />
        </Field>
      )}
      {schedule.every === "hourly" && (
        <Field id="schedule-minute" label="At minute" error={errors.minute}>
          <NumberInput min={0} max={59} value={schedule.minute} onChange={(minute) => set({ ...schedule, minute }, "minute")} />
        </Field>
      )}
      {schedule.every === "weekly" && (
        <fieldset className="flex flex-col gap-1.5" aria-describedby={errors.weekdays ? "schedule-weekdays-error" : undefined}>
          <legend className="mb-1.5 text-sm font-medium text-neutral-800">On</legend>
          <div className="flex flex-wrap gap-x-3 gap-y-1.5">
            {WEEKDAYS.map((day, index) => (
              <label key={day} className="flex items-center gap-1.5 text-sm text-neutral-800">
                <input
                  type="checkbox"
                  className="size-4 accent-accent-600"
                  checked={schedule.weekdays.includes(index)}
                  onChange={(event) =>
                    set({ ...schedule, weekdays: event.target.checked ? [...schedule.weekdays, index].sort() : schedule.weekdays.filter((d) => d !== index) })
                  }
                />
                <abbr title={day} className="no-underline">
                  {day.slice(0, 3)}
                </abbr>
              </label>
            ))}
          </div>
          {errors.weekdays && (
            <p id="schedule-weekdays-error" role="alert" className="text-xs font-medium text-danger-700">
              {errors.weekdays}
            </p>
          )}
        </fieldset>
      )}
      {(schedule.every === "daily" || schedule.every === "weekly") && (
        <Field id="schedule-time" label="At (HH:MM)" hint="24-hour time in the zone below." error={errors.time}>
          <Input type="time" value={schedule.time} onChange={(event) => set({ ...schedule, time: event.target.value }, "time")} />
        </Field>
      )}
      {schedule.every === "cron" && (
        <Field
          id="schedule-cron"
          label="Cron expression"
          hint="5 fields (minute hour day month weekday), or 6 with seconds first, e.g. */10 * * * * *."
          error={errors.expression}
        >
          <Input className="font-mono" spellCheck={false} value={schedule.expression} onChange={(event) => set({ ...schedule, expression: event.target.value }, "cron")} />
        </Field>
      )}
      <Field
        id="schedule-timezone"
        label="Time zone"
        hint={isZoneDependent(schedule) ? "A user whose metadata names a valid timezone gets ticks in that zone." : "Intervals do not depend on the zone; it sets how their times read."}
      >
        <TimeZonePicker
          value={schedule.timezone}
          defaultLabel={projectZone ? `Project default (${projectZone})` : "Project default"}
          onChange={(timezone) => set({ ...schedule, timezone })}
        />
      </Field>
      <SchedulePreview schedule={schedule} timezone={schedule.timezone ?? projectZone ?? "UTC"} anchor={anchor} />
      <p className="text-xs text-neutral-500">
        Steps read the tick as <code className="font-mono">{"{{ trigger.scheduledAt }}"}</code>, <code className="font-mono">{"{{ trigger.previousScheduledAt }}"}</code> (empty
        on the first tick) and <code className="font-mono">{"{{ trigger.timezone }}"}</code>.
      </p>
      <SchedulePolicyFields trigger={trigger} onChange={onChange} />
    </>
  );
}
