"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LoaderCircle, Plus, Search, SearchX, Workflow } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { ListSkeleton } from "@/components/ui/skeleton";
import { ActionsTH, Table, TBody, TH, THead, TR } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TWorkflowListItem, ZWorkflowList } from "@/lib/schemas/workflow-api";
import { useWorkflowMutations } from "./use-workflow-mutations";
import { OVERDUE_AFTER_MS, soonestNextTick, workflowsQueryKey } from "./workflow-format";
import { WorkflowNameDialog } from "./workflow-name-dialog";
import { WorkflowRow } from "./workflow-row";

const SEARCH_DEBOUNCE_MS = 300;

/** The search box's text, written to ?q= once typing pauses; the URL is what the list shows. */
function useSearchQuery() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const q = (searchParams.get("q") ?? "").trim();
  const [text, setText] = useState(q);
  // Back/forward changes ?q= under us: the box follows the URL.
  const [seenQ, setSeenQ] = useState(q);
  if (q !== seenQ) {
    setSeenQ(q);
    if (text.trim() !== q) setText(q);
  }
  useEffect(() => {
    const next = text.trim();
    if (next === q) return;
    const timer = setTimeout(() => router.replace(next ? `${pathname}?q=${encodeURIComponent(next)}` : pathname, { scroll: false }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, q, pathname, router]);
  return { q, text, setText, clear: () => setText("") };
}

/**
 * When to fetch the list again for its schedules' next ticks: just after the soonest one passes (the worker
 * has moved it on by then), at most every 5 s; every 30 s while it is overdue; never without schedules.
 */
function nextScheduleRefresh(workflows: TWorkflowListItem[] | undefined): number | false {
  const soonest = soonestNextTick(workflows);
  if (soonest === null) return false;
  const untilDue = soonest - Date.now();
  return untilDue < -OVERDUE_AFTER_MS ? 30_000 : Math.max(untilDue + 1000, 5000);
}

/** The clock the relative times count from: every second while a tick is a minute or two away, else every 30 s. */
function useNow(soonestTick: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const period = soonestTick !== null && Math.abs(soonestTick - now) < 120_000 ? 1000 : 30_000;
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), period);
    return () => clearInterval(timer);
  }, [period]);
  return now;
}

/** The Workflows page: search, the list with trigger, state and recent runs, and create / rename / duplicate / delete. */
export function WorkflowsList({ projectId, initialWorkflows }: { projectId: string; initialWorkflows?: TWorkflowListItem[] }) {
  const router = useRouter();
  const search = useSearchQuery();
  const workflows = useQuery({
    queryKey: workflowsQueryKey(projectId, search.q),
    queryFn: () => apiFetch(`/projects/${projectId}/workflows${search.q ? `?q=${encodeURIComponent(search.q)}` : ""}`, ZWorkflowList),
    // Read by the page on the server for the unfiltered list; a search is always fetched.
    initialData: !search.q && initialWorkflows ? { workflows: initialWorkflows } : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => nextScheduleRefresh(query.state.data?.workflows),
  });
  const { create, rename, duplicate, remove } = useWorkflowMutations(projectId);
  const [renaming, setRenaming] = useState<TWorkflowListItem | null>(null);
  const [deleting, setDeleting] = useState<TWorkflowListItem | null>(null);

  const list = workflows.data?.workflows ?? [];
  const now = useNow(soonestNextTick(list));
  const searching = workflows.isFetching && workflows.isPlaceholderData;
  // A new workflow opens straight in the editor, where it is named, built and deployed.
  const newWorkflowButton = (
    <Button
      type="button"
      loading={create.isPending}
      onClick={() => create.mutate("Untitled workflow", { onSuccess: (workflow) => router.push(`/${projectId}/workflows/${workflow.id}`) })}
    >
      {!create.isPending && <Plus aria-hidden="true" />} New workflow
    </Button>
  );

  return (
    <div>
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative w-full sm:max-w-xs">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-neutral-400" />
          <Input
            type="search"
            aria-label="Search workflows by name"
            placeholder="Search by name"
            className="pr-8 pl-8"
            value={search.text}
            onChange={(event) => search.setText(event.target.value)}
            disabled={workflows.isSuccess && list.length === 0 && !search.q}
          />
          {searching && (
            <LoaderCircle aria-hidden="true" className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2 animate-spin text-neutral-400" />
          )}
        </div>
        {newWorkflowButton}
      </div>

      {create.isError && (
        <p role="alert" className="mb-4 rounded-md border border-danger-200 bg-danger-50 px-3 py-2 text-sm text-danger-800">
          Couldn’t create the workflow: {create.error.message}
        </p>
      )}

      {workflows.isPending ? (
        <ListSkeleton label="Loading workflows…" />
      ) : workflows.isError ? (
        <ErrorState title="Could not load workflows" message={workflows.error.message} onRetry={() => void workflows.refetch()} />
      ) : list.length === 0 && !search.q ? (
        <EmptyState
          icon={<Workflow />}
          title="No workflows yet"
          description="A workflow starts from an App Event, a webhook, a schedule or a request, and runs its steps for each of your users."
          action={newWorkflowButton}
        />
      ) : list.length === 0 ? (
        <EmptyState
          icon={<SearchX />}
          title={`No workflows match “${search.q}”`}
          action={
            <Button type="button" variant="secondary" onClick={search.clear}>
              Clear search
            </Button>
          }
        />
      ) : (
        <Table aria-busy={searching || undefined}>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Trigger</TH>
              <TH>State</TH>
              <TH>Last run</TH>
              <TH className="text-right">Last 24 h</TH>
              <ActionsTH />
            </TR>
          </THead>
          <TBody>
            {list.map((workflow) => (
              <WorkflowRow
                key={workflow.id}
                projectId={projectId}
                workflow={workflow}
                now={now}
                actions={{ onRename: setRenaming, onDuplicate: (item) => duplicate.mutate(item), onDelete: setDeleting }}
              />
            ))}
          </TBody>
        </Table>
      )}

      <WorkflowNameDialog
        open={renaming !== null}
        onOpenChange={(open) => !open && setRenaming(null)}
        title="Rename workflow"
        submitLabel="Rename"
        initialName={renaming?.name ?? ""}
        onSubmit={(name) => {
          // Optimistic: the row shows the new name at once; a refusal puts the old one back and says why.
          if (renaming && name !== renaming.name) rename.mutate({ workflow: renaming, name });
          setRenaming(null);
        }}
      />

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete “${deleting?.name}”?`}
        description={
          deleting?.deployedVersion !== null && deleting?.deployedVersion !== undefined
            ? "It is undeployed, so it starts no new runs and runs in progress do not continue. Its versions, its runs in Task History and your users’ settings for it are deleted with it. This cannot be undone."
            : "Its runs in Task History (test runs included) and your users’ settings for it are deleted with it. This cannot be undone."
        }
        confirmLabel="Delete workflow"
        destructive
        onConfirm={async () => {
          if (deleting) await remove.mutateAsync(deleting);
        }}
      />
    </div>
  );
}
