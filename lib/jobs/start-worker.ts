import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import os from "node:os";
import { Logger, parseCrontab, run, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { db } from "@/lib/db/client";
import { KEEP_IDLE_CONNECTIONS, openSqlConnections } from "@/lib/db/sql";
import { warmUpSandbox } from "@/lib/engine/sandbox/run-function";
import { closeRunSlots, warmUpRunSlots } from "@/lib/runs/run-slots";
import { HEARTBEAT_INTERVAL_MS } from "./heartbeat";
import { reapDeadWorkers } from "./reap-dead-workers";
import { CRONTAB, taskList } from "./tasks";

export type TWorker = { id: string; stop: () => Promise<void> };

/**
 * Starts a graphile-worker runner plus a heartbeat. /api/health reads the heartbeat, and every worker
 * frees the jobs of workers whose heartbeat stopped (a process killed mid-run), so another resumes them.
 */
export async function startWorker(options: { databaseUrl: string; concurrency?: number; log?: (line: string) => void }): Promise<TWorker> {
  const log = options.log ?? ((line) => console.log(line));
  const id = randomUUID();
  const jobWorkerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  // graphile-worker marks the jobs it takes with its pool's id (locked_by), so that is what to free.
  events.on("pool:create", ({ workerPool }) => jobWorkerIds.push(workerPool.id));
  // Runs mostly wait on the APIs their Request steps call, and a run holds no connection of its own while
  // it executes, so a worker can keep many in flight, and more at once means fuller shared statements. The
  // default matches a project's default concurrency limit: jobs beyond a project's limit find no slot and
  // are queued again a second later, which is wasted work while one project's backlog drains
  // (bench:events: 407 instead of 2,048 events/s at 50 with the limit at 20).
  const concurrency = options.concurrency ?? Number(process.env.WORKER_CONCURRENCY ?? 20);
  // Before the first job: the slot session open and its statement planned, a few pooled connections open
  // (step records, run ends, cancel checks), the sandbox compiled.
  await Promise.all([warmUpRunSlots(), openSqlConnections(4), warmUpSandbox()]);
  // The queue's own connections (fetching, completing, LISTEN); tasks use their own pools. Opened as needed,
  // which is a few; sized to the concurrency only because graphile-worker warns when it is smaller.
  const queuePool = new pg.Pool({ connectionString: options.databaseUrl, max: Math.max(10, concurrency), idleTimeoutMillis: KEEP_IDLE_CONNECTIONS });
  queuePool.on("error", (error) => log(`[worker] idle queue connection lost: ${error.message}`));
  // And while a connection is in use: graphile-worker warns at start when a pool has no such handler.
  queuePool.on("connect", (client) => client.on("error", (error) => log(`[worker] queue connection lost: ${error.message}`)));
  const runner: Runner = await run({
    pgPool: queuePool,
    concurrency,
    // Fetch jobs in batches and complete them in batches: fewer queue round trips per run. A job held in
    // a dead process's local queue is freed by reapDeadWorkers like a running one, and a run's job that
    // executes again after a crash finds its run finished (or replays its recorded steps).
    preset: { worker: { localQueue: { size: concurrency + 1 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    taskList,
    parsedCronItems: parseCrontab(CRONTAB),
    noHandleSignals: true,
    pollInterval: 2_000,
    events,
    logger: new Logger((scope) => (level, message) => {
      if (level === "error" || level === "warning") log(`[worker] ${level}: ${message}${scope.taskIdentifier ? ` (${scope.taskIdentifier})` : ""}`);
    }),
  }).catch(async (error: unknown) => {
    await queuePool.end();
    throw error;
  });
  const beat = async () => {
    await db.workerHeartbeat.upsert({
      where: { id },
      create: { id, hostname: os.hostname(), pid: process.pid, jobWorkerIds },
      update: { beatAt: new Date(), jobWorkerIds },
    });
    const reaped = await reapDeadWorkers({ staleAfterMs: 4 * HEARTBEAT_INTERVAL_MS });
    if (reaped > 0) log(`[worker] freed the jobs of ${reaped} worker process(es) that stopped beating`);
  };
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
      await queuePool.end();
      await closeRunSlots();
      await db.workerHeartbeat.deleteMany({ where: { id } });
    },
  };
}
