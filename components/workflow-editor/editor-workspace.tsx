"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TriangleAlert, X } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { validateWorkflow, type TWorkflowProblem } from "@/lib/engine/validate-workflow";
import type { TAppEvent } from "@/lib/schemas/app-event";
import type { TStepType } from "@/lib/schemas/workflow";
import type { TWorkflow } from "@/lib/schemas/workflow-api";
import { EditorHeader } from "./editor-header";
import { deleteStep, deleteTakesSubtree, insertStep, type TAttachPoint } from "./graph-ops";
import { SidePanel } from "./side-panel";
import { useDeploy } from "./use-deploy";
import { useTestRun } from "./use-test-run";
import { useWorkflowDraft } from "./use-workflow-draft";
import { WorkflowCanvas } from "./workflow-canvas";

function isTextInput(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable=true], .monaco-editor") !== null;
}

export function EditorWorkspace({ projectId, workflow, appEvents }: { projectId: string; workflow: TWorkflow; appEvents: TAppEvent[] | undefined }) {
  const queryClient = useQueryClient();
  const workflowKey = ["projects", projectId, "workflows", workflow.id];
  const editor = useWorkflowDraft({ projectId, workflow, onSaved: (saved) => queryClient.setQueryData(workflowKey, saved) });
  const { draft, update } = editor;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [testData, setTestData] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const testRun = useTestRun(projectId, workflow.id);
  const deployment = useDeploy({
    projectId,
    workflowId: workflow.id,
    flush: editor.flush,
    onChanged: () => queryClient.invalidateQueries({ queryKey: workflowKey }),
  });

  const problems = useMemo<TWorkflowProblem[]>(() => {
    if (!appEvents) return deployment.problems ?? [];
    return validateWorkflow(draft.graph, { appEventIds: new Set(appEvents.map((event) => event.id)) }).problems;
  }, [draft.graph, appEvents, deployment.problems]);
  const problemsByNode = useMemo(() => {
    const map = new Map<string, TWorkflowProblem[]>();
    for (const problem of problems) map.set(problem.stepId, [...(map.get(problem.stepId) ?? []), problem]);
    return map;
  }, [problems]);

  const { undo, redo } = editor;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z" || isTextInput(event.target)) return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [undo, redo]);

  const selectedExists = selectedId === "trigger" || draft.graph.steps.some((step) => step.id === selectedId);
  const selection = selectedExists ? selectedId : null;

  function addStep(at: TAttachPoint, type: TStepType) {
    const result = insertStep(draft.graph, at, type);
    update((current) => ({ ...current, graph: result.graph }));
    setSelectedId(result.stepId);
  }

  function removeStep(stepId: string, confirmed = false) {
    if (!confirmed && deleteTakesSubtree(draft.graph, stepId)) {
      setConfirmDelete(stepId);
      return;
    }
    update((current) => ({ ...current, graph: deleteStep(current.graph, stepId) }));
    setSelectedId(null);
  }

  const defaultTestData = useMemo(() => {
    const trigger = draft.graph.trigger;
    const event = trigger.type === "app_event" ? appEvents?.find((candidate) => candidate.id === trigger.appEventId) : undefined;
    return JSON.stringify(event?.example ?? {}, null, 2);
  }, [draft.graph.trigger, appEvents]);

  async function startTest() {
    setNotice(null);
    let payload: unknown;
    try {
      payload = JSON.parse(testData ?? defaultTestData);
    } catch {
      setSelectedId("trigger");
      setNotice("The test data is not valid JSON. Fix it in the trigger panel.");
      return;
    }
    if (!(await editor.flush())) {
      setNotice("The draft could not be saved, so it cannot be tested yet (see the save status).");
      return;
    }
    await testRun.start(payload);
  }

  return (
    <div className="flex h-[calc(100vh-7rem)] min-h-[560px] flex-col gap-3">
      <EditorHeader
        projectId={projectId}
        workflow={workflow}
        name={draft.name}
        onNameChange={(name) => update((d) => ({ ...d, name }), "name")}
        status={editor.status}
        onRetry={editor.retry}
        undo={{ onUndo: undo, onRedo: redo, canUndo: editor.canUndo, canRedo: editor.canRedo }}
        onTest={() => void startTest()}
        testing={testRun.active}
        onDeploy={() => void deployment.deploy()}
        deploying={deployment.deploying}
        onUndeploy={() => void deployment.undeploy()}
        undeploying={deployment.undeploying}
      />
      {editor.status.kind === "conflict" && (
        <Banner tone="danger" message="This workflow was changed in another tab or by someone else. Autosave has stopped, and your latest edits are not saved.">
          <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
            Reload to get their version
          </Button>
        </Banner>
      )}
      {deployment.problems && (
        <Banner tone="warning" message={`Deploy refused: ${deployment.problems.length} ${deployment.problems.length === 1 ? "problem" : "problems"} to fix (marked on the steps).`} onDismiss={deployment.clearProblems}>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {deployment.problems.slice(0, 8).map((problem, index) => (
              <li key={index}>
                <button type="button" className="hover:underline" onClick={() => setSelectedId(problem.stepId === "workflow" ? null : problem.stepId)}>
                  <strong>{problem.stepId}</strong>: {problem.message}
                </button>
              </li>
            ))}
          </ul>
        </Banner>
      )}
      {(notice ?? deployment.error ?? testRun.runError) && (
        <Banner
          tone="danger"
          message={notice ?? deployment.error ?? testRun.runError ?? ""}
          onDismiss={notice ? () => setNotice(null) : deployment.error ? deployment.clearError : testRun.clear}
        />
      )}
      <div className="flex min-h-0 flex-1 overflow-hidden rounded-md border border-neutral-200 bg-neutral-50">
        <div className="min-w-0 flex-1">
          <WorkflowCanvas
            graph={draft.graph}
            appEvents={appEvents}
            problemsByNode={problemsByNode}
            runStatusByNode={testRun.statusByNode}
            onAddStep={addStep}
            selectedId={selection}
            onSelect={setSelectedId}
            onDelete={(id) => removeStep(id)}
          />
        </div>
        {selection && (
          <SidePanel
            key={selection}
            projectId={projectId}
            nodeId={selection}
            draft={draft}
            update={update}
            appEvents={appEvents}
            problems={problemsByNode.get(selection) ?? []}
            testRun={testRun}
            testData={testData ?? defaultTestData}
            onTestDataChange={setTestData}
            onClose={() => setSelectedId(null)}
            onDelete={() => removeStep(selection)}
          />
        )}
      </div>
      <ConfirmDialog
        open={confirmDelete !== null}
        onOpenChange={(open) => !open && setConfirmDelete(null)}
        title="Delete this step and the steps below it?"
        description="This step has several branches in use. Deleting it removes every step under it too. You can undo with Ctrl+Z."
        confirmLabel="Delete steps"
        destructive
        onConfirm={() => {
          if (confirmDelete) removeStep(confirmDelete, true);
          setConfirmDelete(null);
        }}
      />
    </div>
  );
}

function Banner({ tone, message, children, onDismiss }: { tone: "danger" | "warning"; message: string; children?: React.ReactNode; onDismiss?: () => void }) {
  const colours = tone === "danger" ? "border-danger-300 bg-danger-50 text-danger-800" : "border-warning-300 bg-warning-50 text-warning-900";
  return (
    <div role="alert" className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${colours}`}>
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1">
        <p>{message}</p>
        {children}
      </div>
      {onDismiss && (
        <button type="button" aria-label="Dismiss" className="rounded p-0.5 hover:bg-black/5" onClick={onDismiss}>
          <X aria-hidden className="size-4" />
        </button>
      )}
    </div>
  );
}
