"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CircleStop, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { isActiveRunStatus, type TRunDetail, ZRunDetail, ZRunSummary } from "@/lib/schemas/run";
import { ReplayDialog } from "./replay-dialog";
import { formatDuration, formatExactTime, formatTime, runDurationLabel, TRIGGER_LABELS, triggerRefLabel, versionLabel } from "./run-format";
import { RunGraph, type TGraphSelection } from "./run-graph";
import { traceSteps } from "./run-path";
import { RunStatusBadge } from "./run-status-badge";
import { StepPanel } from "./step-panel";

const REFRESH_MS = 2000;

/** One run: what started it, the path it took through its version's graph, and every step's data. */
export function RunDetail({ projectId, runId }: { projectId: string; runId: string }) {
  const queryKey = ["projects", projectId, "runs", "detail", runId];
  const run = useQuery({
    queryKey,
    queryFn: () => apiFetch(`/projects/${projectId}/runs/${runId}`, ZRunDetail),
    refetchInterval: (query) => (query.state.data && isActiveRunStatus(query.state.data.status) ? REFRESH_MS : false),
  });
  const backLink = (
    <Link href={`/${projectId}/runs`} className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-neutral-600 hover:text-neutral-900">
      <ArrowLeft aria-hidden className="size-4" /> Task History
    </Link>
  );

  if (run.isPending) {
    return (
      <div aria-busy="true">
        {backLink}
        <span className="sr-only" role="status">Loading the run…</span>
        <Skeleton className="mb-4 h-10 w-72" />
        <Skeleton className="mb-6 h-24" />
        <Skeleton className="h-96" />
      </div>
    );
  }
  if (run.isError) {
    const missing = run.error instanceof ApiError && run.error.status === 404;
    return (
      <div>
        {backLink}
        <ErrorState
          title={missing ? "Run not found" : "Could not load the run"}
          message={missing ? "It may have been deleted after the project's retention period." : run.error.message}
          onRetry={missing ? undefined : () => void run.refetch()}
        />
      </div>
    );
  }
  return (
    <div>
      {backLink}
      <LoadedRun projectId={projectId} run={run.data} />
    </div>
  );
}

/** A time to the second, with milliseconds and the zone on hover. */
function ExactTime({ iso }: { iso: string | null }) {
  if (!iso) return "—";
  return (
    <time dateTime={iso} title={formatExactTime(iso)}>
      {formatTime(iso)}
    </time>
  );
}

function lateBy(run: TRunDetail): string {
  if (run.latenessMs === null) return isActiveRunStatus(run.status) ? "Not started yet" : "Never started";
  return run.latenessMs < 0 ? `${formatDuration(-run.latenessMs)} early` : formatDuration(run.latenessMs);
}

type TFact = [string, React.ReactNode];

/** A schedule run's tick, its start, how late that was, and the zone of the tick (the workflow's, or the user's own). */
function scheduleFacts(run: TRunDetail): TFact[] {
  const facts: TFact[] = [
    ["Scheduled for", <ExactTime key="scheduled" iso={run.scheduledAt} />],
    ["Started", <ExactTime key="started" iso={run.startedAt} />],
    ["Late by", lateBy(run)],
  ];
  if (typeof run.input.timezone === "string") facts.push(["Time zone", run.input.timezone]);
  return facts;
}

function LoadedRun({ projectId, run }: { projectId: string; run: TRunDetail }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [selection, setSelection] = useState<TGraphSelection>(() => run.error?.stepId ?? "trigger");
  const [cancelOpen, setCancelOpen] = useState(false);
  const [replayOpen, setReplayOpen] = useState(false);
  const traces = useMemo(() => traceSteps(run.steps), [run.steps]);
  const active = isActiveRunStatus(run.status);
  const how = triggerRefLabel(run.triggerRef);

  const facts: TFact[] = [
    ["Status", <RunStatusBadge key="status" status={run.status} waitingForSlot={run.waitingForSlot} retrying={run.retrying} />],
    ["Version", run.workflowVersion.kind === "test" ? "Draft test run" : versionLabel(run.workflowVersion)],
    ["User", run.userId ?? "—"],
    ["Trigger", `${TRIGGER_LABELS[run.triggerType]}${how ? ` (${how})` : ""}`],
    // A schedule run's tick, start and lateness read as one row.
    ...(run.scheduledAt
      ? [...scheduleFacts(run), ["Created", formatTime(run.createdAt)] as TFact]
      : [["Created", formatTime(run.createdAt)] as TFact, ["Started", <ExactTime key="started" iso={run.startedAt} />] as TFact]),
    ["Finished", formatTime(run.finishedAt)],
    ["Duration", runDurationLabel(run)],
  ];
  if (run.status === "waiting" && run.resumeAt) facts.push(["Continues at", formatTime(run.resumeAt)]);
  if (run.replayOfRunId) {
    facts.push([
      "Replay of",
      <Link key="replay" href={`/${projectId}/runs/${run.replayOfRunId}`} className="font-mono text-accent-700 hover:underline">
        {run.replayOfRunId.slice(0, 8)}
      </Link>,
    ]);
  }

  return (
    <>
      <PageHeader
        title={run.workflow.name}
        description={<span className="font-mono text-xs break-all">Run {run.id}</span>}
        actions={
          <>
            {active && (
              <Button type="button" variant="secondary" onClick={() => setCancelOpen(true)}>
                <CircleStop aria-hidden /> Cancel run
              </Button>
            )}
            <Button type="button" onClick={() => setReplayOpen(true)}>
              <RotateCcw aria-hidden /> Replay
            </Button>
          </>
        }
      />

      <Card className="mb-6">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 px-4 py-4 sm:grid-cols-4 sm:px-6">
          {facts.map(([term, value]) => (
            <div key={term} className="min-w-0">
              <dt className="text-xs font-medium text-neutral-500">{term}</dt>
              <dd className="mt-0.5 text-sm break-words text-neutral-900">{value}</dd>
            </div>
          ))}
        </dl>
        {run.error && (
          <p role="alert" className="border-t border-danger-200 bg-danger-50 px-4 py-3 text-sm break-words text-danger-800 sm:px-6">
            Failed at step <code className="font-mono">{run.error.lane}{run.error.stepId}</code>: {run.error.message}
          </p>
        )}
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <RunGraph graph={run.graph} traces={traces} selected={selection} onSelect={setSelection} runActive={active} />
        <StepPanel run={run} selection={selection} trace={traces.get(selection)} runActive={active} />
      </div>

      <ConfirmDialog
        open={cancelOpen}
        onOpenChange={setCancelOpen}
        title="Cancel this run?"
        description="A queued or waiting run stops now. A running one stops before its next step; the step in flight finishes and is recorded."
        confirmLabel="Cancel run"
        cancelLabel="Keep it running"
        destructive
        onConfirm={async () => {
          await apiFetch(`/projects/${projectId}/runs/${run.id}/cancel`, ZRunSummary, { method: "POST" });
          await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "runs"] });
          toast({ title: "Run cancelled", variant: "success" });
        }}
      />
      {replayOpen && <ReplayDialog projectId={projectId} run={run} open={replayOpen} onOpenChange={setReplayOpen} />}
    </>
  );
}
