"use client";

import { ArrowLeft, CircleCheck, CloudOff, Download, FlaskConical, History, Redo2, Rocket, Undo2, Upload } from "lucide-react";
import Link from "next/link";
import { useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { TWorkflow } from "@/lib/schemas/workflow-api";
import type { TSaveStatus } from "./use-workflow-draft";

type TEditorHeaderProps = {
  projectId: string;
  workflow: TWorkflow;
  name: string;
  onNameChange: (name: string) => void;
  status: TSaveStatus;
  onRetry: () => void;
  undo: { onUndo: () => void; onRedo: () => void; canUndo: boolean; canRedo: boolean };
  onTest: () => void;
  testing: boolean;
  onDeploy: () => void;
  deploying: boolean;
  onUndeploy: () => void;
  undeploying: boolean;
  onHistory: () => void;
  onExport: () => void;
  exporting: boolean;
  onImport: (file: File) => void;
  importing: boolean;
  /** While a deployed version is shown read-only, the draft's name and undo/redo are locked. */
  readOnly: boolean;
};

export function StateBadge({ workflow }: { workflow: TWorkflow }) {
  if (workflow.state === "draft") return <Badge variant="neutral">Draft</Badge>;
  if (workflow.state === "deployed") return <Badge variant="success">Deployed v{workflow.deployedVersion}</Badge>;
  return <Badge variant="warning">Changes not deployed (v{workflow.deployedVersion} live)</Badge>;
}

function SaveStatus({ status, onRetry }: { status: TSaveStatus; onRetry: () => void }) {
  switch (status.kind) {
    case "saved":
      return (
        <span className="inline-flex items-center gap-1 text-xs text-neutral-500">
          <CircleCheck aria-hidden className="size-3.5 text-success-600" /> Saved
        </span>
      );
    case "saving":
      return (
        <span className="inline-flex items-center gap-1 text-xs text-neutral-500">
          <Spinner className="[&_svg]:size-3.5" /> Saving…
        </span>
      );
    case "conflict":
      return <span className="text-xs font-medium text-danger-700">Not saving (conflict)</span>;
    case "invalid":
      return (
        <span className="block truncate text-xs font-medium text-warning-800" title={status.message}>
          Not saved — {status.message}
        </span>
      );
    case "error":
      return (
        <span className="inline-flex items-center gap-1 text-xs font-medium whitespace-nowrap text-danger-700" title={status.message}>
          <CloudOff aria-hidden className="size-3.5" /> Couldn&apos;t save —
          <button type="button" className="underline hover:no-underline" onClick={onRetry}>
            Retry
          </button>
        </span>
      );
  }
}

export function EditorHeader(props: TEditorHeaderProps) {
  const { workflow, undo } = props;
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <header className="flex flex-wrap items-center gap-3 border-b border-neutral-200 pb-3">
      <Link href={`/${props.projectId}/workflows`} className="rounded-md p-1 text-neutral-500 hover:bg-neutral-100" aria-label="Back to workflows">
        <ArrowLeft aria-hidden className="size-4" />
      </Link>
      <input
        aria-label="Workflow name"
        value={props.name}
        onChange={(event) => props.onNameChange(event.target.value)}
        maxLength={100}
        readOnly={props.readOnly}
        aria-readonly={props.readOnly || undefined}
        className="min-w-0 flex-1 basis-48 rounded-md border border-transparent px-2 py-1 text-lg font-semibold text-neutral-900 hover:border-neutral-300 focus-visible:border-accent-500 focus-visible:outline-hidden"
      />
      {/* Fixed boxes for what changes with state (deploy state, saving/saved), so nothing beside them moves. */}
      <div className="flex w-52 shrink-0 justify-end">
        <StateBadge workflow={workflow} />
      </div>
      <div aria-live="polite" className="w-40 shrink-0">
        <SaveStatus status={props.status} onRetry={props.onRetry} />
      </div>
      <div className="flex items-center gap-1">
        <Button variant="ghost" size="sm" onClick={undo.onUndo} disabled={!undo.canUndo || props.readOnly} aria-label="Undo" title="Undo (Ctrl+Z)">
          <Undo2 aria-hidden />
        </Button>
        <Button variant="ghost" size="sm" onClick={undo.onRedo} disabled={!undo.canRedo || props.readOnly} aria-label="Redo" title="Redo (Shift+Ctrl+Z)">
          <Redo2 aria-hidden />
        </Button>
      </div>
      <div className="flex items-center gap-1">
        <Button variant="ghost" size="sm" onClick={props.onHistory} aria-haspopup="dialog">
          <History aria-hidden /> History
        </Button>
        <Button variant="ghost" size="sm" onClick={props.onExport} loading={props.exporting} title="Download as a .switchyard.json file">
          {!props.exporting && <Download aria-hidden />} Export
        </Button>
        <Button variant="ghost" size="sm" onClick={() => fileInput.current?.click()} loading={props.importing} title="Create a new workflow from a .switchyard.json file">
          {!props.importing && <Upload aria-hidden />} Import
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Reset so choosing the same file again still fires a change.
            event.target.value = "";
            if (file) props.onImport(file);
          }}
        />
      </div>
      {/* A version shown read-only is not the draft: testing or deploying from here would act on what is hidden. */}
      {!props.readOnly && (
        <div className="flex items-center gap-2">
          <Button variant="secondary" size="sm" onClick={props.onTest} loading={props.testing}>
            {!props.testing && <FlaskConical aria-hidden />} Test workflow
          </Button>
          <Button size="sm" onClick={props.onDeploy} loading={props.deploying} disabled={workflow.state === "deployed"}>
            {!props.deploying && <Rocket aria-hidden />} Deploy
          </Button>
          {/* Last, so that it appearing after the first deploy moves nothing. */}
          {workflow.state !== "draft" && (
            <Button variant="secondary" size="sm" onClick={props.onUndeploy} loading={props.undeploying} aria-haspopup="dialog">
              Undeploy
            </Button>
          )}
        </div>
      )}
    </header>
  );
}
