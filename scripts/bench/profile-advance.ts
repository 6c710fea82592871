// `node --conditions=react-server --import tsx scripts/bench/profile-advance.ts`: the cost of one run of the
// benchmark workflow, without the queue and without concurrency, so that it holds still on a shared
// machine: round trips to PostgreSQL, wall time, and CPU in this process and in PostgreSQL per run.
// Add --cpu-prof to node's flags to see where this process spends its CPU.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { sqlTransaction } from "@/lib/db/sql";
import { advanceRun } from "@/lib/runs/advance-run";
import { dispatchTrigger } from "@/lib/runs/dispatch-trigger";
import { cpuMeter, createBenchWorkflow, startBenchStub } from "./engine-world";

const RUNS = Number(process.env.PROFILE_RUNS ?? 1000);
const WARMUP = 50;

async function main() {
  process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-profile-"));
  const database = await startEmbeddedDatabase({ dataDir });
  process.env.DATABASE_URL = database.databaseUrl;
  const stub = await startBenchStub();
  try {
    await migrateDatabase({ databaseUrl: database.databaseUrl });
    const setup = await createBenchWorkflow(stub.url);
    const runIds: string[] = [];
    for (let i = 0; i < RUNS + WARMUP; i += 100) {
      await sqlTransaction(async (tx) => {
        for (let j = i; j < Math.min(i + 100, RUNS + WARMUP); j++) runIds.push(...(await dispatchTrigger(tx, setup.occurrence(j))).map((run) => run.runId));
      });
    }
    for (const runId of runIds.slice(0, WARMUP)) await advanceRun(runId);

    // Every statement a pg client sends, counted where they all pass.
    let roundTrips = 0;
    const byStatement = new Map<string, { count: number; ms: number }>();
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      roundTrips++;
      const started = performance.now();
      const name = String(args[0]).replace(/\s+/g, " ").trim().slice(0, 60);
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      void Promise.resolve(result)
        .catch(() => {})
        .finally(() => {
          const entry = byStatement.get(name) ?? { count: 0, ms: 0 };
          byStatement.set(name, { count: entry.count + 1, ms: entry.ms + performance.now() - started });
        });
      return result;
    } as typeof query;

    const cpu = cpuMeter(dataDir, []);
    const started = performance.now();
    for (const runId of runIds.slice(WARMUP)) await advanceRun(runId);
    const wallMs = performance.now() - started;
    const used = cpu.lap();
    console.log(
      JSON.stringify({
        bench: "advance-run",
        runs: RUNS,
        round_trips_per_run: Number((roundTrips / RUNS).toFixed(2)),
        wall_ms_per_run: Number((wallMs / RUNS).toFixed(2)),
        node_cpu_ms_per_run: Number(((used.loadgen * 1000) / RUNS).toFixed(2)),
        postgres_cpu_ms_per_run: Number(((used.postgres * 1000) / RUNS).toFixed(2)),
        loadavg: used.loadavg,
      }),
    );
    if (process.env.PROFILE_STATEMENTS) {
      for (const [name, { count, ms }] of byStatement) console.log(JSON.stringify({ statement: name, count, avg_ms: Number((ms / count).toFixed(2)) }));
    }
  } finally {
    stub.close();
    await disconnectDb();
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
