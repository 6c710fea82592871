"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TAppEvent, ZAppEventList } from "@/lib/schemas/app-event";
import { type TWorkflow, ZWorkflow } from "@/lib/schemas/workflow-api";
import { EditorWorkspace } from "./editor-workspace";

/** The visual editor page: loads the workflow once, then the workspace owns the draft. */
type TWorkflowEditorProps = {
  projectId: string;
  workflowId: string;
  /** Read by the page on the server, so the canvas can render without waiting for a request. */
  initialWorkflow?: TWorkflow | null;
  initialAppEvents?: TAppEvent[];
};

const INITIAL_DATA_FRESH_MS = 30_000;

export function WorkflowEditor({ projectId, workflowId, initialWorkflow, initialAppEvents }: TWorkflowEditorProps) {
  const workflow = useQuery({
    queryKey: ["projects", projectId, "workflows", workflowId],
    queryFn: () => apiFetch(`/projects/${projectId}/workflows/${workflowId}`, ZWorkflow),
    initialData: initialWorkflow ?? undefined,
    staleTime: INITIAL_DATA_FRESH_MS,
    // The draft on screen is the truth while editing; a background refetch must not look like a reload.
    refetchOnWindowFocus: false,
  });
  const appEvents = useQuery({
    queryKey: ["projects", projectId, "app-events"],
    queryFn: () => apiFetch(`/projects/${projectId}/app-events`, ZAppEventList),
    initialData: initialAppEvents ? { appEvents: initialAppEvents } : undefined,
    staleTime: INITIAL_DATA_FRESH_MS,
  });

  if (workflow.isPending) return <Skeleton className="h-[calc(100vh-7rem)]" />;
  if (workflow.isError) return <ErrorState message={workflow.error.message} onRetry={() => void workflow.refetch()} />;
  return <EditorWorkspace key={workflow.data.id} projectId={projectId} workflow={workflow.data} appEvents={appEvents.data?.appEvents} />;
}
