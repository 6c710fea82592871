"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Ellipsis, Pencil, Plus, Search, SearchX, Trash2, Zap } from "lucide-react";
import Link from "next/link";
import { Fragment, useState } from "react";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { ListSkeleton } from "@/components/ui/skeleton";
import { ActionsTH, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TAppEvent, ZAppEventList } from "@/lib/schemas/app-event";
import { AppEventDialog } from "./app-event-dialog";
import { appEventsQueryKey, formatFullDateTime, formatReceivedAt, VALIDATION_MODE_LABELS } from "./app-event-format";

/** The App Events tab: search, the list with usage, and create / edit / delete. */
export function AppEventsTable({ projectId }: { projectId: string }) {
  const queryKey = appEventsQueryKey(projectId);
  const queryClient = useQueryClient();
  const toast = useToast();
  const appEvents = useQuery({ queryKey, queryFn: () => apiFetch(`/projects/${projectId}/app-events`, ZAppEventList) });
  const [search, setSearch] = useState("");
  const [dialog, setDialog] = useState<{ open: boolean; appEvent: TAppEvent | null }>({ open: false, appEvent: null });
  const [deleting, setDeleting] = useState<TAppEvent | null>(null);

  const openCreate = () => setDialog({ open: true, appEvent: null });
  const openEdit = (appEvent: TAppEvent) => setDialog({ open: true, appEvent });
  const list = appEvents.data?.appEvents ?? [];
  const needle = search.trim().toLowerCase();
  const shown = needle ? list.filter((appEvent) => appEvent.name.toLowerCase().includes(needle)) : list;

  return (
    <div>
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative w-full sm:max-w-xs">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-neutral-400" />
          <Input
            type="search"
            aria-label="Search App Events by name"
            placeholder="Search by name"
            className="pl-8"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            disabled={list.length === 0}
          />
        </div>
        <Button type="button" onClick={openCreate}>
          <Plus aria-hidden="true" /> New App Event
        </Button>
      </div>

      {appEvents.isPending ? (
        <ListSkeleton label="Loading App Events…" />
      ) : appEvents.isError ? (
        <ErrorState title="Could not load App Events" message={appEvents.error.message} onRetry={() => void appEvents.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={<Zap />}
          title="No App Events yet"
          description="Define the events your app sends for its users, like “Contact Created”, with an example payload. Workflows then start when one arrives."
          action={
            <Button type="button" onClick={openCreate}>
              <Plus aria-hidden="true" /> New App Event
            </Button>
          }
        />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={<SearchX />}
          title={`No App Events match “${search.trim()}”`}
          action={
            <Button type="button" variant="secondary" onClick={() => setSearch("")}>
              Clear search
            </Button>
          }
        />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Workflows using it</TH>
              <TH>Last received</TH>
              <TH className="text-right">Last 24 h</TH>
              <ActionsTH />
            </TR>
          </THead>
          <TBody>
            {shown.map((appEvent) => (
              <AppEventRow key={appEvent.id} projectId={projectId} appEvent={appEvent} onEdit={openEdit} onDelete={setDeleting} />
            ))}
          </TBody>
        </Table>
      )}

      <AppEventDialog
        projectId={projectId}
        open={dialog.open}
        onOpenChange={(open) => setDialog((current) => ({ ...current, open }))}
        appEvent={dialog.appEvent}
      />

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete “${deleting?.name}”?`}
        description={`Events your app sends as “${deleting?.name}” will be refused from then on, and drafts that use it need another App Event before they deploy. This cannot be undone.`}
        confirmLabel="Delete App Event"
        destructive
        onConfirm={async () => {
          if (!deleting) return;
          // The server refuses while deployed workflows use it; ConfirmDialog shows its message.
          await apiFetch(`/projects/${projectId}/app-events/${deleting.id}`, z.null(), { method: "DELETE" });
          await queryClient.invalidateQueries({ queryKey });
          toast({ title: `“${deleting.name}” deleted`, variant: "success" });
        }}
      />
    </div>
  );
}

type TAppEventRowProps = {
  projectId: string;
  appEvent: TAppEvent;
  onEdit: (appEvent: TAppEvent) => void;
  onDelete: (appEvent: TAppEvent) => void;
};

function AppEventRow({ projectId, appEvent, onEdit, onDelete }: TAppEventRowProps) {
  const { usage } = appEvent;
  const draftsOnly = usage.workflowCount - usage.deployedWorkflows.length;
  return (
    <TR data-testid={`app-event-${appEvent.name}`}>
      <TD className="max-w-72">
        <button
          type="button"
          className="text-left font-medium break-words text-neutral-900 hover:underline"
          onClick={() => onEdit(appEvent)}
        >
          {appEvent.name}
        </button>
        {appEvent.validationMode !== "off" && (
          <Badge variant={appEvent.validationMode === "reject" ? "warning" : "neutral"} className="ml-2">
            Validation: {VALIDATION_MODE_LABELS[appEvent.validationMode]}
          </Badge>
        )}
      </TD>
      <TD className="min-w-48">
        {usage.workflowCount === 0 ? (
          <span className="text-neutral-500">None</span>
        ) : (
          <div className="flex flex-col gap-0.5">
            <span>
              {usage.workflowCount} {usage.workflowCount === 1 ? "workflow" : "workflows"}
            </span>
            {usage.deployedWorkflows.length > 0 && (
              <span className="text-xs text-neutral-600">
                Deployed:{" "}
                {usage.deployedWorkflows.map((workflow, index) => (
                  <Fragment key={workflow.id}>
                    {index > 0 && ", "}
                    <Link href={`/${projectId}/workflows/${workflow.id}`} className="text-accent-700 hover:underline">
                      {workflow.name}
                    </Link>
                  </Fragment>
                ))}
              </span>
            )}
            {draftsOnly > 0 && <span className="text-xs text-neutral-500">{draftsOnly} in drafts only</span>}
          </div>
        )}
      </TD>
      <TD className="whitespace-nowrap">
        {usage.lastReceivedAt ? (
          <time dateTime={usage.lastReceivedAt} title={formatFullDateTime(usage.lastReceivedAt)}>
            {formatReceivedAt(usage.lastReceivedAt)}
          </time>
        ) : (
          <span className="text-neutral-500">Never</span>
        )}
      </TD>
      <TD className="text-right tabular-nums">{usage.last24h.toLocaleString()}</TD>
      <TD className="w-12 text-right">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button type="button" variant="ghost" size="sm" className="px-2" aria-label={`Actions for ${appEvent.name}`}>
              <Ellipsis aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuItem onSelect={() => onEdit(appEvent)}>
              <Pencil aria-hidden="true" /> Edit
            </DropdownMenuItem>
            <DropdownMenuItem destructive onSelect={() => onDelete(appEvent)}>
              <Trash2 aria-hidden="true" /> Delete
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </TD>
    </TR>
  );
}
