// `npm run bench:engine`: dispatch-to-start latency and completed runs/s of a three-step workflow
// (Function → Conditional → Request to a local stub) on a fresh embedded database with real worker
// processes. Prints one JSON line per figure. A measurement, not a test: nothing here passes or fails.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { db, disconnectDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { sqlTransaction } from "@/lib/db/sql";
import { dispatchTrigger } from "@/lib/runs/dispatch-trigger";
import { cpuMeter, createBenchWorkflow, startBenchStub } from "./engine-world";

const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 50);
const TRICKLE_RUNS = Number(process.env.BENCH_TRICKLE_RUNS ?? 1000);
const TRICKLE_RATE = Number(process.env.BENCH_TRICKLE_RATE ?? 100);
const BURST_RUNS = Number(process.env.BENCH_BURST_RUNS ?? 20000);
const WARMUP_RUNS = Number(process.env.BENCH_WARMUP_RUNS ?? 300);
/** Extra node flags for the worker processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/worker-profiles". */
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
/** BENCH_STATEMENTS=1: restart PostgreSQL with pg_stat_statements and print where its time went. */
const STATEMENTS = process.env.BENCH_STATEMENTS === "1";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: "engine", ...figure }));

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-"));
  let database = await startEmbeddedDatabase({ dataDir });
  if (STATEMENTS) {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    await client.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    await client.query("ALTER SYSTEM SET pg_stat_statements.track_planning = on");
    await client.end();
    await database.stop();
    database = await startEmbeddedDatabase({ dataDir });
  }
  process.env.DATABASE_URL = database.databaseUrl;
  const workers: ChildProcess[] = [];
  let stub: Awaited<ReturnType<typeof startBenchStub>> | undefined;
  try {
    await migrateDatabase({ databaseUrl: database.databaseUrl });
    if (STATEMENTS) await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    stub = await startBenchStub();
    const setup = await createBenchWorkflow(stub.url);

    await startWorkers(workers);

    // Latency: runs dispatched one per transaction at a steady rate, as events arrive in production, and
    // through the same raw-pg transaction that ingestion uses (a Prisma interactive transaction here cost
    // the load generator ~7 ms of CPU per dispatch, which capped the burst below and starved the workers).
    // Warm-up first, untimed: a fresh worker's first runs pay for JIT compilation and for preparing each
    // statement on each connection, and those seconds said nothing about steady-state latency.
    const warmUp = await trickle(setup, TRICKLE_RUNS + BURST_RUNS, WARMUP_RUNS);
    await waitFor(allRunsEnded, 120_000);
    const cold = await startLatencies(warmUp);
    print({ metric: "dispatch_to_start_ms_warmup", runs: cold.length, rate_per_s: TRICKLE_RATE, p50: percentile(cold, 50), p95: percentile(cold, 95), p99: percentile(cold, 99), max: cold.at(-1) });
    if (STATEMENTS) await db.$executeRawUnsafe("SELECT pg_stat_statements_reset()");
    const cpu = cpuMeter(dataDir, workers);
    const committedAt = await trickle(setup, 0, TRICKLE_RUNS);
    await waitFor(allRunsEnded, 120_000);
    const latencies = await startLatencies(committedAt);
    print({ metric: "dispatch_to_start_ms", runs: latencies.length, rate_per_s: TRICKLE_RATE, after_warmup_runs: WARMUP_RUNS, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) });
    print({ metric: "trickle_succeeded", runs: await db.run.count({ where: { id: { in: [...committedAt.keys()] }, status: "succeeded" } }), of: committedAt.size });
    print({ metric: "trickle_cpu_s", ...cpu.lap() });
    if (STATEMENTS) await printStatements("trickle");

    // Throughput: a backlog dispatched in batches of 100 per transaction while the workers are paused
    // (SIGSTOP), then drained by the same, warm workers (SIGCONT). Dispatching alongside running workers
    // measured the load generator instead: it dispatched more slowly than the workers completed, and took
    // CPU from them. Restarted workers made the drain pay for their start-up (connections, JIT, planning).
    for (const worker of workers) worker.kill("SIGSTOP");
    if (STATEMENTS) await db.$executeRawUnsafe("SELECT pg_stat_statements_reset()");
    cpu.lap();
    const burstStart = Date.now();
    for (let i = 0; i < BURST_RUNS; i += 100) {
      await sqlTransaction(async (tx) => {
        for (let j = i; j < Math.min(i + 100, BURST_RUNS); j++) await dispatchTrigger(tx, setup.occurrence(TRICKLE_RUNS + j));
      });
    }
    const dispatchedMs = Date.now() - burstStart;
    print({ metric: "dispatch_cpu_s", ...cpu.lap() });
    for (const worker of workers) worker.kill("SIGCONT");
    await waitFor(allRunsEnded, 600_000);
    const window = await db.$queryRaw<{ first: Date; last: Date; succeeded: bigint; failed: bigint }[]>`
      SELECT min("startedAt") AS first, max("finishedAt") AS last,
        count(*) FILTER (WHERE status = 'succeeded') AS succeeded, count(*) FILTER (WHERE status = 'failed') AS failed
      FROM "Run" WHERE "createdAt" >= ${new Date(burstStart)}`;
    const seconds = (window[0].last.getTime() - window[0].first.getTime()) / 1000;
    print({ metric: "dispatch_runs_per_s", runs: BURST_RUNS, per_s: Math.round(BURST_RUNS / (dispatchedMs / 1000)) });
    print({ metric: "drain_cpu_s", ...cpu.lap() });
    print({ metric: "completed_runs_per_s", runs: BURST_RUNS, succeeded: Number(window[0].succeeded), failed: Number(window[0].failed), seconds: Number(seconds.toFixed(2)), per_s: Math.round(Number(window[0].succeeded) / seconds) });
    if (STATEMENTS) await printStatements("drain");
    print({ metric: "machine", cpus: os.cpus().length, cpu: os.cpus()[0]?.model, workers: WORKERS, worker_concurrency: CONCURRENCY, node: process.version });
  } finally {
    await stopWorkers(workers);
    stub?.close();
    await disconnectDb();
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each run's dispatch-to-start latency in ms, sorted: its startedAt (PostgreSQL's clock) minus its commit. */
async function startLatencies(committedAt: Map<string, number>): Promise<number[]> {
  const runs = await db.run.findMany({ where: { id: { in: [...committedAt.keys()] } }, select: { id: true, startedAt: true } });
  return runs.map((run) => (run.startedAt as Date).getTime() - (committedAt.get(run.id) as number)).sort((a, b) => a - b);
}

