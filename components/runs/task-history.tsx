"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { SearchX, History } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
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
export function TaskHistory({ projectId }: { projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => readRunFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setFilters = useCallback(
    (next: TRunFilters) => {
      const query = writeRunFilters(next).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  const runs = useInfiniteQuery({
    queryKey: ["projects", projectId, "runs", writeRunFilters(filters).toString()],
    queryFn: ({ pageParam }) => apiFetch(`/projects/${projectId}/runs?${runListQuery(filters, { cursor: pageParam, now: Date.now() })}`, ZRunList),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (hasActiveRun(query.state.data?.pages) ? REFRESH_MS : false),
  });
  const list = runs.data?.pages.flatMap((page) => page.runs) ?? [];

  return (
    <div>
      <RunFilters projectId={projectId} filters={filters} onChange={setFilters} />
      {runs.isPending ? (
        <ListSkeleton label="Loading runs…" rows={6} rowClassName="h-11" />
      ) : runs.isError && list.length === 0 ? (
        <ErrorState title="Could not load runs" message={runs.error.message} onRetry={() => void runs.refetch()} />
      ) : list.length === 0 ? (
        hasRunFilters(filters) ? (
          <EmptyState
            icon={<SearchX />}
            title="No runs match these filters"
            description="Widen the time range or remove a filter."
            action={
              <Button type="button" variant="secondary" onClick={() => setFilters({ statuses: [] })}>
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
