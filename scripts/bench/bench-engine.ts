// `npm run bench:engine`: dispatch-to-start latency and completed runs/s of a three-step workflow
// (Function → Conditional → Request to a local stub) on a fresh embedded database with real worker
// processes. Prints one JSON line per figure. A measurement, not a test: nothing here passes or fails.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { db, disconnectDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { dispatchTrigger } from "@/lib/runs/dispatch-trigger";

const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 25);
const TRICKLE_RUNS = Number(process.env.BENCH_TRICKLE_RUNS ?? 500);
const TRICKLE_RATE = Number(process.env.BENCH_TRICKLE_RATE ?? 100);
const BURST_RUNS = Number(process.env.BENCH_BURST_RUNS ?? 5000);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: "engine", ...figure }));

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-"));
  const database = await startEmbeddedDatabase({ dataDir });
  process.env.DATABASE_URL = database.databaseUrl;
  const workers: ChildProcess[] = [];
  const stub = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  });
  try {
    await migrateDatabase({ databaseUrl: database.databaseUrl });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    const stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    const setup = await createBenchWorkflow(stubUrl);

    for (let i = 0; i < WORKERS; i++) {
      workers.push(
        spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
          env: { ...process.env, REQUEST_ALLOW_HOSTS: "127.0.0.1", WORKER_CONCURRENCY: String(CONCURRENCY), DATABASE_POOL_SIZE: String(CONCURRENCY) },
          stdio: "ignore",
        }),
      );
    }
    await waitFor(async () => (await db.workerHeartbeat.count()) === WORKERS, 60_000);

    // Latency: runs dispatched one per transaction at a steady rate, as events arrive in production.
    const committedAt = new Map<string, number>();
    for (let i = 0; i < TRICKLE_RUNS; i++) {
      const [run] = await db.$transaction((tx) => dispatchTrigger(tx, setup.occurrence(i)));
      committedAt.set(run.runId, Date.now());
      await new Promise((resolve) => setTimeout(resolve, 1000 / TRICKLE_RATE));
    }
    await waitFor(async () => (await db.run.count({ where: { status: { in: ["queued", "running", "waiting"] } } })) === 0, 120_000);
    const started = await db.run.findMany({ where: { id: { in: [...committedAt.keys()] } }, select: { id: true, startedAt: true, status: true } });
    const latencies = started.map((run) => (run.startedAt as Date).getTime() - (committedAt.get(run.id) as number)).sort((a, b) => a - b);
    print({ metric: "dispatch_to_start_ms", runs: latencies.length, rate_per_s: TRICKLE_RATE, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) });
    print({ metric: "trickle_succeeded", runs: started.filter((run) => run.status === "succeeded").length, of: started.length });

    // Throughput: a backlog dispatched in batches of 100 per transaction, drained by the workers.
    const burstStart = Date.now();
    for (let i = 0; i < BURST_RUNS; i += 100) {
      await db.$transaction(async (tx) => {
        for (let j = i; j < Math.min(i + 100, BURST_RUNS); j++) await dispatchTrigger(tx, setup.occurrence(TRICKLE_RUNS + j));
      });
    }
    const dispatchedMs = Date.now() - burstStart;
    await waitFor(async () => (await db.run.count({ where: { status: { in: ["queued", "running", "waiting"] } } })) === 0, 600_000);
    const window = await db.$queryRaw<{ first: Date; last: Date; succeeded: bigint; failed: bigint }[]>`
      SELECT min("startedAt") AS first, max("finishedAt") AS last,
        count(*) FILTER (WHERE status = 'succeeded') AS succeeded, count(*) FILTER (WHERE status = 'failed') AS failed
      FROM "Run" WHERE "createdAt" >= ${new Date(burstStart)}`;
    const seconds = (window[0].last.getTime() - window[0].first.getTime()) / 1000;
    print({ metric: "dispatch_runs_per_s", runs: BURST_RUNS, per_s: Math.round(BURST_RUNS / (dispatchedMs / 1000)) });
    print({ metric: "completed_runs_per_s", runs: BURST_RUNS, succeeded: Number(window[0].succeeded), failed: Number(window[0].failed), seconds: Number(seconds.toFixed(2)), per_s: Math.round(Number(window[0].succeeded) / seconds) });
    print({ metric: "machine", cpus: os.cpus().length, cpu: os.cpus()[0]?.model, workers: WORKERS, worker_concurrency: CONCURRENCY, node: process.version });
  } finally {
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once("exit", resolve)))));
    stub.close();
    await disconnectDb();
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function createBenchWorkflow(stubUrl: string) {
  const builder = await db.builder.create({ data: { email: `bench-${Date.now()}@example.test`, name: "Bench" } });
  const project = await db.project.create({ data: { name: "Bench", concurrencyLimit: 1000, memberships: { create: { builderId: builder.id, role: "owner" } } } });
  const event = await db.appEvent.create({ data: { projectId: project.id, name: "Contact Created", example: {}, jsonSchema: {} } });
  const graph = {
    trigger: { type: "app_event", appEventId: event.id },
    steps: [
      { id: "map", name: "Map", type: "function", config: { code: "function (params, context) { return { email: context.trigger.payload.email.toLowerCase() } }", params: [] } },
      { id: "check", name: "Has email", type: "conditional", config: { condition: { combinator: "and", rules: [{ left: "{{steps.map.output.email}}", operator: "contains", right: "@" }] } } },
      { id: "send", name: "Send", type: "request", config: { method: "POST", url: `${stubUrl}/contacts`, headers: [], query: [], body: { kind: "json", json: '{"email":"{{steps.map.output.email}}"}' }, auth: { type: "none" }, timeoutMs: 10000 } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "map" },
      { id: "e2", source: "map", target: "check" },
      { id: "e3", source: "check", target: "send", branch: "true" },
    ],
  };
  const workflow = await db.workflow.create({ data: { projectId: project.id, name: "Bench", draft: graph, enabledForAllUsers: true } });
  const version = await db.workflowVersion.create({ data: { projectId: project.id, workflowId: workflow.id, version: 1, graph } });
  await db.workflow.update({ where: { id: workflow.id }, data: { deployedVersionId: version.id, triggerType: "app_event", triggerAppEventId: event.id } });
  const user = await db.connectedUser.create({ data: { projectId: project.id, externalId: "bench-user" } });
  return {
    occurrence: (i: number) => ({
      projectId: project.id,
      connectedUserId: user.id,
      trigger: { type: "app_event" as const, appEventId: event.id },
      payload: { name: `Contact ${i}`, email: `Contact${i}@Example.com` },
    }),
  };
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
