"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { TStepOf } from "@/lib/schemas/workflow";
import { CodeEditor } from "../code-editor";
import { KeyValuesField, NumberInput, Select } from "./controls";
import { TemplateInput, useTemplateAssist } from "./template-input";

type TFormProps<T extends "function" | "fan_out" | "delay" | "response"> = {
  step: TStepOf<T>;
  onChange: (step: TStepOf<T>, key?: string) => void;
};

export function FunctionForm({ step, onChange }: TFormProps<"function">) {
  const { config } = step;
  // Code is not a template: only `params.`/`context.` completion applies, no underlining.
  const assist = useTemplateAssist("", config.params);
  return (
    <div className="flex flex-col gap-4">
      <KeyValuesField label="Parameters" pairs={config.params} onChange={(params) => onChange({ ...step, config: { ...config, params } })} valuePlaceholder="{{ steps.request_1.output }}" />
      <div className="flex flex-col gap-1.5">
        <p className="text-sm font-medium text-neutral-800">Code</p>
        <p className="text-xs text-neutral-500">Receives params and context; what it returns is the step&apos;s output.</p>
        <CodeEditor ariaLabel="Function code" height={300} value={config.code} onChange={(code) => onChange({ ...step, config: { ...config, code } }, "code")} completions={assist.completions} />
      </div>
    </div>
  );
}

export function FanOutForm({ step, onChange }: TFormProps<"fan_out">) {
  const { config } = step;
  return (
    <div className="flex flex-col gap-4">
      <Field id={`${step.id}-items`} label="Items" hint="A template that resolves to a list, e.g. {{ trigger.payload.items }}">
        <TemplateInput value={config.items} onChange={(items) => onChange({ ...step, config: { ...config, items } }, "items")} />
      </Field>
      <Field id={`${step.id}-concurrency`} label="Concurrency" hint="How many items run at once (1–50)">
        <NumberInput min={1} max={50} value={config.concurrency} onChange={(concurrency) => onChange({ ...step, config: { ...config, concurrency } }, "concurrency")} />
      </Field>
    </div>
  );
}

export function DelayForm({ step, onChange }: TFormProps<"delay">) {
  const { config } = step;
  return (
    <div className="flex gap-2">
      <Field id={`${step.id}-value`} label="Wait" className="flex-1">
        <NumberInput min={1} value={config.value} onChange={(value) => onChange({ ...step, config: { ...config, value } }, "value")} />
      </Field>
      <Field id={`${step.id}-unit`} label="Unit" className="flex-1">
        <Select value={config.unit} options={["seconds", "minutes", "hours", "days"] as const} onChange={(unit) => onChange({ ...step, config: { ...config, unit } })} />
      </Field>
    </div>
  );
}

export function ResponseForm({ step, onChange }: TFormProps<"response">) {
  const { config } = step;
  return (
    <div className="flex flex-col gap-4">
      <Field id={`${step.id}-status`} label="Status code">
        <NumberInput min={100} max={599} value={config.statusCode} onChange={(statusCode) => onChange({ ...step, config: { ...config, statusCode } }, "status")} />
      </Field>
      <KeyValuesField label="Headers" pairs={config.headers} onChange={(headers) => onChange({ ...step, config: { ...config, headers } })} />
      <Field id={`${step.id}-body`} label="Body">
        <TemplateInput multiline rows={6} className="font-mono text-xs" value={config.body} onChange={(body) => onChange({ ...step, config: { ...config, body } }, "body")} />
      </Field>
    </div>
  );
}
