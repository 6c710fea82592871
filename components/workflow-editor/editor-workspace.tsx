"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Eye, TriangleAlert, X } from "lucide-react";
import dynamic from "next/dynamic";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { TWorkflowProblem, validateWorkflow } from "@/lib/engine/validate-workflow";
import { REQUEST_TEST_DATA_EXAMPLE } from "@/lib/workflows/request-trigger-input";
import type { TAppEvent } from "@/lib/schemas/app-event";
import type { TStepType, TWorkflowGraph } from "@/lib/schemas/workflow";
import type { TTestStepResult, TWorkflow, TWorkflowVersion } from "@/lib/schemas/workflow-api";
import { EditorHeader } from "./editor-header";
import { usePanelLayout } from "./panel-layout";
import { problemLines } from "./problem-labels";
import { copyFragment, deleteStep, deleteTakesSubtree, insertStep, PasteError, pasteFragment, pastePointAfter, type TAttachPoint, type TStepFragment } from "./graph-ops";
import { readClipboard, writeClipboard } from "./step-clipboard";
import { useDeploy } from "./use-deploy";
import { useExportImport } from "./use-export-import";
import { useTestRun } from "./use-test-run";
import { useWorkflowDraft } from "./use-workflow-draft";
import { VersionHistoryDialog } from "./version-history";
import { WorkflowCanvas } from "./workflow-canvas";

// The panel and its forms load on the first selection, not with the canvas.
const SidePanel = dynamic(() => import("./side-panel").then((module) => module.SidePanel), {
  ssr: false,
  loading: () => (
    <aside aria-busy className="flex w-[26rem] shrink-0 items-center justify-center border-l border-neutral-200 bg-white">
      <Spinner label="Loading…" />
    </aside>
  ),
});

