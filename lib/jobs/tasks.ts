import "server-only";
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { TTaskName } from "./task-names";

const probe: Task = async (payload) => {
  const { probeId } = z.object({ probeId: z.uuid() }).parse(payload);
  await db.jobProbe.updateMany({ where: { id: probeId }, data: { completedAt: new Date(), workerPid: process.pid } });
};

/** Hourly housekeeping: expired rate-limit windows and heartbeats of workers long gone. */
const maintenance: Task = async () => {
  const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: dayAgo } } });
  await db.workerHeartbeat.deleteMany({ where: { beatAt: { lt: dayAgo } } });
};

export const taskList: Record<TTaskName, Task> & TaskList = {
  "system:probe": probe,
  "system:maintenance": maintenance,
};

export const CRONTAB = ["0 * * * * system:maintenance ?jobKey=system:maintenance"].join("\n");
