"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Radio, SearchX, Webhook } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ListSkeleton } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TEventList, type TEventLogEntry, ZEventList, ZEventLogEntry } from "@/lib/schemas/event-log";
import { EventDetailDrawer } from "./event-detail-drawer";
import {
  eventLogHref,
  hasEventFilters,
  isWebhookScoped,
  OPEN_EVENT_PARAM,
  readEventFilters,
  readOpenEventId,
  type TEventFilters,
  writeEventFilters,
} from "./event-filter-params";
import { EventFilters } from "./event-filters";
import { EventsTable } from "./events-table";

const REFRESH_MS = 5000;

const WHERE_DELIVERIES_COME_FROM = "Point an integration's webhook at the endpoint URL shown in a webhook-triggered workflow's trigger panel.";

/** The Event Log: filters in the URL, newest events first, more on demand, refreshed every few seconds. */
export function EventLog({ projectId, initialPage }: { projectId: string; initialPage?: TEventList }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = useMemo(() => new URLSearchParams(searchParams.toString()), [searchParams]);
  const filters = useMemo(() => readEventFilters(params), [params]);
  const filterQuery = writeEventFilters(filters).toString();
  // The history API rather than the router: the URL changes at once (no server round trip), so a second change
  // right after a first builds on it; Next.js keeps useSearchParams in step.
  const showFilters = useCallback(
    (next: TEventFilters) => window.history.replaceState(null, "", eventLogHref({ pathname, filters: next, openEventId: null })),
    [pathname],
  );
  const changeFilters = useCallback(
    (patch: Partial<TEventFilters>) => showFilters({ ...readEventFilters(new URLSearchParams(window.location.search)), ...patch }),
    [showFilters],
  );
  const clearFilters = useCallback(() => showFilters({}), [showFilters]);

  const events = useInfiniteQuery({
    queryKey: ["projects", projectId, "events", filterQuery],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(filterQuery);
      if (pageParam) query.set("cursor", pageParam);
      return apiFetch(`/projects/${projectId}/events?${query}`, ZEventList);
    },
    initialPageParam: null as string | null,
    // The unfiltered first page, read by the page on the server.
    initialData: filterQuery === "" && initialPage ? { pages: [initialPage], pageParams: [null] } : undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: REFRESH_MS,
  });
  const list = useMemo(() => events.data?.pages.flatMap((page) => page.events) ?? [], [events.data]);

  // Names seen this visit, suggested in the name filter (which matches any part of a name).
  const [knownNames, setKnownNames] = useState<string[]>([]);
  const unseen = list.some((event) => !knownNames.includes(event.name));
  if (unseen) setKnownNames([...new Set([...knownNames, ...list.map((event) => event.name)])].sort());

  // The open event is in the URL (?event=), so it can be linked to: a duplicate delivery links to its original.
  // It follows refreshes while listed (its runs' statuses change), and is fetched on its own when it is not.
  const openId = readOpenEventId(params);
  const [clicked, setClicked] = useState<TEventLogEntry | null>(null);
  const listed = openId ? list.find((event) => event.id === openId) : undefined;
  const single = useQuery({
    queryKey: ["projects", projectId, "event", openId],
    queryFn: () => apiFetch(`/projects/${projectId}/events/${openId}`, ZEventLogEntry),
    enabled: openId !== null && listed === undefined && !events.isPending,
    refetchInterval: REFRESH_MS,
  });
  const shown = listed ?? single.data ?? (clicked?.id === openId ? clicked : null);
  // Opening and closing rewrite ?event= in place through the history API too, keeping the filters.
  const setOpenId = useCallback(
    (id: string | null) => {
      const next = new URLSearchParams(window.location.search);
      if (id) next.set(OPEN_EVENT_PARAM, id);
      else next.delete(OPEN_EVENT_PARAM);
      const query = next.toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  const eventHref = useCallback((id: string) => eventLogHref({ pathname, filters, openEventId: id }), [pathname, filters]);

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <EventFilters filters={filters} onChange={changeFilters} onClear={clearFilters} knownNames={knownNames} />
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
        <NoEvents projectId={projectId} filters={filters} onClear={clearFilters} />
      ) : (
        <>
          <EventsTable
            projectId={projectId}
            events={list}
            onOpen={(event) => {
              setClicked(event);
              setOpenId(event.id);
            }}
          />
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
      <EventDetailDrawer
        projectId={projectId}
        open={openId !== null}
        event={shown}
        error={shown === null && single.isError ? single.error.message : null}
        onRetry={() => void single.refetch()}
        onClose={() => setOpenId(null)}
        eventHref={eventHref}
      />
    </div>
  );
}

function NoEvents({ projectId, filters, onClear }: { projectId: string; filters: TEventFilters; onClear: () => void }) {
  const clear = (
    <Button type="button" variant="secondary" onClick={onClear}>
      Clear filters
    </Button>
  );
  if (isWebhookScoped(filters)) {
    const onlyWebhooks = writeEventFilters(filters).toString() === "source=webhook";
    return (
      <EmptyState
        icon={<Webhook />}
        title={onlyWebhooks ? "No webhook deliveries yet" : "No webhook deliveries match these filters"}
        description={
          <>
            Deliveries appear here as integrations send them. {WHERE_DELIVERIES_COME_FROM}
            {!onlyWebhooks && " Remove a filter to see more."}
          </>
        }
        action={clear}
      />
    );
  }
  if (hasEventFilters(filters)) {
    return (
      <EmptyState
        icon={<SearchX />}
        title="No events match these filters"
        description="Remove a filter to see more."
        action={clear}
      />
    );
  }
  return (
    <EmptyState
      title="No events yet"
      description={
        <>
          Events appear here as your app sends them: <code className="font-mono text-xs">switchyard.event(name, payload)</code> from the
          SDK, or <code className="font-mono text-xs break-all">POST /api/v1/projects/{projectId}/events</code> from your servers. Webhook
          deliveries appear here too. {WHERE_DELIVERIES_COME_FROM}
        </>
      }
    />
  );
}
