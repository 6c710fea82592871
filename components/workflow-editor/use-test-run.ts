"use client";

// A test run of the draft: start it, then follow it every 700 ms until it has finished.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { z } from "zod";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import type { TWorkflowProblem } from "@/lib/engine/validate-workflow";
import { isActiveRunStatus, ZRunDetail, ZStartedRun, type TStepRun } from "@/lib/schemas/run";
import type { TNodeRunStatus } from "./canvas-context";

const POLL_MS = 700;
const ZProblems = z.array(z.object({ stepId: z.string(), edgeId: z.string().optional(), field: z.string().optional(), message: z.string() }));

export function useTestRun(projectId: string, workflowId: string) {
  const [runId, setRunId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  /** A refused start (422): the draft's problems, listed like a refused deploy's. */
  const [problems, setProblems] = useState<TWorkflowProblem[] | null>(null);

  const run = useQuery({
    queryKey: ["projects", projectId, "runs", runId],
    queryFn: () => apiFetch(`/projects/${projectId}/runs/${runId}`, ZRunDetail),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data && !isActiveRunStatus(query.state.data.status) ? false : POLL_MS),
  });

  async function start(payload: unknown) {
    setStarting(true);
    setStartError(null);
    setProblems(null);
    try {
      const started = await apiFetch(`/projects/${projectId}/workflows/${workflowId}/run`, ZStartedRun, {
        method: "POST",
        body: { source: "draft", payload },
      });
      setRunId(started.runId);
    } catch (error) {
      const refused = error instanceof ApiError && error.status === 422 ? ZProblems.safeParse(error.details) : null;
      if (refused?.success) setProblems(refused.data);
      else setStartError(error instanceof Error ? error.message : "The test run could not start");
    } finally {
      setStarting(false);
    }
  }

  const detail = runId !== null ? run.data : undefined;
  const attemptsByStep = useMemo(() => {
    const map = new Map<string, TStepRun[]>();
    for (const attempt of detail?.steps ?? []) map.set(attempt.stepId, [...(map.get(attempt.stepId) ?? []), attempt]);
    return map;
  }, [detail]);

  const statusByNode = useMemo(() => {
    const map = new Map<string, TNodeRunStatus>();
    if (!detail) return map;
    map.set("trigger", "succeeded");
    for (const [stepId, attempts] of attemptsByStep) {
      if (attempts.some((attempt) => attempt.status === "running")) map.set(stepId, "running");
      else if (attempts.some((attempt) => attempt.status === "failed" && attempt.retryAt === null)) map.set(stepId, "failed");
      else map.set(stepId, attempts.at(-1)?.status === "failed" ? "running" : "succeeded");
    }
    return map;
  }, [detail, attemptsByStep]);

  const active = starting || (runId !== null && (!detail || isActiveRunStatus(detail.status)));
  return {
    start,
    clear: () => setRunId(null),
    problems,
    clearProblems: () => setProblems(null),
    run: detail,
    runError: startError ?? (run.isError ? run.error.message : null),
    active,
    attemptsByStep,
    statusByNode,
  };
}
