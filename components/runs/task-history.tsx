"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { SearchX, History } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ListSkeleton } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { isActiveRunStatus, type TRunList, ZRunList } from "@/lib/schemas/run";
import { hasRunFilters, readRunFilters, runListQuery, type TRunFilters, writeRunFilters } from "./run-filter-params";
import { RunFilters } from "./run-filters";
import { RunsTable } from "./runs-table";

const REFRESH_MS = 5000;

const hasActiveRun = (pages: TRunList[] | undefined) => pages?.some((page) => page.runs.some((run) => isActiveRunStatus(run.status))) ?? false;

/** The Task History list: filters in the URL, newest runs first, more on demand, live while runs are in flight. */
export function TaskHistory({ projectId, initialPage }: { projectId: string; initialPage?: TRunList }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => readRunFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  // The history API rather than the router, as in the Event Log: the URL changes at once (no server round trip),
  // so a change right after another (a select while the search box's wait runs) builds on it.
  const showFilters = useCallback(
    (next: TRunFilters) => {
      const query = writeRunFilters(next).toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  const changeFilters = useCallback(
    (patch: Partial<TRunFilters>) => showFilters({ ...readRunFilters(new URLSearchParams(window.location.search)), ...patch }),
    [showFilters],
  );
  const clearFilters = useCallback(() => showFilters({ statuses: [] }), [showFilters]);

  const runs = useInfiniteQuery({
    queryKey: ["projects", projectId, "runs", writeRunFilters(filters).toString()],
    queryFn: ({ pageParam }) => apiFetch(`/projects/${projectId}/runs?${runListQuery(filters, { cursor: pageParam, now: Date.now() })}`, ZRunList),
    initialPageParam: null as string | null,
    // The unfiltered first page, read by the page on the server.
    initialData: !hasRunFilters(filters) && initialPage ? { pages: [initialPage], pageParams: [null] } : undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (hasActiveRun(query.state.data?.pages) ? REFRESH_MS : false),
  });
  const list = runs.data?.pages.flatMap((page) => page.runs) ?? [];

  return (
    <div>
      <RunFilters projectId={projectId} filters={filters} onChange={changeFilters} onClear={clearFilters} />
      {runs.isPending ? (
        <ListSkeleton label="Loading runs…" rows={6} rowClassName="h-11" />
      ) : runs.isError && list.length === 0 ? (
        <ErrorState title="Could not load runs" message={runs.error.message} onRetry={() => void runs.refetch()} />
      ) : list.length === 0 ? (
        hasRunFilters(filters) ? (
          <EmptyState
            icon={<SearchX />}
            title="No runs match these filters"
            description={
              filters.q
                ? "The search finds a whole run or event ID, or any part of a user ID. Widen the time range or remove a filter."
                : "Widen the time range or remove a filter."
            }
            action={
              <Button type="button" variant="secondary" onClick={clearFilters}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<History />}
            title="No runs yet"
            description="Runs appear here when a trigger fires for a user, or when you run a workflow by hand."
          />
        )
      ) : (
        <>
          <RunsTable projectId={projectId} runs={list} />
          <div className="mt-4 flex items-center justify-center gap-3">
            {runs.hasNextPage && (
              <Button type="button" variant="secondary" loading={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
                Load more
              </Button>
            )}
            {runs.isError && <span role="alert" className="text-sm text-danger-700">Could not refresh: {runs.error.message}</span>}
          </div>
        </>
      )}
    </div>
  );
}
