import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { Logger, parseCrontab, run, type Runner } from "graphile-worker";
import { db } from "@/lib/db/client";
import { CRONTAB, taskList } from "./tasks";

import { HEARTBEAT_INTERVAL_MS } from "./heartbeat";

export type TWorker = { id: string; stop: () => Promise<void> };

/** Starts a graphile-worker runner plus a heartbeat that /api/health reads. */
export async function startWorker(options: { databaseUrl: string; concurrency?: number; log?: (line: string) => void }): Promise<TWorker> {
  const log = options.log ?? ((line) => console.log(line));
  const id = randomUUID();
  const beat = () =>
    db.workerHeartbeat.upsert({
      where: { id },
      create: { id, hostname: os.hostname(), pid: process.pid },
      update: { beatAt: new Date() },
    });
  const runner: Runner = await run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency ?? Number(process.env.WORKER_CONCURRENCY ?? 10),
    taskList,
    parsedCronItems: parseCrontab(CRONTAB),
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: new Logger((scope) => (level, message) => {
      if (level === "error" || level === "warning") log(`[worker] ${level}: ${message}${scope.taskIdentifier ? ` (${scope.taskIdentifier})` : ""}`);
    }),
  });
  await beat();
  const timer = setInterval(() => {
    beat().catch((error) => log(`[worker] heartbeat failed: ${(error as Error).message}`));
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await runner.stop();
      await db.workerHeartbeat.deleteMany({ where: { id } });
    },
  };
}