const NO_PROBLEMS = new Map<string, TWorkflowProblem[]>();
const NO_PROBLEM_LIST: TWorkflowProblem[] = [];
const NO_RUN_STATUS = new Map<string, never>();
const noop = () => {};

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
  /** The test data as typed, and the saved value it was typed against (so undo shows the saved value again). */
  const [testDataEdit, setTestDataEdit] = useState<{ text: string; basis: unknown } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  /** The latest "Test step" result of each step; a test run of the whole workflow supersedes them. */
  const [stepResults, setStepResults] = useState<ReadonlyMap<string, TTestStepResult>>(new Map());
  /** A deployed version shown read-only on the canvas instead of the draft. */
  const [viewing, setViewing] = useState<TWorkflowVersion | null>(null);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const [confirmUndeploy, setConfirmUndeploy] = useState(false);
  const readOnly = viewing !== null;
  const [panelLayout, setPanelLayout] = usePanelLayout();
  const toast = useToast();
  const portable = useExportImport({ projectId, workflowId: workflow.id, flush: editor.flush });
  const testRun = useTestRun(projectId, workflow.id);
  const deployment = useDeploy({
    projectId,
    workflowId: workflow.id,
    flush: editor.flush,
    onChanged: () => queryClient.invalidateQueries({ queryKey: workflowKey }),
  });

  // The whole-graph check (schemas, templates, JSON Schema with ajv) is not needed for the first paint: its code
  // loads after it (a chunk of its own), and it runs in a background render after the canvas is on screen and
  // after each keystroke, so neither the first paint nor typing waits for the markers.
  const validate = useLazyValidator();
  const checkedGraph = useDeferredValue<TWorkflowGraph | null>(draft.graph, null);
  const problems = useMemo<TWorkflowProblem[]>(() => {
    if (!appEvents) return deployment.problems ?? [];
    if (!checkedGraph || !validate) return NO_PROBLEM_LIST;
    return validate(checkedGraph, { appEventIds: new Set(appEvents.map((event) => event.id)) }).problems;
  }, [checkedGraph, validate, appEvents, deployment.problems]);
  const problemsByNode = useMemo(() => {
    const map = new Map<string, TWorkflowProblem[]>();
    for (const problem of problems) map.set(problem.stepId, [...(map.get(problem.stepId) ?? []), problem]);
    return map;
  }, [problems]);

  const selectedExists = selectedId === "trigger" || draft.graph.steps.some((step) => step.id === selectedId);
  const selection = selectedExists ? selectedId : null;

  function copyStep(stepId: string): TStepFragment | null {
    const fragment = copyFragment(draft.graph, stepId);
    if (!fragment) return null;
    writeClipboard(fragment);
    const count = fragment.steps.length;
    toast({ title: count === 1 ? "Step copied" : `${count} steps copied`, description: "Select a step and press Ctrl+V to paste after it." });
    return fragment;
  }

  function paste(fragment: TStepFragment | null, after: string) {
    if (!fragment) {
      toast({ variant: "error", title: "Nothing to paste", description: "Copy a step first (select it, then Ctrl+C)." });
      return;
    }
    try {
      const result = pasteFragment(draft.graph, pastePointAfter(draft.graph, after), fragment);
      update((current) => ({ ...current, graph: result.graph }));
      setSelectedId(result.stepId);
    } catch (error) {
      if (!(error instanceof PasteError)) throw error;
      toast({ variant: "error", title: "Cannot paste here", description: error.message });
    }
  }

  function duplicateStep(stepId: string) {
    const fragment = copyFragment(draft.graph, stepId);
    if (fragment) paste(fragment, stepId);
  }

  const { undo, redo } = editor;
  const shortcuts = useRef({ copyStep, paste, duplicateStep });
  useEffect(() => {
    shortcuts.current = { copyStep, paste, duplicateStep };
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextInput(event.target)) return;
      const key = event.key.toLowerCase();
      if (!["z", "y", "c", "v", "d"].includes(key)) return;
      // Copy/paste of page text (a selection outside the canvas) keeps the browser's own behaviour.
      if ((key === "c" || key === "v") && (window.getSelection()?.toString() ?? "") !== "") return;
      event.preventDefault();
      if (readOnly) return; // the draft is not on screen, so changing it unseen would surprise
      if (key === "z" && event.shiftKey) redo();
      else if (key === "z") undo();
      else if (key === "y") redo();
      else if (key === "c" && selection && selection !== "trigger") shortcuts.current.copyStep(selection);
      else if (key === "v") shortcuts.current.paste(readClipboard(), selection ?? "trigger");
      else if (key === "d" && selection && selection !== "trigger") shortcuts.current.duplicateStep(selection);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [undo, redo, readOnly, selection]);

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
    if (trigger.type === "request") return JSON.stringify(REQUEST_TEST_DATA_EXAMPLE, null, 2);
    const event = trigger.type === "app_event" ? appEvents?.find((candidate) => candidate.id === trigger.appEventId) : undefined;
    return JSON.stringify(event?.example ?? {}, null, 2);
  }, [draft.graph.trigger, appEvents]);
  const savedTestData = draft.graph.testData;
  // The saved value as of the latest keystroke. Monaco can report several keystrokes before React renders
  // again, so a render's `savedTestData` may be one keystroke old; basing invalid text on it would make the
  // text below fall back to the saved JSON and throw away what was typed.
  const latestSavedTestData = useRef(savedTestData);
  useEffect(() => {
    latestSavedTestData.current = savedTestData;
  }, [savedTestData]);
  const testDataText =
    testDataEdit && testDataEdit.basis === savedTestData ? testDataEdit.text : savedTestData !== undefined ? JSON.stringify(savedTestData, null, 2) : defaultTestData;
  const testPayload = useMemo(() => parseJson(testDataText), [testDataText]);

  /** Valid JSON is saved with the draft (one undo step per burst of typing); invalid text stays local. */
  function changeTestData(text: string | null) {
    if (text === null) {
      latestSavedTestData.current = undefined;
      update((current) => ({ ...current, graph: { ...current.graph, testData: undefined } }));
      setTestDataEdit(null);
      return;
    }
    const parsed = parseJson(text);
    if (parsed === undefined) {
      setTestDataEdit({ text, basis: latestSavedTestData.current });
      return;
    }
    latestSavedTestData.current = parsed.value;
    update((current) => ({ ...current, graph: { ...current.graph, testData: parsed.value } }), "testData");
    setTestDataEdit({ text, basis: parsed.value });
  }

  function restoreVersion() {
    if (!viewing) return;
    const { graph, version } = viewing;
    update((current) => ({ ...current, graph }));
    setViewing(null);
    setSelectedId(null);
    toast({ variant: "success", title: `Version ${version} restored into the draft`, description: "Undo with Ctrl+Z. Deploy to make it live." });
  }

  async function deploy() {
    const deployed = await deployment.deploy();
    if (deployed) toast({ variant: "success", title: `Deployed version ${deployed.version}`, description: "New events, deliveries and ticks run this version." });
  }

  async function startTest() {
    setNotice(null);
    if (testPayload === undefined) {
      setSelectedId("trigger");
      setNotice("The test data is not valid JSON. Fix it in the trigger panel.");
      return;
    }
    const payload = testPayload.value;
    if (!(await editor.flush())) {
      setNotice("The draft could not be saved, so it cannot be tested yet (see the save status).");
      return;
    }
    setStepResults(new Map());
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
        onDeploy={() => void deploy()}
        deploying={deployment.deploying}
        onUndeploy={() => setConfirmUndeploy(true)}
        undeploying={deployment.undeploying}
        onHistory={() => setHistoryOpen(true)}
        onExport={() => void portable.exportWorkflow()}
        exporting={portable.exporting}
        onImport={(file) => void portable.importWorkflow(file)}
        importing={portable.importing}
        readOnly={readOnly}
      />
      {viewing && (
        <Banner tone="info" message={`Viewing version ${viewing.version} (read-only)${viewing.deployed ? " — the live version" : ""}. Editing is off until you go back to the draft.`}>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" onClick={() => setConfirmRestore(true)}>
              Restore into draft
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setViewing(null)}>
              Back to draft
            </Button>
          </div>
        </Banner>
      )}
      {editor.status.kind === "conflict" && (
        <Banner tone="danger" message="This workflow was changed in another tab or by someone else. Autosave has stopped, and your latest edits are not saved.">
          <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
            Reload to get their version
          </Button>
        </Banner>
      )}
      {!viewing && deployment.problems && (
        <ProblemsBanner title="Deploy refused" graph={draft.graph} problems={deployment.problems} onSelect={setSelectedId} onDismiss={deployment.clearProblems} />
      )}
      {!viewing && testRun.problems && (
        <ProblemsBanner title="Test run refused" graph={draft.graph} problems={testRun.problems} onSelect={setSelectedId} onDismiss={testRun.clearProblems} />
      )}
      {!viewing && (notice ?? deployment.error ?? testRun.runError) && (
        <Banner
          tone="danger"
          message={notice ?? deployment.error ?? testRun.runError ?? ""}
          onDismiss={notice ? () => setNotice(null) : deployment.error ? deployment.clearError : testRun.clear}
        />
      )}
      <div className="flex min-h-0 flex-1 overflow-hidden rounded-md border border-neutral-200 bg-neutral-50">
        <div className="min-w-0 flex-1">
          {viewing ? (
            <WorkflowCanvas
              key={viewing.id}
              graph={viewing.graph}
              appEvents={appEvents}
              problemsByNode={NO_PROBLEMS}
              runStatusByNode={NO_RUN_STATUS}
              onAddStep={noop}
              readOnly
              selectedId={null}
              onSelect={noop}
              onDelete={noop}
            />
          ) : (
            <WorkflowCanvas
              key="draft"
              graph={draft.graph}
              appEvents={appEvents}
              problemsByNode={problemsByNode}
              runStatusByNode={testRun.statusByNode}
              onAddStep={addStep}
              selectedId={selection}
              onSelect={setSelectedId}
              onDelete={(id) => removeStep(id)}
            />
          )}
        </div>
        {selection && !viewing && (
          <SidePanel
            key={selection}
            projectId={projectId}
            workflowId={workflow.id}
            flush={editor.flush}
            stepResults={stepResults}
            onStepResult={(stepId, result) => setStepResults((current) => new Map(current).set(stepId, result))}
            nodeId={selection}
            draft={draft}
            update={update}
            appEvents={appEvents}
            problems={problemsByNode.get(selection) ?? []}
            testRun={testRun}
            testData={testDataText}
            testPayload={testPayload}
            onTestDataChange={changeTestData}
            onClose={() => setSelectedId(null)}
            onDelete={() => removeStep(selection)}
            onCopy={() => copyStep(selection)}
            onDuplicate={() => duplicateStep(selection)}
            layout={panelLayout}
            onLayoutChange={setPanelLayout}
          />
        )}
      </div>
      <VersionHistoryDialog
        projectId={projectId}
        workflowId={workflow.id}
        open={historyOpen}
        onOpenChange={setHistoryOpen}
        viewingId={viewing?.id ?? null}
        onView={(version) => {
          setViewing(version);
          setSelectedId(null);
        }}
      />
      <ConfirmDialog
        open={confirmUndeploy}
        onOpenChange={setConfirmUndeploy}
        title={`Undeploy “${draft.name}”?`}
        description="The live version stops for every user: no new runs start from its trigger until you deploy again. Runs already going finish. The draft and the version history stay."
        confirmLabel="Undeploy"
        destructive
        onConfirm={async () => {
          await deployment.undeploy();
          toast({ title: "Undeployed", description: "The workflow is no longer live. Deploy to make it live again." });
        }}
      />
      <ConfirmDialog
        open={confirmRestore && viewing !== null}
        onOpenChange={setConfirmRestore}
        title={`Restore version ${viewing?.version ?? ""} into the draft?`}
        description="The draft's steps and trigger are replaced by this version's (the name stays). The change is saved like any edit, and you can undo it with Ctrl+Z. Nothing goes live until you deploy."
        confirmLabel="Restore into draft"
        onConfirm={restoreVersion}
      />
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

