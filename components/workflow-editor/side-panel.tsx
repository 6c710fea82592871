"use client";

import { Copy, CopyPlus, Trash2, TriangleAlert, X } from "lucide-react";
import { useEffect, useMemo } from "react";
import { JsonEditor } from "@/components/editor/json-editor";
import { STEP_TYPE_LABELS } from "@/components/runs/run-format";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { TWorkflowProblem } from "@/lib/engine/validate-workflow";
import type { TAppEvent } from "@/lib/schemas/app-event";
import type { TStep } from "@/lib/schemas/workflow";
import type { TTestStepResult } from "@/lib/schemas/workflow-api";
import { ConditionalForm, SwitchForm } from "./forms/condition-fields";
import { RequestForm } from "./forms/request-form";
import { DelayForm, FanOutForm, FunctionForm, ResponseForm } from "./forms/simple-forms";
import { VariablesContext } from "./forms/template-input";
import { TriggerForm } from "./forms/trigger-form";
import { replaceStep } from "./graph-ops";
import { ScheduleStatus } from "./schedule-status";
import { StepTest } from "./step-test";
import type { TPanelLayout } from "./panel-layout";
import { problemLines } from "./problem-labels";
import { CollapsePanelButton, ResizablePanel } from "./resizable-panel";
import { TestResult } from "./test-result";
import { upstreamStepIds } from "./variables";
import { useProjectTimeZone } from "./use-schedule";
import type { useTestRun } from "./use-test-run";
import type { TDraft } from "./use-workflow-draft";

type TSidePanelProps = {
  projectId: string;
  workflowId: string;
  /** Saves the draft now; false when it could not be saved. */
  flush: () => Promise<boolean>;
  stepResults: ReadonlyMap<string, TTestStepResult>;
  onStepResult: (stepId: string, result: TTestStepResult) => void;
  nodeId: string;
  draft: TDraft;
  update: (change: (draft: TDraft) => TDraft, key?: string) => void;
  appEvents: TAppEvent[] | undefined;
  problems: TWorkflowProblem[];
  testRun: ReturnType<typeof useTestRun>;
  testData: string;
  /** The test data parsed, or undefined while it is not valid JSON. */
  testPayload: { value: unknown } | undefined;
  /** null resets the test data to the App Event's example. */
  onTestDataChange: (text: string | null) => void;
  onClose: () => void;
  onDelete: () => void;
  onCopy: () => void;
  onDuplicate: () => void;
  layout: TPanelLayout;
  onLayoutChange: (layout: TPanelLayout) => void;
};

