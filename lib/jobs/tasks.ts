import "server-only";
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { advanceRun } from "@/lib/runs/advance-run";
import { deliverRunFailure } from "@/lib/runs/deliver-run-failure";
import { deleteExpiredRuns } from "@/lib/runs/delete-expired-runs";
import type { TTaskName } from "./task-names";

// Built once: zod compiles each schema object on its first parse, which cost ~0.2 ms per job when the
// schemas were built inside the handlers.
const ZProbePayload = z.object({ probeId: z.uuid() });
const ZAdvancePayload = z.object({ runId: z.uuid() });
const ZNotifyFailedPayload = z.object({ destinationId: z.uuid(), runId: z.uuid() });

const probe: Task = async (payload) => {
  const { probeId } = ZProbePayload.parse(payload);
  await db.jobProbe.updateMany({ where: { id: probeId }, data: { completedAt: new Date(), workerPid: process.pid } });
};

/** Hourly housekeeping: runs past their project's retention, expired rate-limit windows. */
const maintenance: Task = async () => {
  const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: dayAgo } } });
  await deleteExpiredRuns({ now: new Date() });
};

const advance: Task = async (payload) => {
  await advanceRun(ZAdvancePayload.parse(payload).runId);
};

const notifyFailed: Task = async (payload) => {
  await deliverRunFailure(ZNotifyFailedPayload.parse(payload));
};

export const taskList: Record<TTaskName, Task> & TaskList = {
  "system:probe": probe,
  "system:maintenance": maintenance,
  "run:advance": advance,
  "run:notify-failed": notifyFailed,
};

export const CRONTAB = ["0 * * * * system:maintenance ?jobKey=system:maintenance"].join("\n");
