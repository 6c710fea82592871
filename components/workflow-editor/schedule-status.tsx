"use client";

// What the deployed schedule is doing: paused or not, its last tick, its next ticks and the ticks it skipped,
// with Pause/Resume and Backfill. Followed live while the panel is open (use-schedule.ts).
import { CalendarClock, History, Pause, Play } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { FormError } from "@/components/ui/form-error";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { TScheduleStatus, TScheduleTick } from "@/lib/schemas/schedule";
import { BackfillDialog, PauseDialog } from "./schedule-dialogs";
import { describeTickReason, describeTickRuns, formatInZone } from "./schedule-format";
import { useScheduleActions, useScheduleStatus } from "./use-schedule";

function ZonedTime({ iso, timezone, showZone = false }: { iso: string; timezone: string; showZone?: boolean }) {
  const { local, utcOffset } = formatInZone(iso, timezone);
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      <time dateTime={iso} className="font-mono text-neutral-900">
        {local}
      </time>
      <span className="font-mono text-neutral-500">UTC{utcOffset}</span>
      {showZone && <span className="text-neutral-500">{timezone}</span>}
    </span>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h3 id={id} className="text-sm font-medium text-neutral-800">
        {title}
      </h3>
      {children}
    </section>
  );
}

export function ScheduleStatus({ projectId, workflowId }: { projectId: string; workflowId: string }) {
  const status = useScheduleStatus(projectId, workflowId);
  if (status.isPending) return <ListSkeleton label="Loading the schedule…" rows={4} rowClassName="h-10" />;
  if (status.isError) return <ErrorState title="Could not load the schedule" message={status.error.message} onRetry={() => void status.refetch()} />;
  if (status.data === null) {
    return (
      <EmptyState
        icon={<CalendarClock />}
        title="Not deployed on a schedule"
        description="Deploy this workflow with its schedule trigger to see its ticks here, pause it or backfill past ones."
      />
    );
  }
  return <DeployedSchedule projectId={projectId} workflowId={workflowId} status={status.data} />;
}

function DeployedSchedule({ projectId, workflowId, status }: { projectId: string; workflowId: string; status: TScheduleStatus }) {
  const { pause, resume, backfill } = useScheduleActions(projectId, workflowId);
  // Users may name zones of their own; their ticks then come in several streams.
  const manyZones = status.zones.length > 1;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          {status.paused ? <Badge variant="warning">Paused</Badge> : <Badge variant="success">Active</Badge>}
          <span className="text-xs text-neutral-500">
            {status.timezone}
            {manyZones && `, and ${status.zones.length - 1} more ${status.zones.length === 2 ? "zone" : "zones"} its users name`}
          </span>
        </div>
        {status.paused && status.pausedAt && (
          <p className="text-xs text-neutral-700">
            Paused since <ZonedTime iso={status.pausedAt} timezone={status.timezone} />
            {status.pauseNote && <span className="mt-1 block rounded bg-warning-50 px-2 py-1 text-warning-900">{status.pauseNote}</span>}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {status.paused ? (
            <Button size="sm" variant="secondary" loading={resume.isPending} onClick={() => resume.mutate()}>
              {!resume.isPending && <Play aria-hidden />} Resume
            </Button>
          ) : (
            <PauseDialog pause={pause}>
              <Button size="sm" variant="secondary">
                <Pause aria-hidden /> Pause
              </Button>
            </PauseDialog>
          )}
          <BackfillDialog projectId={projectId} workflowId={workflowId} timezone={status.timezone} backfill={backfill}>
            <Button size="sm" variant="secondary">
              <History aria-hidden /> Backfill
            </Button>
          </BackfillDialog>
        </div>
        <FormError message={resume.error?.message} />
      </div>

      <Section id="schedule-last-tick" title="Last tick">
        {status.lastTick ? <TickLine tick={status.lastTick} showZone={manyZones} /> : <p className="text-xs text-neutral-500">No tick yet.</p>}
      </Section>

      <Section id="schedule-next-ticks" title="Next ticks">
        {status.upcoming.length === 0 ? (
          <p className="text-xs text-neutral-500">{status.paused ? "None while the schedule is paused." : "This schedule fires no more."}</p>
        ) : (
          <ol className="flex flex-col gap-1 text-xs">
            {status.upcoming.map((tick) => (
              <li key={`${tick.timezone} ${tick.at}`}>
                <ZonedTime iso={tick.at} timezone={tick.timezone} showZone={manyZones} />
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id="schedule-skipped-ticks" title="Recently skipped">
        {status.recentSkipped.length === 0 ? (
          <p className="text-xs text-neutral-500">No tick has been skipped.</p>
        ) : (
          <ul className="flex flex-col gap-2 text-xs">
            {status.recentSkipped.map((tick) => (
              <li key={`${tick.timezone} ${tick.scheduledAt}`} className="flex flex-col gap-0.5">
                <ZonedTime iso={tick.scheduledAt} timezone={tick.timezone} showZone={manyZones} />
                <span className="text-neutral-600">{describeTickReason(tick.reason)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function TickLine({ tick, showZone }: { tick: TScheduleTick; showZone: boolean }) {
  return (
    <div className="flex flex-col gap-1 text-xs">
      <span className="flex flex-wrap items-center gap-2">
        <ZonedTime iso={tick.scheduledAt} timezone={tick.timezone} showZone={showZone} />
        {tick.outcome === "ran" ? <Badge variant="success">Ran</Badge> : <Badge variant="neutral">Skipped</Badge>}
      </span>
      <span className="text-neutral-600">
        {describeTickReason(tick.reason)} · {describeTickRuns(tick)}
      </span>
    </div>
  );
}