/** The form for the selected trigger or step, its problems, and what the last test run did there. */
export function SidePanel(props: TSidePanelProps) {
  const { nodeId, draft, update, onClose } = props;
  const step = draft.graph.steps.find((candidate) => candidate.id === nodeId);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape" && !event.defaultPrevented && !(event.target instanceof HTMLElement && event.target.closest(".monaco-editor, [role=menu], [role=dialog], [role=alertdialog]"))) onClose();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onClose]);

  const { testPayload, testRun, stepResults } = props;
  const outputs = useMemo(() => latestOutputs(testRun.attemptsByStep, stepResults), [testRun.attemptsByStep, stepResults]);
  const projectTimeZone = useProjectTimeZone(props.projectId);
  const variableSources = useMemo(
    () => ({ graph: draft.graph, stepId: nodeId, testPayload: testPayload?.value, outputs, projectTimeZone }),
    [draft.graph, nodeId, testPayload, outputs, projectTimeZone],
  );

  const setStep = (next: TStep, key?: string) => update((current) => ({ ...current, graph: replaceStep(current.graph, next) }), key && `${next.id}:${key}`);

  return (
    <ResizablePanel label={step ? `Step ${step.name}` : "Trigger"} title={step ? step.name : "Trigger"} layout={props.layout} onLayoutChange={props.onLayoutChange}>
      <div className="flex items-center gap-2 border-b border-neutral-200 px-4 py-2.5">
        <div className="min-w-0 flex-1">
          <p className="text-xs text-neutral-500">{step ? `${STEP_TYPE_LABELS[step.type]} step · id ${step.id}` : "Trigger"}</p>
          <h2 className="truncate text-sm font-semibold text-neutral-900">{step ? step.name : "What starts this workflow"}</h2>
        </div>
        {step && (
          <>
            <Button variant="ghost" size="sm" aria-label="Copy step" title="Copy step (Ctrl+C)" onClick={props.onCopy}>
              <Copy aria-hidden />
            </Button>
            <Button variant="ghost" size="sm" aria-label="Duplicate step" title="Duplicate step (Ctrl+D)" onClick={props.onDuplicate}>
              <CopyPlus aria-hidden />
            </Button>
            <Button variant="ghost" size="sm" aria-label="Delete step" title="Delete step (Delete)" onClick={props.onDelete}>
              <Trash2 aria-hidden />
            </Button>
          </>
        )}
        <CollapsePanelButton layout={props.layout} onLayoutChange={props.onLayoutChange} />
        <Button variant="ghost" size="sm" aria-label="Close panel" title="Close (Escape)" onClick={onClose}>
          <X aria-hidden />
        </Button>
      </div>
      <VariablesContext.Provider value={variableSources}>
      <div className="flex flex-1 flex-col gap-5 overflow-y-auto p-4">
        {props.problems.length > 0 && (
          <ul role="list" aria-label="Problems" className="flex flex-col gap-1 rounded-md border border-warning-300 bg-warning-50 p-2.5 text-xs text-warning-900">
            {problemLines(draft.graph, props.problems).map((problem, index) => (
              <li key={index} className="flex gap-1.5">
                <TriangleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0" />
                <span>
                  {problem.field && <><strong className="font-medium">{problem.field}:</strong>{" "}</>}
                  {problem.message}
                </span>
              </li>
            ))}
          </ul>
        )}
        {step ? (
          <>
            <Field id={`${step.id}-name`} label="Name">
              <Input value={step.name} maxLength={100} onChange={(event) => setStep({ ...step, name: event.target.value }, "name")} />
            </Field>
            <StepForm step={step} onChange={setStep} />
            <StepTest
              projectId={props.projectId}
              workflowId={props.workflowId}
              step={step}
              flush={props.flush}
              testPayload={testPayload}
              outputs={outputs}
              upstream={upstreamStepIds(draft.graph, step.id)}
              result={stepResults.get(step.id)}
              onResult={(result) => props.onStepResult(step.id, result)}
            />
          </>
        ) : (
          <TriggerTabs projectId={props.projectId} workflowId={props.workflowId} schedule={draft.graph.trigger.type === "schedule"}>
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1 text-sm font-medium text-neutral-800">Runs for</legend>
              {[
                { value: true, label: "Every connected user", hint: "Live as soon as it is saved, for the deployed version." },
                { value: false, label: "Only users who switch it on", hint: "In the Connect Portal, or through the users API." },
              ].map((option) => (
                <label key={String(option.value)} className="flex cursor-pointer items-start gap-2 text-sm text-neutral-800">
                  <input
                    type="radio"
                    name="runs-for"
                    className="mt-1 accent-accent-600"
                    checked={draft.enabledForAllUsers === option.value}
                    onChange={() => update((current) => ({ ...current, enabledForAllUsers: option.value }))}
                  />
                  <span>
                    {option.label}
                    <span className="block text-xs text-neutral-500">{option.hint}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <TriggerForm projectId={props.projectId} workflowId={props.workflowId} trigger={draft.graph.trigger} appEvents={props.appEvents} onTestData={(payload) => props.onTestDataChange(JSON.stringify(payload, null, 2))} onChange={(trigger, key) => update((current) => ({ ...current, graph: { ...current.graph, trigger } }), key && `trigger:${key}`)} />
            {draft.graph.trigger.type === "schedule" ? (
              <div className="flex flex-col gap-1.5">
                <p className="text-sm font-medium text-neutral-800">Test data</p>
                <p className="text-xs text-neutral-500">
                  A schedule&apos;s runs have no payload. “Test workflow” and “Test step” run with a sample tick: <code>trigger.scheduledAt</code> is the schedule&apos;s
                  second fire time from now, <code>trigger.previousScheduledAt</code> its first, and <code>trigger.timezone</code> its zone.
                </p>
              </div>
            ) : (
              <div className="flex flex-col gap-1.5">
                <div className="flex items-center justify-between gap-2">
                  <p className="text-sm font-medium text-neutral-800">Test data</p>
                  {draft.graph.testData !== undefined && (
                    <Button variant="ghost" size="sm" onClick={() => props.onTestDataChange(null)}>
                      {draft.graph.trigger.type === "request" ? "Reset" : <>Reset to the event&apos;s example</>}
                    </Button>
                  )}
                </div>
                <p className="text-xs text-neutral-500">
                  {draft.graph.trigger.type === "request" ? (
                    <>The call “Test workflow” starts the run with, saved with this workflow: its <code>body</code>, <code>query</code> and <code>headers</code>.</>
                  ) : (
                    <>The payload “Test workflow” starts the run with, saved with this workflow. An App Event trigger starts from the event&apos;s example; editing here does not change the event.</>
                  )}
                </p>
                {testPayload === undefined && (
                  <p role="alert" className="text-xs font-medium text-danger-700">
                    Not valid JSON: the last valid test data stays saved.
                  </p>
                )}
                <JsonEditor ariaLabel="Test data" height={220} value={props.testData} onChange={props.onTestDataChange} />
              </div>
            )}
          </TriggerTabs>
        )}
        <TestResult projectId={props.projectId} nodeId={nodeId} testRun={props.testRun} />
      </div>
      </VariablesContext.Provider>
    </ResizablePanel>
  );
}

/** A schedule trigger's panel has two tabs: its settings, and what the deployed schedule is doing. */
function TriggerTabs({ projectId, workflowId, schedule, children }: { projectId: string; workflowId: string; schedule: boolean; children: React.ReactNode }) {
  if (!schedule) return <>{children}</>;
  return (
    <Tabs defaultValue="settings">
      <TabsList aria-label="Trigger">
        <TabsTrigger value="settings">Settings</TabsTrigger>
        <TabsTrigger value="status">Schedule status</TabsTrigger>
      </TabsList>
      <TabsContent value="settings" className="flex flex-col gap-5">
        {children}
      </TabsContent>
      <TabsContent value="status">
        <ScheduleStatus projectId={projectId} workflowId={workflowId} />
      </TabsContent>
    </Tabs>
  );
}

/**
 * Each step's latest known output: from the latest test run (its last successful attempt; the first lane's
 * for fan-out lanes), replaced by a later successful "Test step" of that step.
 */
function latestOutputs(attemptsByStep: ReturnType<typeof useTestRun>["attemptsByStep"], stepResults: ReadonlyMap<string, TTestStepResult>): Map<string, unknown> {
  const outputs = new Map<string, unknown>();
  for (const [stepId, attempts] of attemptsByStep) {
    const succeeded = attempts.filter((attempt) => attempt.status === "succeeded");
    const chosen = succeeded.find((attempt) => !attempt.lane) ?? succeeded[0];
    if (chosen) outputs.set(stepId, chosen.output);
  }
  for (const [stepId, result] of stepResults) if (result.status === "succeeded") outputs.set(stepId, result.output);
  return outputs;
}

function StepForm({ step, onChange }: { step: TStep; onChange: (step: TStep, key?: string) => void }) {
  switch (step.type) {
    case "request":
      return <RequestForm step={step} onChange={onChange} />;
    case "function":
      return <FunctionForm step={step} onChange={onChange} />;
    case "conditional":
      return <ConditionalForm step={step} onChange={onChange} />;
    case "switch":
      return <SwitchForm step={step} onChange={onChange} />;
    case "fan_out":
      return <FanOutForm step={step} onChange={onChange} />;
    case "delay":
      return <DelayForm step={step} onChange={onChange} />;
    case "response":
      return <ResponseForm step={step} onChange={onChange} />;
  }
}
