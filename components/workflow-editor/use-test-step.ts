"use client";

// Runs one step of the saved draft once with sample data (POST …/test-step). A step that fails is a
// result with status "failed", not a mutation error; errors are for requests the server refused.
import { useMutation } from "@tanstack/react-query";
import { apiFetch, type ApiError } from "@/lib/api-client/api-fetch";
import { type TTestStepRequest, type TTestStepResult, ZTestStepResult } from "@/lib/schemas/workflow-api";

export function useTestStep(projectId: string, workflowId: string) {
  return useMutation<TTestStepResult, ApiError, TTestStepRequest>({
    mutationKey: ["projects", projectId, "workflows", workflowId, "test-step"],
    mutationFn: (request) =>
      apiFetch(`/projects/${projectId}/workflows/${workflowId}/test-step`, ZTestStepResult, { method: "POST", body: request }),
  });
}
