"use client";

// The deployed schedule of the workflow open in the editor: its status (null when none is deployed), and pause,
// resume and backfill, each refreshing the status. Also what the trigger panel's preview counts from.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { ZProject } from "@/lib/schemas/project";
import { ZBackfillResult, ZScheduleStatus, ZUpcomingTickList, type TBackfillRequest } from "@/lib/schemas/schedule";
import { MAX_CATCH_UP_TICKS } from "@/lib/schemas/workflow";
import { ZWorkflow } from "@/lib/schemas/workflow-api";

/** Ticks come every few seconds at most; the panel follows them while it is open. */
const STATUS_POLL_MS = 5_000;
const WORKFLOW_FRESH_MS = 30_000;

const workflowKey = (projectId: string, workflowId: string) => ["projects", projectId, "workflows", workflowId];
// Under the workflow's key, so that deploy and undeploy (which invalidate the workflow) refresh it too.
const scheduleKey = (projectId: string, workflowId: string) => [...workflowKey(projectId, workflowId), "schedule"];

export function useScheduleStatus(projectId: string, workflowId: string) {
  return useQuery({
    queryKey: scheduleKey(projectId, workflowId),
    queryFn: async () => {
      try {
        return await apiFetch(`/projects/${projectId}/workflows/${workflowId}/schedule`, ZScheduleStatus);
      } catch (error) {
        // 404: the workflow has no deployed schedule (a draft, undeployed, or deployed on another trigger).
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    // Nothing to follow without a deployed schedule; a deploy invalidates the query.
    refetchInterval: (query) => (query.state.data === null ? false : STATUS_POLL_MS),
  });
}

/** The instant the preview counts intervals from: the deploy while the draft is what is deployed, else now (a deploy anchors anew). */
export function usePreviewAnchor(projectId: string, workflowId: string): string | null {
  const state = useQuery({
    queryKey: workflowKey(projectId, workflowId),
    queryFn: () => apiFetch(`/projects/${projectId}/workflows/${workflowId}`, ZWorkflow),
    staleTime: WORKFLOW_FRESH_MS,
    refetchOnWindowFocus: false,
    select: (workflow) => workflow.state,
  });
  const status = useScheduleStatus(projectId, workflowId);
  return state.data === "deployed" && status.data ? status.data.anchorAt : null;
}

/** The zone of the project's schedules that name none. */
export function useProjectTimeZone(projectId: string): string | undefined {
  return useQuery({ queryKey: ["projects", projectId], queryFn: () => apiFetch(`/projects/${projectId}`, ZProject) }).data?.timezone;
}

/** The ticks of a past range (every zone), which a backfill of it would run: for its confirmation. */
export function useTicksInRange(projectId: string, workflowId: string, range: TBackfillRequest | null) {
  return useQuery({
    queryKey: [...scheduleKey(projectId, workflowId), "range", range?.from, range?.to],
    queryFn: () => {
      const query = new URLSearchParams({ from: range!.from, to: range!.to, limit: String(MAX_CATCH_UP_TICKS) });
      return apiFetch(`/projects/${projectId}/workflows/${workflowId}/schedule/upcoming?${query}`, ZUpcomingTickList);
    },
    enabled: range !== null,
    refetchOnWindowFocus: false,
  });
}

export function useScheduleActions(projectId: string, workflowId: string) {
  const queryClient = useQueryClient();
  const base = `/projects/${projectId}/workflows/${workflowId}/schedule`;
  const setStatus = (status: unknown) => queryClient.setQueryData(scheduleKey(projectId, workflowId), status);
  const pause = useMutation({
    mutationFn: (note: string) => apiFetch(`${base}/pause`, ZScheduleStatus, { method: "POST", body: { note } }),
    onSuccess: setStatus,
  });
  const resume = useMutation({
    mutationFn: () => apiFetch(`${base}/resume`, ZScheduleStatus, { method: "POST" }),
    onSuccess: setStatus,
  });
  const backfill = useMutation({
    mutationFn: (range: TBackfillRequest) => apiFetch(`${base}/backfill`, ZBackfillResult, { method: "POST", body: range }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: scheduleKey(projectId, workflowId) }),
        queryClient.invalidateQueries({ queryKey: ["projects", projectId, "runs"] }),
      ]),
  });
  return { pause, resume, backfill };
}
