"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { SearchX, Users } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ListSkeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { TextFilter } from "@/components/ui/text-filter";
import { formatExactTime, formatTime } from "@/components/runs/run-format";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TConnectedUser, ZConnectedUserList } from "@/lib/schemas/connected-user";
import { metadataSummary } from "./metadata-summary";

/**
 * The project's connected users, newest first: who they are (their id and the metadata your app sent), how many
 * workflows they switched on, and links to their runs. Per-user workflow settings arrive with the Connect Portal.
 */
export function ConnectedUsers({ projectId }: { projectId: string }) {
  const id = useId();
  const [q, setQ] = useState("");
  const users = useInfiniteQuery({
    queryKey: ["projects", projectId, "users", q],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: "50" });
      if (q) query.set("q", q);
      if (pageParam) query.set("cursor", pageParam);
      return apiFetch(`/projects/${projectId}/users?${query}`, ZConnectedUserList);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const list = users.data?.pages.flatMap((page) => page.users) ?? [];

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end gap-3" role="group" aria-label="Filter users">
        <TextFilter
          id={`${id}-search`}
          type="search"
          label="User ID"
          placeholder="Starts with…"
          clearLabel="Clear the search"
          className="w-80"
          value={q}
          onCommit={setQ}
        />
      </div>
      {users.isPending ? (
        <ListSkeleton label="Loading users…" rows={6} rowClassName="h-11" />
      ) : users.isError && list.length === 0 ? (
        <ErrorState title="Could not load users" message={users.error.message} onRetry={() => void users.refetch()} />
      ) : list.length === 0 ? (
        q ? (
          <EmptyState
            icon={<SearchX />}
            title={`No user ID starts with “${q}”`}
            description="The search matches the start of the ID your app signs into the user token (its sub)."
            action={
              <Button type="button" variant="secondary" onClick={() => setQ("")}>
                Clear the search
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<Users />}
            title="No connected users yet"
            description={
              <>
                A user appears here the first time your app signs them in with <code className="font-mono text-xs">switchyard.authenticate</code> or
                sends an event for them. Settings → Signing keys makes the key their tokens are signed with.
              </>
            }
          />
        )
      ) : (
        <>
          <UsersTable projectId={projectId} users={list} />
          <div className="mt-4 flex items-center justify-center gap-3">
            {users.hasNextPage && (
              <Button type="button" variant="secondary" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
                Load more
              </Button>
            )}
            {users.isError && (
              <span role="alert" className="text-sm text-danger-700">
                Could not load more: {users.error.message}
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function UsersTable({ projectId, users }: { projectId: string; users: TConnectedUser[] }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>User ID</TH>
          <TH>Metadata</TH>
          <TH>Workflows on</TH>
          <TH>First seen</TH>
          <TH>Last seen</TH>
          <TH>
            <span className="sr-only">Runs</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {users.map((user) => (
          <TR key={user.id} data-testid={`user-${user.externalId}`}>
            <TD className="max-w-64 font-mono text-xs break-all">{user.externalId}</TD>
            <TD className="max-w-80 text-xs text-neutral-600">{metadataSummary(user.metadata) || <span className="text-neutral-400">—</span>}</TD>
            <TD className="tabular-nums" title="Workflows this user switched on; those enabled for all users are not counted">
              {user.enabledWorkflowIds.length}
            </TD>
            <TD className="whitespace-nowrap">
              <time dateTime={user.createdAt} title={formatExactTime(user.createdAt)}>
                {formatTime(user.createdAt)}
              </time>
            </TD>
            <TD className="whitespace-nowrap">
              <time dateTime={user.lastSeenAt} title={formatExactTime(user.lastSeenAt)}>
                {formatTime(user.lastSeenAt)}
              </time>
            </TD>
            <TD className="whitespace-nowrap text-right">
              <Link href={`/${projectId}/runs?q=${encodeURIComponent(user.externalId)}`} className="text-sm font-medium text-accent-700 hover:underline">
                Runs<span className="sr-only"> of {user.externalId}</span>
              </Link>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
