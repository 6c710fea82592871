"use client";

// The deployed versions of a workflow, newest first. Picking one loads its graph so the workspace can show it read-only.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { ZWorkflowVersion, ZWorkflowVersionList, type TWorkflowVersion, type TWorkflowVersionSummary } from "@/lib/schemas/workflow-api";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

type TVersionHistoryProps = {
  projectId: string;
  workflowId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The version currently shown on the canvas, if any. */
  viewingId: string | null;
  onView: (version: TWorkflowVersion) => void;
};

export function VersionHistoryDialog({ projectId, workflowId, open, onOpenChange, viewingId, onView }: TVersionHistoryProps) {
  const queryClient = useQueryClient();
  const base = `/projects/${projectId}/workflows/${workflowId}/versions`;
  const versions = useQuery({
    queryKey: ["projects", projectId, "workflows", workflowId, "versions"],
    queryFn: () => apiFetch(base, ZWorkflowVersionList),
    enabled: open,
    staleTime: 0, // a deploy since the last opening adds a version
  });
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  async function view(summary: TWorkflowVersionSummary) {
    setLoadingId(summary.id);
    setLoadError(null);
    try {
      const version = await queryClient.fetchQuery({
        queryKey: ["projects", projectId, "workflows", workflowId, "versions", summary.id],
        queryFn: () => apiFetch(`${base}/${summary.id}`, ZWorkflowVersion),
        staleTime: Infinity, // a deployed version never changes
      });
      onView(version);
      onOpenChange(false);
    } catch (error) {
      setLoadError(`Couldn't load version ${summary.version}: ${error instanceof Error ? error.message : "unknown error"}`);
    } finally {
      setLoadingId(null);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setLoadError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent title="Version history" description="Every deploy makes a version. Open one to look at it, or restore it into the draft.">
        {loadError && (
          <p role="alert" className="mb-3 rounded-md border border-danger-200 bg-danger-50 px-3 py-2 text-sm text-danger-800">
            {loadError}
          </p>
        )}
        {versions.isPending ? (
          <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading versions">
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : versions.isError ? (
          <ErrorState message={versions.error.message} onRetry={() => void versions.refetch()} />
        ) : versions.data.versions.length === 0 ? (
          <p className="py-6 text-center text-sm text-neutral-500">No versions yet. Deploy the workflow to create the first one.</p>
        ) : (
          <ul className="flex max-h-96 flex-col gap-1 overflow-y-auto" aria-label="Deployed versions">
            {versions.data.versions.map((version) => {
              const current = version.id === viewingId;
              return (
                <li key={version.id}>
                  <button
                    type="button"
                    onClick={() => void view(version)}
                    disabled={loadingId !== null}
                    aria-current={current ? "true" : undefined}
                    className="flex w-full items-center gap-3 rounded-md border border-neutral-200 px-3 py-2 text-left hover:bg-neutral-50 focus-visible:border-accent-500 focus-visible:outline-2 focus-visible:outline-accent-500 disabled:opacity-60 aria-[current=true]:border-accent-400 aria-[current=true]:bg-accent-50"
                  >
                    <span className="w-12 shrink-0 font-mono text-sm font-semibold text-neutral-900">v{version.version}</span>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm text-neutral-800">{version.createdBy?.name ?? "API key"}</span>
                      <time dateTime={version.createdAt} className="block text-xs text-neutral-500">
                        {dateTime.format(new Date(version.createdAt))}
                      </time>
                    </span>
                    {version.deployed && <Badge variant="success">Live</Badge>}
                    {current && <Badge variant="accent">Viewing</Badge>}
                    {loadingId === version.id ? <Spinner className="[&_svg]:size-4" /> : <Eye aria-hidden className="size-4 text-neutral-400" />}
                    <span className="sr-only">View version {version.version}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
