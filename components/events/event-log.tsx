"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Radio, SearchX } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ListSkeleton } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TEventLogEntry, ZEventList } from "@/lib/schemas/event-log";
import { EventDetailDrawer } from "./event-detail-drawer";
import { EventFilters, hasEventFilters, readEventFilters, type TEventFilters, writeEventFilters } from "./event-filters";
import { EventsTable } from "./events-table";

const REFRESH_MS = 5000;

/** The Event Log: filters in the URL, newest events first, more on demand, refreshed every few seconds. */
export function EventLog({ projectId }: { projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => readEventFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const filterQuery = writeEventFilters(filters).toString();
  const setFilters = useCallback(
    (next: TEventFilters) => {
      const query = writeEventFilters(next).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  const events = useInfiniteQuery({
    queryKey: ["projects", projectId, "events", filterQuery],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(filterQuery);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch(`/projects/${projectId}/events?${params}`, ZEventList);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: REFRESH_MS,
  });
  const list = useMemo(() => events.data?.pages.flatMap((page) => page.events) ?? [], [events.data]);

  // Names seen this visit, suggested in the name filter (which matches exactly).
  const [knownNames, setKnownNames] = useState<string[]>([]);
  const unseen = list.some((event) => !knownNames.includes(event.name));
  if (unseen) setKnownNames([...new Set([...knownNames, ...list.map((event) => event.name)])].sort());

  // The open event follows refreshes (its runs' statuses change), and stays open if it drops off the list.
  const [opened, setOpened] = useState<TEventLogEntry | null>(null);
  const shown = opened ? (list.find((event) => event.id === opened.id) ?? opened) : null;

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <EventFilters filters={filters} onChange={setFilters} knownNames={knownNames} />
        <p className="mb-4 flex items-center gap-1.5 text-xs text-neutral-500">
          <Radio aria-hidden className={events.isFetching ? "size-3.5 text-accent-600" : "size-3.5"} />
          Refreshes every {REFRESH_MS / 1000} s
        </p>
      </div>
      {events.isPending ? (
        <ListSkeleton label="Loading events…" rows={6} rowClassName="h-11" />
      ) : events.isError && list.length === 0 ? (
        <ErrorState title="Could not load events" message={events.error.message} onRetry={() => void events.refetch()} />
      ) : list.length === 0 ? (
        hasEventFilters(filters) ? (
          <EmptyState
            icon={<SearchX />}
            title="No events match these filters"
            description="The name must match exactly. Remove a filter to see more."
            action={
              <Button type="button" variant="secondary" onClick={() => setFilters({})}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No events yet"
            description={
              <>
                Events appear here as your app sends them: <code className="font-mono text-xs">switchyard.event(name, payload)</code> from
                the SDK, or <code className="font-mono text-xs break-all">POST /api/v1/projects/{projectId}/events</code> from your servers.
              </>
            }
          />
        )
      ) : (
        <>
          <EventsTable projectId={projectId} events={list} onOpen={setOpened} />
          <div className="mt-4 flex items-center justify-center gap-3">
            {events.hasNextPage && (
              <Button type="button" variant="secondary" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                Load more
              </Button>
            )}
            {events.isError && (
              <span role="alert" className="text-sm text-danger-700">
                Could not refresh: {events.error.message}
              </span>
            )}
          </div>
        </>
      )}
      <EventDetailDrawer projectId={projectId} event={shown} onClose={() => setOpened(null)} />
    </div>
  );
}
