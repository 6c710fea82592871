"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { JsonEditor, type TJsonEditorMarker } from "@/components/editor/json-editor";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { deriveJsonSchema, findExampleMismatches, validateJsonSchema } from "@/lib/app-events/derive-json-schema";
import { type TAppEvent, type TJsonObject, type TValidationMode, type TWorkflowRef, VALIDATION_MODES, ZAppEvent, ZWorkflowRef } from "@/lib/schemas/app-event";
import { appEventsQueryKey, formatJson, parseJsonObject, VALIDATION_MODE_HELP, VALIDATION_MODE_LABELS } from "./app-event-format";
import { markerProblems, pointerProblems, ProblemList } from "./problem-list";

const STARTER_EXAMPLE: TJsonObject = { name: "Brandon", email: "brandon@example.com" };
// The editors shrink on short screens so the whole dialog fits a 900 px window (min 160 px, max 300 px).
const EDITOR_HEIGHT = "clamp(160px, calc(100dvh - 600px), 300px)";

type TAppEventDialogProps = {
  projectId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The event to edit, or null to create one. */
  appEvent: TAppEvent | null;
  /** Called with the saved event before the dialog closes (the workflow editor selects a new one). */
  onSaved?: (appEvent: TAppEvent) => void;
};

export function AppEventDialog({ projectId, open, onOpenChange, appEvent, onSaved }: TAppEventDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="max-w-3xl"
        title={appEvent ? `Edit “${appEvent.name}”` : "New App Event"}
        description="The example payload is the event's schema and the test data of every workflow it triggers."
        // Escape belongs to the code editor (it closes suggestions there); it must not discard the form.
        onEscapeKeyDown={(event) => {
          if (event.target instanceof Element && event.target.closest(".monaco-editor")) event.preventDefault();
        }}
      >
        <AppEventForm
          key={appEvent?.id ?? "new"}
          projectId={projectId}
          appEvent={appEvent}
          onDone={(saved) => {
            if (saved) onSaved?.(saved);
            onOpenChange(false);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function ErrorMark() {
  return (
    <>
      <CircleAlert aria-hidden="true" className="text-danger-600" />
      <span className="sr-only">(has errors)</span>
    </>
  );
}

const ZRenameConflict = ZWorkflowRef.array();
/** The 409 a rename gets when deployed workflows use the event (and only that one has this detail). */
function renameConflictOf(error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const parsed = ZRenameConflict.safeParse((error.details as { deployedWorkflows?: unknown } | undefined)?.deployedWorkflows);
  return parsed.success ? parsed.data : null;
}

function AppEventForm({ projectId, appEvent, onDone }: { projectId: string; appEvent: TAppEvent | null; onDone: (saved?: TAppEvent) => void }) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const initialExample = appEvent?.example ?? STARTER_EXAMPLE;
  const [name, setName] = useState(appEvent?.name ?? "");
  const [exampleText, setExampleText] = useState(() => formatJson(initialExample));
  // The schema follows the last example that parsed, until the builder edits it by hand.
  const [lastExample, setLastExample] = useState(initialExample);
  const [schemaOverride, setSchemaOverride] = useState<string | null>(() =>
    appEvent && formatJson(appEvent.jsonSchema) !== formatJson(deriveJsonSchema(appEvent.example)) ? formatJson(appEvent.jsonSchema) : null,
  );
  const [validationMode, setValidationMode] = useState<TValidationMode>(appEvent?.validationMode ?? "off");
  const [exampleMarkers, setExampleMarkers] = useState<TJsonEditorMarker[]>([]);
  const [schemaMarkers, setSchemaMarkers] = useState<TJsonEditorMarker[]>([]);
  const [tab, setTab] = useState("example");
  // The deployed workflows a rename affects, while the builder confirms it.
  const [renameConfirm, setRenameConfirm] = useState<TWorkflowRef[] | null>(null);

  const example = useMemo(() => parseJsonObject(exampleText, "example payload"), [exampleText]);
  const derivedText = useMemo(() => formatJson(deriveJsonSchema(lastExample)), [lastExample]);
  const schemaText = schemaOverride ?? derivedText;
  const schema = useMemo(() => parseJsonObject(schemaText, "JSON Schema"), [schemaText]);
  const schemaProblems = useMemo(() => (schema.value ? validateJsonSchema(schema.value) : []), [schema]);
  const mismatches = useMemo(
    () => (schema.value && example.value && schemaProblems.length === 0 ? findExampleMismatches(schema.value, example.value) : []),
    [schema, example, schemaProblems],
  );

  const trimmedName = name.trim();
  const exampleBlocked = example.problem;
  const schemaBlocked = schema.problem ?? (schemaProblems.length > 0 ? "The JSON Schema has problems; see the JSON Schema tab." : null);
  const blocked = !trimmedName ? "Enter a name." : exampleBlocked ? `${exampleBlocked} See the Example payload tab.` : schemaBlocked;

  const save = useMutation({
    mutationFn: (confirmRename: boolean) => {
      const body = {
        name: trimmedName,
        example: example.value,
        validationMode,
        // Left out, the server derives the schema from the example, exactly as shown here.
        ...(schemaOverride !== null ? { jsonSchema: schema.value } : {}),
      };
      return appEvent
        ? apiFetch(`/projects/${projectId}/app-events/${appEvent.id}`, ZAppEvent, { method: "PATCH", body: { ...body, ...(confirmRename ? { confirmRename } : {}) } })
        : apiFetch(`/projects/${projectId}/app-events`, ZAppEvent, { method: "POST", body });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: appEventsQueryKey(projectId) });
      toast({ title: appEvent ? `“${saved.name}” saved` : `“${saved.name}” created`, variant: "success" });
      onDone(saved);
    },
  });

  function submit() {
    if (blocked) return;
    const deployed = appEvent?.usage.deployedWorkflows ?? [];
    if (appEvent && trimmedName !== appEvent.name && deployed.length > 0) {
      setRenameConfirm(deployed);
      return;
    }
    save.mutate(false, { onError: (error) => setRenameConfirm(renameConflictOf(error)) });
  }

  const serverError = save.error && !renameConflictOf(save.error) ? save.error : null;
  const nameError = serverError instanceof ApiError && serverError.status === 409 ? serverError.message : undefined;
  const details = serverError instanceof ApiError && Array.isArray(serverError.details) ? (serverError.details as { path?: unknown; message?: unknown }[]) : [];

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Field id={`${id}-name`} label="Name" hint="What your app passes to switchyard.event(name, payload)." error={nameError}>
        <Input value={name} onChange={(event) => setName(event.target.value)} placeholder="Contact Created" maxLength={200} autoFocus={!appEvent} />
      </Field>

      <Tabs value={tab} onValueChange={setTab} className="mt-5">
        <TabsList aria-label="Payload and schema">
          <TabsTrigger value="example">
            Example payload
            {exampleBlocked && <ErrorMark />}
          </TabsTrigger>
          <TabsTrigger value="schema">
            JSON Schema
            {schemaBlocked && <ErrorMark />}
          </TabsTrigger>
        </TabsList>
        <TabsContent value="example" className="pt-3">
          <p id={`${id}-example-hint`} className="mb-2 text-xs text-neutral-500">
            A JSON object like the payloads your app will send. Workflows triggered by this event use it as test data.
          </p>
          <JsonEditor
            ariaLabel="Example payload (JSON)"
            height={EDITOR_HEIGHT}
            value={exampleText}
            schema={schemaOverride !== null && schemaProblems.length === 0 && schema.value ? schema.value : undefined}
            onChange={(text) => {
              setExampleText(text);
              const parsed = parseJsonObject(text, "example payload");
              if (parsed.value) setLastExample(parsed.value);
            }}
            onValidate={setExampleMarkers}
          />
          <ProblemList
            id={`${id}-example-problems`}
            problems={[...markerProblems(exampleMarkers), ...(exampleBlocked && exampleMarkers.length === 0 ? [{ text: exampleBlocked, severity: "error" as const }] : [])]}
          />
        </TabsContent>
        <TabsContent value="schema" className="pt-3">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <p className="text-xs text-neutral-500">
              {schemaOverride === null
                ? "Derived from the example: it follows your changes there. Edit it to tighten or loosen it."
                : "Edited by hand: changes to the example no longer update it."}
            </p>
            <Button type="button" variant="secondary" size="sm" disabled={schemaOverride === null} onClick={() => setSchemaOverride(null)}>
              <RotateCcw aria-hidden="true" /> Re-derive from example
            </Button>
          </div>
          <JsonEditor ariaLabel="JSON Schema of the payload" height={EDITOR_HEIGHT} value={schemaText} onChange={setSchemaOverride} onValidate={setSchemaMarkers} />
          <ProblemList
            id={`${id}-schema-problems`}
            problems={[
              ...markerProblems(schemaMarkers),
              ...(schema.problem && schemaMarkers.length === 0 ? [{ text: schema.problem, severity: "error" as const }] : []),
              ...pointerProblems(schemaProblems, { where: "Schema", severity: "error" }),
              ...pointerProblems(mismatches, { where: "The example payload does not match it", severity: "warning" }),
            ]}
          />
        </TabsContent>
      </Tabs>

      <div className="mt-5 flex flex-col gap-1.5">
        <label htmlFor={`${id}-mode`} className="text-sm font-medium text-neutral-800">
          Validation of live payloads
        </label>
        <select
          id={`${id}-mode`}
          aria-describedby={`${id}-mode-help`}
          className={cn(controlClasses, "h-9 py-1.5 sm:w-60")}
          value={validationMode}
          onChange={(event) => setValidationMode(event.target.value as TValidationMode)}
        >
          {VALIDATION_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {VALIDATION_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
        <ul id={`${id}-mode-help`} className="flex flex-col gap-0.5 text-xs text-neutral-500">
          {VALIDATION_MODES.map((mode) => (
            <li key={mode} className={mode === validationMode ? "text-neutral-800" : undefined}>
              <span className="font-medium">{VALIDATION_MODE_LABELS[mode]}:</span> {VALIDATION_MODE_HELP[mode]}
            </li>
          ))}
        </ul>
      </div>

      {serverError && !nameError && (
        <div role="alert" className="mt-5 rounded-md border border-danger-200 bg-danger-50 px-3 py-2 text-sm text-danger-800">
          <p>{serverError.message}</p>
          {details.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-xs">
              {details.map((detail, index) => (
                <li key={index}>
                  {String(detail.path ?? "")}: {String(detail.message ?? "")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {/* Sticky: on a short screen the dialog scrolls, and Save and the reason it is blocked stay in view. */}
      <DialogFooter className="sticky -bottom-6 -mx-6 -mb-6 border-t border-neutral-200 bg-white px-6 py-3 sm:items-center">
        {blocked && (
          <p id={`${id}-blocked`} role="status" className="text-xs text-danger-700 sm:mr-auto">
            Cannot save yet: {blocked}
          </p>
        )}
        <Button type="button" variant="secondary" onClick={() => onDone()}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending} disabled={blocked !== null} aria-describedby={blocked ? `${id}-blocked` : undefined}>
          {appEvent ? "Save changes" : "Create App Event"}
        </Button>
      </DialogFooter>

      <ConfirmDialog
        open={renameConfirm !== null}
        onOpenChange={(open) => !open && setRenameConfirm(null)}
        title={`Rename “${appEvent?.name}” to “${trimmedName}”?`}
        description={
          <div className="flex flex-col gap-2">
            <p>It starts {renameConfirm?.length === 1 ? "this deployed workflow" : "these deployed workflows"}:</p>
            <ul className="list-disc pl-5">
              {renameConfirm?.map((workflow) => (
                <li key={workflow.id}>
                  <Link href={`/${projectId}/workflows/${workflow.id}`} className="font-medium text-accent-700 hover:underline">
                    {workflow.name}
                  </Link>
                </li>
              ))}
            </ul>
            <p>
              They keep working (they reference the event by id), but your app must send “{trimmedName}” from then on; events
              sent as “{appEvent?.name}” will be refused.
            </p>
          </div>
        }
        confirmLabel="Rename"
        onConfirm={async () => {
          await save.mutateAsync(true);
        }}
      />
    </form>
  );
}
