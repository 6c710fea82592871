"use client";

// The editor's local copy of the workflow: every edit lands here first, with undo/redo over its history,
// and is saved (debounced) with the revision it started from, so a stale tab gets a 409 instead of
// silently overwriting someone else's work.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { ZName } from "@/lib/schemas/common";
import { ZWorkflowGraph, type TWorkflowGraph } from "@/lib/schemas/workflow";
import { ZWorkflow, type TWorkflow } from "@/lib/schemas/workflow-api";

/** enabledForAllUsers is live as soon as it is saved (it is not part of a deployed version). */
export type TDraft = { name: string; graph: TWorkflowGraph; enabledForAllUsers: boolean };
export type TSaveStatus =
  | { kind: "saved" }
  | { kind: "saving" }
  | { kind: "error"; message: string }
  | { kind: "invalid"; message: string }
  | { kind: "conflict" };

type THistory = { past: TDraft[]; present: TDraft; future: TDraft[] };

const AUTOSAVE_DELAY_MS = 800;
const COALESCE_MS = 1000;
const HISTORY_LIMIT = 100;

function checkDraft(draft: TDraft): { ok: true; name: string; graph: TWorkflowGraph } | { ok: false; message: string } {
  const name = ZName.safeParse(draft.name);
  if (!name.success) return { ok: false, message: `Name: ${name.error.issues[0]?.message ?? "invalid"}` };
  const graph = ZWorkflowGraph.safeParse(draft.graph);
  if (!graph.success) {
    const issue = graph.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") ?? "graph"}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, name: name.data, graph: graph.data };
}

export function useWorkflowDraft({ projectId, workflow, onSaved }: { projectId: string; workflow: TWorkflow; onSaved: (workflow: TWorkflow) => void }) {
  const [initial] = useState<TDraft>(() => ({ name: workflow.name, graph: workflow.graph, enabledForAllUsers: workflow.enabledForAllUsers }));
  const [history, setHistory] = useState<THistory>({ past: [], present: initial, future: [] });
  const [saved, setSaved] = useState<TDraft>(initial);
  const [failure, setFailure] = useState<TSaveStatus | null>(null);
  const [inFlight, setInFlight] = useState(false);

  const revisionRef = useRef(workflow.draftRevision);
  const latestRef = useRef(initial);
  const savedRef = useRef(initial);
  const pendingRef = useRef<Promise<void> | null>(null);
  const conflictRef = useRef(false);
  const lastEditRef = useRef<{ key: string; at: number } | null>(null);
  const onSavedRef = useRef(onSaved);

  useEffect(() => {
    latestRef.current = history.present;
    onSavedRef.current = onSaved;
  });

  /** Applies an edit. Edits with the same `key` in quick succession (typing) make one undo step. */
  const update = useCallback((change: (draft: TDraft) => TDraft, key?: string) => {
    const now = Date.now();
    const last = lastEditRef.current;
    const coalesce = key !== undefined && last?.key === key && now - last.at < COALESCE_MS;
    lastEditRef.current = key === undefined ? null : { key, at: now };
    setHistory((current) => {
      const next = change(current.present);
      if (next === current.present) return current;
      return {
        past: coalesce ? current.past : [...current.past, current.present].slice(-HISTORY_LIMIT),
        present: next,
        future: [],
      };
    });
  }, []);

  const undo = useCallback(() => {
    lastEditRef.current = null;
    setHistory((current) => {
      const previous = current.past.at(-1);
      if (!previous) return current;
      return { past: current.past.slice(0, -1), present: previous, future: [current.present, ...current.future] };
    });
  }, []);

  const redo = useCallback(() => {
    lastEditRef.current = null;
    setHistory((current) => {
      const [next, ...rest] = current.future;
      if (!next) return current;
      return { past: [...current.past, current.present], present: next, future: rest };
    });
  }, []);

  const saveNow = useCallback(async (): Promise<void> => {
    if (conflictRef.current) return;
    if (pendingRef.current) {
      await pendingRef.current;
      return saveNow();
    }
    const draft = latestRef.current;
    if (draft === savedRef.current) return;
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setFailure({ kind: "invalid", message: checked.message });
      return;
    }
    setInFlight(true);
    const request = apiFetch(`/projects/${projectId}/workflows/${workflow.id}`, ZWorkflow, {
      method: "PATCH",
      body: { draftRevision: revisionRef.current, name: checked.name, graph: checked.graph, enabledForAllUsers: draft.enabledForAllUsers },
    })
      .then((answer) => {
        revisionRef.current = answer.draftRevision;
        savedRef.current = draft;
        setSaved(draft);
        setFailure(null);
        onSavedRef.current(answer);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 409) {
          conflictRef.current = true;
          setFailure({ kind: "conflict" });
        } else {
          setFailure({ kind: "error", message: error instanceof Error ? error.message : "Unknown error" });
        }
      })
      .finally(() => {
        pendingRef.current = null;
        setInFlight(false);
      });
    pendingRef.current = request;
    await request;
  }, [projectId, workflow.id]);

  useEffect(() => {
    if (history.present === savedRef.current || conflictRef.current) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [history.present, saveNow]);

  /** Saves what is pending now; true when the server has exactly the draft on screen. */
  const flush = useCallback(async (): Promise<boolean> => {
    await saveNow();
    return !conflictRef.current && latestRef.current === savedRef.current;
  }, [saveNow]);

  const dirty = history.present !== saved;
  const status: TSaveStatus =
    failure?.kind === "conflict"
      ? failure
      : failure && (dirty || failure.kind === "error") && !inFlight
        ? failure
        : dirty || inFlight
          ? { kind: "saving" }
          : { kind: "saved" };

  return {
    draft: history.present,
    update,
    undo,
    redo,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    status,
    retry: () => void saveNow(),
    flush,
  };
}
