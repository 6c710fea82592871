import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Logger, parseCrontab, run, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { KEEP_IDLE_CONNECTIONS, openSqlConnections } from "@/lib/db/sql";
import { engineLimits } from "@/lib/engine/limits";
import { workerSandboxPool } from "@/lib/engine/sandbox/sandbox-pool";
import { warmUpRunClaims } from "@/lib/runs/run-claims";
import { startScheduleTicker } from "@/lib/schedules/schedule-ticker";
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_STALE_MS } from "./heartbeat";
import { reapDeadWorkers } from "./reap-dead-workers";
import { recordHeartbeat, removeHeartbeat } from "./record-heartbeat";
import { CRONTAB, taskList } from "./tasks";

export type TWorker = { id: string; stop: () => Promise<void> };

/**
 * Starts a graphile-worker runner plus a heartbeat. /api/health reads the heartbeat, and every worker
 * frees the jobs of workers whose heartbeat stopped (a process killed mid-run), so another resumes them.
 * User code (Function steps) runs in the sandbox's worker threads, never on this event loop, so the
 * heartbeat keeps beating however long a function spins.
 */
export async function startWorker(options: { databaseUrl: string; concurrency?: number; log?: (line: string) => void }): Promise<TWorker> {
  const log = options.log ?? ((line) => console.log(line));
  // A bad limit stops the start here, with its name, rather than failing each run later.
  engineLimits();
  const id = randomUUID();
  const jobWorkerIds: string[] = [];
  const beat = async () => {
    await recordHeartbeat({ id, jobWorkerIds });
    const reaped = await reapDeadWorkers({ staleAfterMs: HEARTBEAT_STALE_MS, self: id });
    if (reaped > 0) log(`[worker] freed the jobs of ${reaped} worker process(es) that stopped beating`);
  };
  const beatLogged = () => beat().catch((error) => log(`[worker] heartbeat failed: ${(error as Error).message}`));
  const events: WorkerEvents = new EventEmitter();
  // graphile-worker marks the jobs it takes with its pool's id (locked_by), so that is what to free. Recorded
  // at once, before the pool has had time to take a job.
  events.on("pool:create", ({ workerPool }) => {
    jobWorkerIds.push(workerPool.id);
    void beatLogged();
  });
  // Runs mostly wait on the APIs their Request steps call, and a run holds no connection of its own while
  // it executes, so a worker can keep many in flight, and more at once means fuller shared statements. A
  // project's runs beyond its concurrency limit are parked in the database rather than queued, so a larger
  // value costs nothing while one project's backlog drains.
  const concurrency = options.concurrency ?? Number(process.env.WORKER_CONCURRENCY ?? 50);
  // Before the first job: registered, a few pooled connections open with the claim planned, the sandbox's
  // threads started with QuickJS compiled.
  await recordHeartbeat({ id, jobWorkerIds });
  await Promise.all([openSqlConnections(4).then(warmUpRunClaims), workerSandboxPool().warmUp()]);
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
    await removeHeartbeat(id).catch(() => {});
    throw error;
  });
  await beat();
  const timer = setInterval(beatLogged, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  const ticker = startScheduleTicker({ log });
  return {
    id,
    async stop() {
      clearInterval(timer);
      await ticker.stop();
      await runner.stop();
      await queuePool.end();
      await workerSandboxPool().close();
      await removeHeartbeat(id);
    },
  };
}
