"use client";

// Deploy and undeploy. A refused deploy (422) carries the problems to show on the canvas.
import { useState } from "react";
import { z } from "zod";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import type { TWorkflowProblem } from "@/lib/engine/validate-workflow";
import { ZWorkflow, ZWorkflowVersion, type TWorkflow, type TWorkflowVersion } from "@/lib/schemas/workflow-api";

const ZProblems = z.array(z.object({ stepId: z.string(), edgeId: z.string().optional(), field: z.string().optional(), message: z.string() }));

export function useDeploy({ projectId, workflowId, flush, onChanged }: {
  projectId: string;
  workflowId: string;
  /** Saves pending edits first: deploy takes the draft the server has. */
  flush: () => Promise<boolean>;
  onChanged: () => Promise<unknown>;
}) {
  const [deploying, setDeploying] = useState(false);
  const [undeploying, setUndeploying] = useState(false);
  const [problems, setProblems] = useState<TWorkflowProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/projects/${projectId}/workflows/${workflowId}`;

  /** The new live version, or null when the deploy was refused or failed (the reason is in problems or error). */
  async function deploy(): Promise<TWorkflowVersion | null> {
    setDeploying(true);
    setError(null);
    try {
      if (!(await flush())) {
        setError("Save your changes before deploying (see the save status).");
        return null;
      }
      const version = await apiFetch(`${base}/deploy`, ZWorkflowVersion, { method: "POST" });
      setProblems(null);
      await onChanged();
      return version;
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422) {
        const parsed = ZProblems.safeParse(caught.details);
        if (parsed.success) setProblems(parsed.data);
        else setError(caught.message);
      } else setError(caught instanceof Error ? caught.message : "Deploy failed");
      return null;
    } finally {
      setDeploying(false);
    }
  }

  /** Throws on failure, for the confirmation dialog that asked for it to show. */
  async function undeploy(): Promise<TWorkflow> {
    setUndeploying(true);
    setError(null);
    try {
      const workflow = await apiFetch(`${base}/undeploy`, ZWorkflow, { method: "POST" });
      await onChanged();
      return workflow;
    } finally {
      setUndeploying(false);
    }
  }

  return { deploy, undeploy, deploying, undeploying, problems, clearProblems: () => setProblems(null), error, clearError: () => setError(null) };
}
