"use client";

// Small form pieces shared by the step forms.
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses, Input } from "@/components/ui/input";
import type { TKeyValue } from "@/lib/schemas/workflow";
import { TemplateInput } from "./template-input";

export function Select<T extends string>({ value, options, onChange, className, ...props }: {
  value: T;
  options: readonly (T | { value: T; label: string })[];
  onChange: (value: T) => void;
  className?: string;
  id?: string;
  "aria-label"?: string;
}) {
  return (
    <select
      {...props}
      value={value}
      onChange={(event) => onChange(event.target.value as T)}
      className={cn(controlClasses, "h-9 py-1.5", className)}
    >
      {options.map((option) => {
        const item = typeof option === "string" ? { value: option, label: option } : option;
        return (
          <option key={item.value} value={item.value}>
            {item.label}
          </option>
        );
      })}
    </select>
  );
}

export function KeyValuesField({ label, pairs, onChange, keyPlaceholder = "Name", valuePlaceholder = "Value" }: {
  label: string;
  pairs: TKeyValue[];
  onChange: (pairs: TKeyValue[]) => void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
}) {
  const set = (index: number, pair: TKeyValue) => onChange(pairs.map((current, i) => (i === index ? pair : current)));
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1.5 text-sm font-medium text-neutral-800">{label}</legend>
      {pairs.map((pair, index) => (
        <div key={index} className="flex items-start gap-1.5">
          {/* A fixed share for the name: as a w-full flex item it took the row and left the value a 50 px box. */}
          <div className="w-1/3 shrink-0">
            <Input aria-label={`${label} ${index + 1} name`} placeholder={keyPlaceholder} value={pair.key} onChange={(event) => set(index, { ...pair, key: event.target.value })} />
          </div>
          <TemplateInput aria-label={`${label} ${index + 1} value`} placeholder={valuePlaceholder} value={pair.value} onChange={(value) => set(index, { ...pair, value })} />
          <Button type="button" variant="ghost" size="sm" aria-label={`Remove ${label} ${index + 1}`} onClick={() => onChange(pairs.filter((_, i) => i !== index))}>
            <Trash2 aria-hidden />
          </Button>
        </div>
      ))}
      <Button type="button" variant="ghost" size="sm" className="self-start" onClick={() => onChange([...pairs, { key: "", value: "" }])}>
        <Plus aria-hidden /> Add
      </Button>
    </fieldset>
  );
}

export function NumberInput({ value, onChange, ...props }: { value: number; onChange: (value: number) => void; id?: string; min?: number; max?: number; "aria-label"?: string }) {
  return (
    <Input
      type="number"
      inputMode="numeric"
      {...props}
      value={Number.isFinite(value) ? value : ""}
      onChange={(event) => onChange(event.target.value === "" ? Number.NaN : Math.trunc(Number(event.target.value)))}
    />
  );
}

export function CheckboxField({ id, label, hint, checked, onChange }: { id: string; label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-neutral-800">
        <input id={id} type="checkbox" className="size-4 accent-accent-600" aria-describedby={hintId} checked={checked} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-xs text-neutral-500">
          {hint}
        </p>
      )}
    </div>
  );
}
