"use client";

// The schedule's policies, Temporal's semantics: what happens to ticks missed while no worker ran (catch-up), and
// to a tick that comes while the user's previous run is still going (overlap).
import { useState } from "react";
import { Label } from "@/components/ui/label";
import { MAX_CATCH_UP_TICKS, type TCatchUp, type TScheduleTrigger } from "@/lib/schemas/workflow";
import { catchUpWindowError, secondsOfWindow, windowInUnit, windowOfSeconds, type TWindowUnit } from "../schedule-format";
import { NumberInput, Select } from "./controls";

type TRadioOption<T extends string> = { value: T; label: string; hint: string };

const CATCH_UP_OPTIONS: TRadioOption<TCatchUp["policy"]>[] = [
  { value: "skip", label: "Skip them", hint: "Missed ticks are recorded as skipped; the schedule goes on from the next one." },
  { value: "once", label: "Run once", hint: "One run covers the whole missed period, at the latest missed tick." },
  { value: "all", label: "Run all within a window", hint: `Every missed tick inside the window runs, in order (at most ${MAX_CATCH_UP_TICKS.toLocaleString("en-US")}); older ones are skipped.` },
];

const OVERLAP_OPTIONS: TRadioOption<TScheduleTrigger["overlap"]>[] = [
  { value: "skip", label: "Skip", hint: "The user gets no run for this tick." },
  { value: "buffer_one", label: "Buffer one", hint: "The run starts when the previous one ends; at most one waits." },
  { value: "buffer_all", label: "Buffer all", hint: "Every such tick waits, and they start one after another." },
  { value: "allow_all", label: "Allow all", hint: "The run starts at once, alongside the previous one." },
];

function RadioGroup<T extends string>({ name, legend, value, options, onChange, children }: {
  name: string;
  legend: string;
  value: T;
  options: TRadioOption<T>[];
  onChange: (value: T) => void;
  /** Shown under the chosen option. */
  children?: (value: T) => React.ReactNode;
}) {
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-sm font-medium text-neutral-800">{legend}</legend>
      {options.map((option) => (
        <div key={option.value} className="flex flex-col gap-1.5">
          <label className="flex cursor-pointer items-start gap-2 text-sm text-neutral-800">
            <input type="radio" name={name} className="mt-1 accent-accent-600" checked={value === option.value} onChange={() => onChange(option.value)} />
            <span>
              {option.label}
              <span className="block text-xs text-neutral-500">{option.hint}</span>
            </span>
          </label>
          {value === option.value && children?.(option.value)}
        </div>
      ))}
    </fieldset>
  );
}

export function SchedulePolicyFields({ trigger, onChange }: { trigger: TScheduleTrigger; onChange: (trigger: TScheduleTrigger, key?: string) => void }) {
  const { catchUp } = trigger;
  return (
    <>
      <RadioGroup
        name="schedule-catch-up"
        legend="Ticks missed while no worker ran"
        value={catchUp.policy}
        options={CATCH_UP_OPTIONS}
        onChange={(policy) => onChange({ ...trigger, catchUp: { ...catchUp, policy } })}
      >
        {(policy) => policy === "all" && <CatchUpWindow seconds={catchUp.windowSeconds} onChange={(windowSeconds) => onChange({ ...trigger, catchUp: { ...catchUp, windowSeconds } }, "catch-up-window")} />}
      </RadioGroup>
      <RadioGroup
        name="schedule-overlap"
        legend="When the user's previous run is still going"
        value={trigger.overlap}
        options={OVERLAP_OPTIONS}
        onChange={(overlap) => onChange({ ...trigger, overlap })}
      />
    </>
  );
}

function CatchUpWindow({ seconds, onChange }: { seconds: number; onChange: (seconds: number) => void }) {
  // The unit is the builder's choice, not derived from the seconds: typing "60" minutes must not turn into "1" hour.
  const [unit, setUnit] = useState<TWindowUnit>(() => windowOfSeconds(seconds).unit);
  const shown = windowInUnit(seconds, unit);
  const error = catchUpWindowError(shown);
  return (
    <div className="ml-6 flex flex-col gap-1.5">
      <Label htmlFor="schedule-catch-up-window">Catch-up window</Label>
      <div className="flex gap-2">
        <div className="min-w-0 flex-1">
          <NumberInput
            id="schedule-catch-up-window"
            min={1}
            aria-describedby={error ? "schedule-catch-up-window-error" : undefined}
            aria-invalid={error ? true : undefined}
            value={shown.value}
            onChange={(value) => onChange(secondsOfWindow({ value, unit }))}
          />
        </div>
        <div className="w-28 shrink-0">
          <Select
            aria-label="Catch-up window unit"
            value={unit}
            options={["minutes", "hours"] as const}
            onChange={(next) => {
              setUnit(next);
              // The number stays as typed; only what it counts changes.
              onChange(secondsOfWindow({ value: shown.value, unit: next }));
            }}
          />
        </div>
      </div>
      {error && (
        <p id="schedule-catch-up-window-error" role="alert" className="text-xs font-medium text-danger-700">
          {error}
        </p>
      )}
    </div>
  );
}
