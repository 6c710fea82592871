"use client";

// Create, rename, duplicate and delete from the Workflows page. Rename and delete show at once in every
// cached list and are undone if the server refuses; create and duplicate wait for the new id.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { type TWorkflowListItem, ZWorkflow } from "@/lib/schemas/workflow-api";
import { editCachedLists } from "./workflow-format";

export function useWorkflowMutations(projectId: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const base = `/projects/${projectId}/workflows`;
  const refreshLists = () => queryClient.invalidateQueries({ queryKey: ["projects", projectId, "workflows"] });

  const create = useMutation({
    mutationFn: (name: string) => apiFetch(base, ZWorkflow, { method: "POST", body: { name } }),
    onSuccess: () => void refreshLists(),
  });

  const rename = useMutation({
    mutationFn: ({ workflow, name }: { workflow: TWorkflowListItem; name: string }) =>
      apiFetch(`${base}/${workflow.id}`, ZWorkflow, { method: "PATCH", body: { draftRevision: workflow.draftRevision, name } }),
    onMutate: ({ workflow, name }) => ({
      undo: editCachedLists(queryClient, projectId, (list) => list.map((item) => (item.id === workflow.id ? { ...item, name } : item))),
    }),
    onError: (error, { workflow }, context) => {
      context?.undo();
      // 409: saved elsewhere (the editor) since this list was loaded; the refetch brings the new revision.
      const message = error instanceof ApiError && error.status === 409 ? "It was changed elsewhere meanwhile. The list is reloaded; rename it again." : error.message;
      toast({ title: `Couldn’t rename “${workflow.name}”`, description: message, variant: "error" });
    },
    onSuccess: (saved) => {
      editCachedLists(queryClient, projectId, (list) =>
        list.map((item) => (item.id === saved.id ? { ...item, name: saved.name, draftRevision: saved.draftRevision, updatedAt: saved.updatedAt } : item)),
      );
      queryClient.setQueryData(["projects", projectId, "workflows", saved.id], saved);
    },
    onSettled: () => void refreshLists(),
  });

  const duplicate = useMutation({
    mutationFn: (workflow: TWorkflowListItem) => apiFetch(`${base}/${workflow.id}/duplicate`, ZWorkflow, { method: "POST", body: {} }),
    // Not optimistic: the copy's row needs its id, and where it sorts is the server's to say.
    onSuccess: async (copy) => {
      await refreshLists();
      toast({ title: `Duplicated as “${copy.name}”`, variant: "success" });
    },
    onError: (error, workflow) => toast({ title: `Couldn’t duplicate “${workflow.name}”`, description: error.message, variant: "error" }),
  });

  const remove = useMutation({
    mutationFn: (workflow: TWorkflowListItem) => apiFetch(`${base}/${workflow.id}`, z.null(), { method: "DELETE" }),
    onMutate: (workflow) => ({ undo: editCachedLists(queryClient, projectId, (list) => list.filter((item) => item.id !== workflow.id)) }),
    onError: (_error, _workflow, context) => context?.undo(),
    onSuccess: (_result, workflow) => {
      queryClient.removeQueries({ queryKey: ["projects", projectId, "workflows", workflow.id] });
      toast({ title: `“${workflow.name}” deleted`, variant: "success" });
    },
    onSettled: () => void refreshLists(),
  });

  return { create, rename, duplicate, remove };
}