/** Dispatches `count` runs one per transaction at TRICKLE_RATE; returns when each committed (load generator's clock). */
async function trickle(setup: Awaited<ReturnType<typeof createBenchWorkflow>>, offset: number, count: number): Promise<Map<string, number>> {
  const committedAt = new Map<string, number>();
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const [run] = await sqlTransaction((tx) => dispatchTrigger(tx, setup.occurrence(offset + i)));
    committedAt.set(run.runId, Date.now());
    // Paced on a fixed schedule, so the time a dispatch takes does not lower the rate.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + ((i + 1) * 1000) / TRICKLE_RATE - Date.now())));
  }
  return committedAt;
}

async function startWorkers(workers: ChildProcess[]) {
  for (let i = 0; i < WORKERS; i++) {
    workers.push(
      spawn(process.execPath, [...WORKER_NODE_ARGS, "--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
        env: { ...process.env, REQUEST_ALLOW_HOSTS: "127.0.0.1", WORKER_CONCURRENCY: String(CONCURRENCY) },
        stdio: "ignore",
      }),
    );
  }
  await waitFor(async () => (await db.workerHeartbeat.count()) === WORKERS, 60_000);
}

/** SIGTERM: each finishes its jobs, removes its heartbeat and exits. The array keeps only live ones. */
async function stopWorkers(workers: ChildProcess[]) {
  const stopping = workers.splice(0);
  for (const worker of stopping) worker.kill("SIGTERM");
  await Promise.all(stopping.map((worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once("exit", resolve)))));
}

async function printStatements(phase: string) {
  const rows = await db.$queryRawUnsafe<{ query: string; calls: bigint; plans: bigint; total_ms: number; mean_ms: number; plan_ms: number; blocks_per_call: number; wal_bytes_per_call: number }[]>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query, calls, plans, round(total_exec_time::numeric, 1)::float AS total_ms,
            round(mean_exec_time::numeric, 3)::float AS mean_ms, round(total_plan_time::numeric, 1)::float AS plan_ms,
            round(shared_blks_hit::numeric / GREATEST(calls, 1), 1)::float AS blocks_per_call, round(wal_bytes::numeric / GREATEST(calls, 1))::float AS wal_bytes_per_call
     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`,
  );
  for (const row of rows) print({ metric: "statement", phase, ...row, calls: Number(row.calls), plans: Number(row.plans) });
}

/** Stops at the first unfinished run: counting them all every 200 ms cost PostgreSQL more than a second per drain. */
async function allRunsEnded(): Promise<boolean> {
  return (await db.run.findFirst({ where: { status: { in: ["queued", "running", "waiting"] } }, select: { id: true } })) === null;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