function parseJson(text: string): { value: TWorkflowGraph["testData"] } | undefined {
  try {
    return { value: JSON.parse(text) as TWorkflowGraph["testData"] };
  } catch {
    return undefined;
  }
}

const BANNER_COLOURS = {
  danger: "border-danger-300 bg-danger-50 text-danger-800",
  warning: "border-warning-300 bg-warning-50 text-warning-900",
  info: "border-accent-300 bg-accent-50 text-accent-900",
} as const;

const SHOWN_PROBLEMS = 8;

/** A refused deploy or test run: each problem with its step's name and field's label, a click away from the step. */
/** validateWorkflow, once its chunk has loaded after the first paint; null until then. */
function useLazyValidator(): typeof validateWorkflow | null {
  const [validate, setValidate] = useState<typeof validateWorkflow | null>(null);
  useEffect(() => {
    let live = true;
    import("@/lib/engine/validate-workflow")
      .then((module) => live && setValidate(() => module.validateWorkflow))
      // A chunk that fails to load leaves the markers off; Deploy and Test workflow still check on the server.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return validate;
}

function ProblemsBanner({ title, graph, problems, onSelect, onDismiss }: {
  title: string;
  graph: TWorkflowGraph;
  problems: readonly TWorkflowProblem[];
  onSelect: (stepId: string | null) => void;
  onDismiss: () => void;
}) {
  const lines = problemLines(graph, problems);
  return (
    <Banner tone="warning" message={`${title}: ${lines.length} ${lines.length === 1 ? "problem" : "problems"} to fix (marked on the steps).`} onDismiss={onDismiss}>
      <ul className="mt-1 list-disc pl-5 text-xs">
        {lines.slice(0, SHOWN_PROBLEMS).map((line, index) => (
          <li key={index}>
            <button type="button" className="text-left hover:underline" onClick={() => onSelect(line.stepId === "workflow" ? null : line.stepId)}>
              <strong>{line.step}</strong>
              {line.field && <> · {line.field}</>}: {line.message}
            </button>
          </li>
        ))}
        {lines.length > SHOWN_PROBLEMS && <li>and {lines.length - SHOWN_PROBLEMS} more, marked on the steps</li>}
      </ul>
    </Banner>
  );
}

function Banner({ tone, message, children, onDismiss }: { tone: keyof typeof BANNER_COLOURS; message: string; children?: React.ReactNode; onDismiss?: () => void }) {
  const Icon = tone === "info" ? Eye : TriangleAlert;
  return (
    <div role={tone === "info" ? "status" : "alert"} className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${BANNER_COLOURS[tone]}`}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
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
