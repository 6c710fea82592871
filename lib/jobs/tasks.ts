import "server-only";
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { advanceRun } from "@/lib/runs/advance-run";
import { deliverRunFailure } from "@/lib/runs/deliver-run-failure";
import { deleteExpiredRuns } from "@/lib/runs/delete-expired-runs";
import type { TTaskName } from "./task-names";

const probe: Task = async (payload) => {
  const { probeId } = z.object({ probeId: z.uuid() }).parse(payload);
  await db.jobProbe.updateMany({ where: { id: probeId }, data: { completedAt: new Date(), workerPid: process.pid } });
};

/** Hourly housekeeping: runs past their project's retention, expired rate-limit windows. */
const maintenance: Task = async () => {
  const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: dayAgo } } });
  await deleteExpiredRuns({ now: new Date() });
};

const advance: Task = async (payload) => {
  await advanceRun(z.object({ runId: z.uuid() }).parse(payload).runId);
};

const notifyFailed: Task = async (payload) => {
  await deliverRunFailure(z.object({ destinationId: z.uuid(), runId: z.uuid() }).parse(payload));
};

export const taskList: Record<TTaskName, Task> & TaskList = {
  "system:probe": probe,
  "system:maintenance": maintenance,
  "run:advance": advance,
  "run:notify-failed": notifyFailed,
};

export const CRONTAB = ["0 * * * * system:maintenance ?jobKey=system:maintenance"].join("\n");
