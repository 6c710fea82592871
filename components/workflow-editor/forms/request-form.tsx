"use client";

import { JsonEditor } from "@/components/editor/json-editor";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { REQUEST_TIMEOUT_MAX_MS, ZHttpMethod, type TStepOf } from "@/lib/schemas/workflow";
import { CheckboxField, KeyValuesField, NumberInput, Select } from "./controls";
import { TemplateInput, useTemplateAssist } from "./template-input";

type TRequestStep = TStepOf<"request">;
type TConfig = TRequestStep["config"];
type TBody = TConfig["body"];
type TAuth = TConfig["auth"];

function bodyOfKind(kind: TBody["kind"]): TBody {
  switch (kind) {
    case "none":
      return { kind };
    case "json":
      return { kind, json: "{\n  \n}" };
    case "form":
      return { kind, fields: [] };
    case "raw":
      return { kind, contentType: "text/plain", text: "" };
  }
}

function authOfType(type: TAuth["type"]): TAuth {
  if (type === "basic") return { type, username: "", password: "" };
  if (type === "bearer") return { type, token: "" };
  return { type };
}

export function RequestForm({ step, onChange }: { step: TRequestStep; onChange: (step: TRequestStep, key?: string) => void }) {
  const { config } = step;
  const set = (patch: Partial<TConfig>, key?: string) => onChange({ ...step, config: { ...config, ...patch } }, key);
  const { body, auth } = config;
  const jsonAssist = useTemplateAssist(body.kind === "json" ? body.json : "");
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-start gap-2">
        <Select aria-label="Method" className="w-28! shrink-0" value={config.method} options={ZHttpMethod.options} onChange={(method) => set({ method })} />
        <TemplateInput aria-label="URL" placeholder="https://api.example.com/{{ trigger.payload.id }}" value={config.url} onChange={(url) => set({ url }, "url")} />
      </div>
      <KeyValuesField label="Headers" pairs={config.headers} onChange={(headers) => set({ headers })} />
      <KeyValuesField label="Query parameters" pairs={config.query} onChange={(query) => set({ query })} />
      <Field id={`${step.id}-body-kind`} label="Body">
        <Select value={body.kind} options={[{ value: "none", label: "None" }, { value: "json", label: "JSON" }, { value: "form", label: "Form fields" }, { value: "raw", label: "Raw text" }]} onChange={(kind) => set({ body: bodyOfKind(kind) })} />
      </Field>
      {body.kind === "json" && <JsonEditor ariaLabel="JSON body" height={220} value={body.json} onChange={(json) => set({ body: { kind: "json", json } }, "body")} completions={jsonAssist.completions} templateProblems={jsonAssist.problems} />}
      {body.kind === "form" && <KeyValuesField label="Form fields" pairs={body.fields} onChange={(fields) => set({ body: { kind: "form", fields } })} />}
      {body.kind === "raw" && (
        <>
          <Field id={`${step.id}-content-type`} label="Content type">
            <Input value={body.contentType} onChange={(event) => set({ body: { ...body, contentType: event.target.value } }, "contentType")} />
          </Field>
          <Field id={`${step.id}-raw`} label="Text">
            <TemplateInput multiline rows={6} value={body.text} onChange={(text) => set({ body: { ...body, text } }, "raw")} />
          </Field>
        </>
      )}
      <Field id={`${step.id}-auth`} label="Authentication">
        <Select value={auth.type} options={[{ value: "none", label: "None" }, { value: "basic", label: "Basic" }, { value: "bearer", label: "Bearer token" }]} onChange={(type) => set({ auth: authOfType(type) })} />
      </Field>
      {auth.type === "basic" && (
        <div className="flex items-start gap-2">
          <TemplateInput aria-label="Username" placeholder="Username" value={auth.username} onChange={(username) => set({ auth: { ...auth, username } }, "username")} />
          <TemplateInput aria-label="Password" placeholder="Password" value={auth.password} onChange={(password) => set({ auth: { ...auth, password } }, "password")} />
        </div>
      )}
      {auth.type === "bearer" && (
        <Field id={`${step.id}-token`} label="Token">
          <TemplateInput value={auth.token} placeholder="{{ settings.apiToken }}" onChange={(token) => set({ auth: { ...auth, token } }, "token")} />
        </Field>
      )}
      <Field id={`${step.id}-timeout`} label="Timeout (ms)" hint={`For the whole request, answer included: between 1 and ${REQUEST_TIMEOUT_MAX_MS.toLocaleString("en-US")}`}>
        <NumberInput min={1} max={REQUEST_TIMEOUT_MAX_MS} value={config.timeoutMs} onChange={(timeoutMs) => set({ timeoutMs }, "timeout")} />
      </Field>
      <CheckboxField
        id={`${step.id}-idempotency-key`}
        label="Send an Idempotency-Key header"
        hint="The same key on every re-send of one attempt, so the receiver can ignore duplicates. A header of your own with that name wins."
        checked={config.idempotencyKey}
        onChange={(idempotencyKey) => set({ idempotencyKey })}
      />
    </div>
  );
}
