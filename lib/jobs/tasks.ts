import "server-only";
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { abandonRun } from "@/lib/runs/abandon-run";
import { advanceRun } from "@/lib/runs/advance-run";
import { deleteExpiredHistory } from "@/lib/runs/delete-expired-history";
import { deliverRunFailure } from "@/lib/runs/deliver-run-failure";
import { loadVersionGraph } from "@/lib/runs/load-run-state";
import { RunFenced } from "@/lib/runs/run-claims";
import { sweepRuns } from "@/lib/runs/sweep-runs";
import { syncAllScheduleZones } from "@/lib/schedules/schedule-zones";
import type { TTaskName } from "./task-names";

// Built once: zod compiles each schema object on its first parse, which cost ~0.2 ms per job when the
// schemas were built inside the handlers.
const ZProbePayload = z.object({ probeId: z.uuid() });
const ZAdvancePayload = z.object({ runId: z.uuid(), notBefore: z.iso.datetime({ offset: true }).optional() });

/** How long a run's job waits at most for its notBefore (a schedule fires its ticks this little ahead). */
const MAX_NOT_BEFORE_WAIT_MS = 5_000;
const ZNotifyFailedPayload = z.object({ destinationId: z.uuid(), runId: z.uuid() });

const probe: Task = async (payload) => {
  const { probeId } = ZProbePayload.parse(payload);
  await db.jobProbe.updateMany({ where: { id: probeId }, data: { completedAt: new Date(), workerPid: process.pid } });
};

/** Hourly housekeeping: history past each project's retention, expired rate-limit windows, the full run sweep. */
const maintenance: Task = async (_payload, helpers) => {
  const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: dayAgo } } });
  const deleted = await deleteExpiredHistory({ now: new Date() });
  const swept = await sweepRuns({ full: true });
  helpers.logger.info(`maintenance: deleted ${deleted.runs} runs, ${deleted.events} events and ${deleted.ticks} schedule ticks; sweep ${JSON.stringify(swept)}`);
};

/**
 * Every minute: runs whose job ran out of attempts end failed, parked runs that fit are admitted, and schedules
 * get a stream for each zone their users name now.
 */
const sweep: Task = async () => {
  await sweepRuns({ full: false });
  await syncAllScheduleZones(sql, {
    now: new Date(),
    loadSpec: async (schedule) => {
      const graph = await loadVersionGraph(sql, schedule.projectId, schedule.versionId).catch(() => null);
      return graph?.trigger.type === "schedule" ? graph.trigger.schedule : null;
    },
  });
};

const advance: Task = async (payload, helpers) => {
  const { runId, notBefore } = ZAdvancePayload.parse(payload);
  const wait = notBefore ? Date.parse(notBefore) - Date.now() : 0;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_NOT_BEFORE_WAIT_MS)));
  try {
    await advanceRun(runId);
  } catch (error) {
    // Thrown, so the queue does not complete a job another worker may hold now (failing one it no longer
    // holds changes nothing); logged once as the queue logs task failures.
    if (error instanceof RunFenced) throw error;
    // The queue would not try again: the run ends failed rather than staying running or queued forever.
    if (helpers.job.attempts >= helpers.job.max_attempts) {
      const message = `The engine could not execute this run in ${helpers.job.attempts} attempts: ${error instanceof Error ? error.message : String(error)}`;
      await abandonRun({ runId, error: { code: "engine_failed", message: message.slice(0, 2_000), retryable: false } });
      return;
    }
    throw error;
  }
};

const notifyFailed: Task = async (payload) => {
  await deliverRunFailure(ZNotifyFailedPayload.parse(payload));
};

export const taskList: Record<TTaskName, Task> & TaskList = {
  "system:probe": probe,
  "system:maintenance": maintenance,
  "system:sweep-runs": sweep,
  "run:advance": advance,
  "run:notify-failed": notifyFailed,
};

export const CRONTAB = ["0 * * * * system:maintenance ?jobKey=system:maintenance", "* * * * * system:sweep-runs ?jobKey=system:sweep-runs"].join("\n");
