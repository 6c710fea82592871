"use client";

// The Request trigger's form: the URL the SaaS app calls (with a curl example), how long a call waits for the
// Response step, and the optional JSON Schemas each part of a call must match (checked as the builder types).
import { useEffect, useState } from "react";
import { JsonEditor } from "@/components/editor/json-editor";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { REQUEST_PARTS, REQUEST_TRIGGER_TIMEOUT_DEFAULT_SECONDS, REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS, type TRequestPart, type TRequestTrigger } from "@/lib/schemas/workflow";
import { requestSchemaProblems } from "@/lib/workflows/request-trigger-schemas";
import { CheckboxField } from "./controls";

const PART_LABELS: Record<TRequestPart, { label: string; hint: string; example: object }> = {
  body: { label: "Validate the body", hint: "The JSON body, {{trigger.body}}.", example: { type: "object", properties: { email: { type: "string", format: "email" } }, required: ["email"] } },
  query: { label: "Validate the query parameters", hint: "{{trigger.query}}: each value a string, a repeated parameter an array of strings.", example: { type: "object", properties: { page: { type: "string", pattern: "^[0-9]+$" } } } },
  headers: { label: "Validate the headers", hint: "{{trigger.headers}}: names in lower case, values strings.", example: { type: "object", required: ["x-api-version"] } },
};

/** The page's origin, once mounted (the server cannot know what the browser reached it at). */
function useOrigin(): string {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return origin;
}

export function RequestTriggerFields({ projectId, workflowId, trigger, onChange }: {
  projectId: string;
  workflowId: string;
  trigger: TRequestTrigger;
  onChange: (trigger: TRequestTrigger, key?: string) => void;
}) {
  const url = `${useOrigin()}/projects/${projectId}/sdk/triggers/${workflowId}`;
  const curl = `curl -X POST '${url}' \\\n  -H 'Authorization: Bearer <user token>' -H 'content-type: application/json' \\\n  -d '{"email":"brandon@example.com"}'`;
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <p className="text-sm font-medium text-neutral-800">URL to call</p>
        <div className="flex items-center gap-1.5">
          <Input readOnly aria-label="URL to call" value={url} className="font-mono text-xs" onFocus={(event) => event.target.select()} />
          <CopyButton value={url} iconOnly label="Copy the URL" />
        </div>
        <p className="text-xs text-neutral-500">
          POST, with the user&apos;s token as <code>Authorization: Bearer</code>; or <code>switchyard.workflow(&quot;{workflowId}&quot;, {"{ body, query, headers }"})</code> from the SDK.
          The run gets the body, query and headers as <code>{"{{trigger.body}}"}</code>, <code>{"{{trigger.query}}"}</code> and <code>{"{{trigger.headers}}"}</code>.
        </p>
        <div className="relative">
          <pre className="overflow-x-auto rounded-md bg-neutral-900 p-3 pr-12 text-xs text-neutral-100">{curl}</pre>
          <div className="absolute top-1.5 right-1.5">
            <CopyButton value={curl} iconOnly label="Copy the curl example" variant="ghost" />
          </div>
        </div>
      </div>
      <TimeoutField trigger={trigger} onChange={onChange} />
      {REQUEST_PARTS.map((part) => (
        <SchemaField key={part} part={part} trigger={trigger} onChange={onChange} />
      ))}
    </>
  );
}

/** Kept as typed while it is not a whole number of seconds in range; the trigger only ever holds a valid one. */
function TimeoutField({ trigger, onChange }: { trigger: TRequestTrigger; onChange: (trigger: TRequestTrigger, key?: string) => void }) {
  const [text, setText] = useState(trigger.timeoutSeconds === undefined ? "" : String(trigger.timeoutSeconds));
  const seconds = Number(text);
  const valid = text === "" || (Number.isInteger(seconds) && seconds >= 1 && seconds <= REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS);
  return (
    <Field
      id="trigger-timeout"
      label="Wait for the Response step (seconds)"
      hint={`Then the caller gets 504 with the run's id and status URL, and the run goes on. ${REQUEST_TRIGGER_TIMEOUT_DEFAULT_SECONDS} when left empty.`}
      error={valid ? undefined : `Enter a whole number of seconds from 1 to ${REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS}`}
    >
      <Input
        type="number"
        inputMode="numeric"
        min={1}
        max={REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS}
        placeholder={String(REQUEST_TRIGGER_TIMEOUT_DEFAULT_SECONDS)}
        value={text}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const value = Number(next);
          const rest = { ...trigger };
          delete rest.timeoutSeconds;
          if (next === "") onChange(rest, "timeout");
          else if (Number.isInteger(value) && value >= 1 && value <= REQUEST_TRIGGER_TIMEOUT_MAX_SECONDS) onChange({ ...rest, timeoutSeconds: value }, "timeout");
        }}
      />
    </Field>
  );
}

function SchemaField({ part, trigger, onChange }: { part: TRequestPart; trigger: TRequestTrigger; onChange: (trigger: TRequestTrigger, key?: string) => void }) {
  const field = `${part}Schema` as const;
  const schema = trigger[field];
  const { label, hint, example } = PART_LABELS[part];
  // The text as typed, while it belongs to the schema the trigger holds (an undo replaces both).
  const [edit, setEdit] = useState<{ text: string; basis: unknown } | null>(null);
  const text = edit && edit.basis === schema ? edit.text : JSON.stringify(schema ?? example, null, 2);
  const unparsed = parseObject(text) === null;
  const without = () => {
    const rest = { ...trigger };
    delete rest[field];
    return rest;
  };
  const problems = schema ? requestSchemaProblems(part, schema) : [];
  return (
    <div className="flex flex-col gap-1.5">
      <CheckboxField
        id={`trigger-${part}-schema`}
        label={label}
        hint={schema ? `${hint} A call that does not match is refused with 422 and the paths that do not.` : hint}
        checked={schema !== undefined}
        onChange={(checked) => {
          if (!checked) return onChange(without(), field);
          onChange({ ...trigger, [field]: example as TPartSchema }, field);
          setEdit(null);
        }}
      />
      {schema !== undefined && (
        <>
          <JsonEditor
            ariaLabel={`${part} JSON Schema`}
            height={180}
            value={text}
            onChange={(next) => {
              const parsed = parseObject(next);
              setEdit({ text: next, basis: parsed ?? schema });
              if (parsed) onChange({ ...trigger, [field]: parsed }, field);
            }}
          />
          {unparsed && (
            <p role="alert" className="text-xs font-medium text-danger-700">
              Not a JSON object: the last valid schema stays saved.
            </p>
          )}
          {problems.map((problem) => (
            <p key={`${problem.path} ${problem.message}`} role="alert" className="text-xs font-medium text-danger-700">
              {problem.path ? `${problem.path}: ` : ""}
              {problem.message}
            </p>
          ))}
        </>
      )}
    </div>
  );
}

type TPartSchema = NonNullable<TRequestTrigger["bodySchema"]>;

function parseObject(text: string): TPartSchema | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as TPartSchema) : null;
  } catch {
    return null;
  }
}
