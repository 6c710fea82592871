// `npm run bench:scheduler`: how precisely and how reliably schedules fire, on the production build under
// `npm start` (embedded PostgreSQL, web + 1 worker), by the peer harness's protocol: every tick's run sends one
// Request to a recorder on 127.0.0.1 that timestamps its arrival, and carries the tick it was for. Phases:
//   (a) one workflow every 1 s for 60 s; (b) 100 workflows every 1 s for 60 s: lateness against the tick
//       (p50, p99, max), drift in ms per minute, missed and duplicate ticks;
//   (c) restart: SIGTERM, 5 s down, start again, 20 s observed, one workflow per catch-up policy;
//   (d) one workflow every 5 s with 10,000 users who have it on: from the tick to all its runs enqueued;
//   (e) a second worker process competing for ticks (BENCH_COMPETE_SECONDS, default 300 s): duplicates.
// A measurement, not a test: nothing here passes or fails. Prints one JSON line per figure.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readRuntimeInfo } from "@/lib/config/runtime";

const PORT = Number(process.env.BENCH_PORT ?? 3320);
const OBSERVE_SECONDS = Number(process.env.BENCH_OBSERVE_SECONDS ?? 60);
const MANY_WORKFLOWS = Number(process.env.BENCH_MANY_WORKFLOWS ?? 100);
const COMPETE_SECONDS = Number(process.env.BENCH_COMPETE_SECONDS ?? 300);
const MANY_USERS = Number(process.env.BENCH_MANY_USERS ?? 10_000);
/** Which phases to run, e.g. BENCH_PHASES=a,d; all by default. */
const PHASES = new Set((process.env.BENCH_PHASES ?? "a,b,c,d,e").split(",").map((phase) => phase.trim()));

const print = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: "scheduler", ...figure, loadavg: os.loadavg().map((load) => Number(load.toFixed(2))) }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

type TArrival = { workflow: string; scheduledAt: number; arrivedAt: number };

/** The tick recorder: each arrival with its workflow, the tick it was for and when it arrived (wall clock, sub-ms). */
async function startRecorder() {
  const arrivals: TArrival[] = [];
  const server = http.createServer((request, response) => {
    const arrivedAt = performance.timeOrigin + performance.now();
    const url = new URL(request.url ?? "/", "http://recorder");
    request.resume();
    request.on("end", () => {
      arrivals.push({ workflow: url.searchParams.get("wf") ?? "", scheduledAt: Date.parse(url.searchParams.get("at") ?? ""), arrivedAt });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals, close: () => server.close() };
}

function startApp(dataDir: string): Promise<ChildProcess> {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: "127.0.0.1", REQUEST_ALLOW_HOSTS: "127.0.0.1" };
  const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    app.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready at")) resolve(app);
    });
    app.once("exit", () => reject(new Error("the app exited before it was ready")));
  });
}

async function stopApp(app: ChildProcess) {
  app.kill("SIGTERM");
  await new Promise((resolve) => (app.exitCode !== null ? resolve(null) : app.once("exit", resolve)));
}

function demoCredentials(dataDir: string): Promise<{ projectId: string; apiKey: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/demo-token.ts"], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", () => resolve(JSON.parse(out)));
  });
}

type TApi = (method: string, apiPath: string, body?: unknown) => Promise<Record<string, unknown>>;

function apiClient(base: string, apiKey: string): TApi {
  return async (method, apiPath, body) => {
    const response = await fetch(`${base}/api/v1${apiPath}`, { method, headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
}

/** Deploys a workflow firing `schedule` whose run sends one Request to the recorder, tagged `name`. */
async function deployTicking(api: TApi, projectId: string, options: { name: string; recorder: string; schedule: object; catchUp?: object; steps?: object[] }) {
  const steps = options.steps ?? [
    { id: "record", name: "Record", type: "request", config: { method: "POST", url: `${options.recorder}/tick`, headers: [], query: [{ key: "wf", value: options.name }, { key: "at", value: "{{trigger.scheduledAt}}" }], body: { kind: "none" }, auth: { type: "none" }, timeoutMs: 10_000, idempotencyKey: true } },
  ];
  const graph = {
    trigger: { type: "schedule", schedule: { ...options.schedule, timezone: "UTC" }, catchUp: options.catchUp ?? { policy: "skip", windowSeconds: 3600 }, overlap: "allow_all" },
    steps,
    edges: [{ id: "e1", source: "trigger", target: steps[0] && (steps[0] as { id: string }).id }],
  };
  const workflow = await api("POST", `/projects/${projectId}/workflows`, { name: options.name, graph, enabledForAllUsers: true });
  await api("POST", `/projects/${projectId}/workflows/${workflow.id}/deploy`, {});
  return workflow.id as string;
}

/** Lateness, drift, missed and duplicate ticks of the arrivals of one phase. */
function tickFigures(arrivals: TArrival[], options: { from: number; to: number; intervalMs: number }) {
  const inWindow = arrivals.filter((arrival) => arrival.scheduledAt >= options.from && arrival.scheduledAt <= options.to);
  const lateness = inWindow.map((arrival) => arrival.arrivedAt - arrival.scheduledAt).sort((a, b) => a - b);
  const byWorkflow = new Map<string, TArrival[]>();
  for (const arrival of inWindow) byWorkflow.set(arrival.workflow, [...(byWorkflow.get(arrival.workflow) ?? []), arrival]);
  let expected = 0;
  let distinct = 0;
  let driftSum = 0;
  for (const list of byWorkflow.values()) {
    const ticks = [...new Set(list.map((arrival) => arrival.scheduledAt))].sort((a, b) => a - b);
    distinct += ticks.length;
    expected += Math.round((ticks.at(-1)! - ticks[0]) / options.intervalMs) + 1;
    // Drift: how the lateness moves over the phase, by least squares, in ms per minute.
    const xs = list.map((arrival) => (arrival.scheduledAt - list[0].scheduledAt) / 60_000);
    const ys = list.map((arrival) => arrival.arrivedAt - arrival.scheduledAt);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    driftSum += sxx > 0 ? xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / sxx : 0;
  }
  const round = (value: number | null) => (value === null ? null : Number(value.toFixed(1)));
  return {
    workflows: byWorkflow.size,
    ticks: distinct,
    missed: expected - distinct,
    duplicates: inWindow.length - distinct,
    latenessMs: { p50: round(percentile(lateness, 50)), p99: round(percentile(lateness, 99)), max: round(lateness.at(-1) ?? null) },
    driftMsPerMinute: round(byWorkflow.size ? driftSum / byWorkflow.size : null),
  };
}

type TDb = { query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };

/**
 * Where a tick's lateness goes, from the database's own clock, in ms after the tick (negative: ahead of it):
 * the firing transaction (the run's createdAt), the run's start (its claim) and its first step's start.
 */
async function latenessStages(db: TDb, workflowIds: string[], from: number, to: number) {
  const { rows } = await db.query(
    `SELECT extract(epoch FROM r."createdAt" - r."scheduledAt") * 1000 AS "fired",
            extract(epoch FROM r."startedAt" - r."scheduledAt") * 1000 AS "claimed",
            extract(epoch FROM (SELECT min(s."startedAt") FROM "StepRun" s WHERE s."runId" = r."id") - r."scheduledAt") * 1000 AS "stepStarted"
     FROM "Run" r WHERE r."workflowId" = ANY($1::uuid[]) AND r."scheduledAt" BETWEEN to_timestamp($2 / 1000.0) AND to_timestamp($3 / 1000.0)`,
    [workflowIds, from, to],
  );
  const stage = (key: string) => {
    const values = rows.map((row) => Number(row[key])).filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
    return { p50: Number(percentile(values, 50)?.toFixed(1)), p99: Number(percentile(values, 99)?.toFixed(1)), max: Number(values.at(-1)?.toFixed(1)) };
  };
  return { runs: rows.length, firedMs: stage("fired"), claimedMs: stage("claimed"), firstStepStartedMs: stage("stepStarted") };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-scheduler-"));
  const recorder = await startRecorder();
  let app = await startApp(dataDir);
  const workers: ChildProcess[] = [];
  try {
    const demo = await demoCredentials(dataDir);
    const base = `http://127.0.0.1:${PORT}`;
    const api = apiClient(base, demo.apiKey);
    const runtime = readRuntimeInfo(dataDir);
    if (!runtime) throw new Error("no runtime.json");
    // A connection per query, to the database of the current start: the restart phase stops it (and the next
    // start may take another port).
    const db = {
      query: async (text: string, values: unknown[] = []) => {
        const client = new pg.Client({ connectionString: readRuntimeInfo(dataDir)?.databaseUrl ?? runtime.databaseUrl });
        await client.connect();
        try {
          return await client.query(text, values);
        } finally {
          await client.end();
        }
      },
    };
    // One end user, so that each tick starts one run.
    await db.query(`INSERT INTO "ConnectedUser" ("id", "projectId", "externalId") VALUES (gen_random_uuid(), $1, 'bench-recorder') ON CONFLICT DO NOTHING`, [demo.projectId]);
    const [{ users }] = (await db.query(`SELECT count(*)::int AS users FROM "ConnectedUser" WHERE "projectId" = $1`, [demo.projectId])).rows;
    print({ metric: "setup", project: demo.projectId, users, note: "each tick starts one run per user" });
    const undeploy = (workflowId: string) => api("POST", `/projects/${demo.projectId}/workflows/${workflowId}/undeploy`, {});

    // (a) and (b)
    for (const [phase, count] of [["a", 1], ["b", MANY_WORKFLOWS]] as const) {
      if (!PHASES.has(phase)) continue;
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await deployTicking(api, demo.projectId, { name: `${phase}-${i}`, recorder: recorder.url, schedule: { every: "seconds", interval: 1 } }));
      const from = Date.now() + 2_000;
      await sleep(OBSERVE_SECONDS * 1000 + 3_000);
      for (const id of ids) await undeploy(id);
      await sleep(1_500);
      const arrivals = recorder.arrivals.filter((arrival) => arrival.workflow.startsWith(`${phase}-`));
      print({ phase, description: `${count} workflow(s) every 1 s for ${OBSERVE_SECONDS} s`, ...tickFigures(arrivals, { from, to: from + OBSERVE_SECONDS * 1000, intervalMs: 1000 }) });
      print({ phase, metric: "where the lateness goes", ...(await latenessStages(db, ids, from, from + OBSERVE_SECONDS * 1000)) });
    }

    // (c) restart under each catch-up policy
    if (PHASES.has("c")) {
    const policies = ["skip", "once", "all"] as const;
    const restartIds = new Map<string, string>();
    for (const policy of policies) restartIds.set(policy, await deployTicking(api, demo.projectId, { name: `c-${policy}`, recorder: recorder.url, schedule: { every: "seconds", interval: 1 }, catchUp: { policy, windowSeconds: 3600 } }));
    await sleep(5_000);
    const stoppedAt = Date.now();
    await stopApp(app);
    const downFrom = Date.now();
    await sleep(5_000);
    app = await startApp(dataDir);
    const upAt = Date.now();
    await sleep(20_000);
    for (const id of restartIds.values()) await apiClient(base, demo.apiKey)("POST", `/projects/${demo.projectId}/workflows/${id}/undeploy`, {});
    for (const policy of policies) {
      const workflowId = restartIds.get(policy)!;
      const ticks = (await db.query(`SELECT "scheduledAt", "outcome", "reason" FROM "ScheduleTick" WHERE "workflowId" = $1 AND "scheduledAt" > to_timestamp($2 / 1000.0) AND "scheduledAt" <= to_timestamp($3 / 1000.0) ORDER BY 1`, [workflowId, stoppedAt, upAt])).rows;
      const count = (reason: string) => ticks.filter((tick) => tick.reason === reason).length;
      const arrivals = recorder.arrivals.filter((arrival) => arrival.workflow === `c-${policy}`);
      // The grid's instants in (stoppedAt, upAt]: the schedule's ticks are anchored at its deploy, not on the second.
      const phase = ticks.length > 0 ? new Date(ticks[0].scheduledAt).getTime() : stoppedAt;
      const gapTicks = Math.floor((upAt - phase) / 1000) - Math.floor((stoppedAt - phase) / 1000);
      const accounted = ticks.length;
      print({
        phase: "c",
        policy,
        downSeconds: Number(((upAt - downFrom) / 1000).toFixed(1)),
        gapTicks,
        accounted,
        unaccounted: gapTicks - accounted,
        ranOnTime: count("schedule"),
        caughtUp: count("catch_up"),
        skipped: { missed_while_down: count("missed_while_down"), collapsed_into_one: count("collapsed_into_one"), outside_catch_up_window: count("outside_catch_up_window") },
        duplicates: arrivals.length - new Set(arrivals.map((arrival) => arrival.scheduledAt)).size,
      });
    }

    }

    // (d) 10,000 users
    if (PHASES.has("d")) {
    await db.query(
      `INSERT INTO "ConnectedUser" ("id", "projectId", "externalId") SELECT gen_random_uuid(), $1, 'bench-user-' || n FROM generate_series(1, $2::int) n`,
      [demo.projectId, MANY_USERS],
    );
    const fanOut = await deployTicking(api, demo.projectId, {
      name: "d",
      recorder: recorder.url,
      schedule: { every: "seconds", interval: 5 },
      steps: [{ id: "noop", name: "Noop", type: "function", config: { code: "function () { return 1 }", params: [] } }],
    });
    // From the tick to every run of it committed (with the jobs of those its project's limit admits now), as a
    // reader of the database sees it: one connection polls the tick's runs every 5 ms from before the tick on.
    const watcher = new pg.Client({ connectionString: readRuntimeInfo(dataDir)?.databaseUrl ?? runtime.databaseUrl });
    await watcher.connect();
    const expectedRuns = MANY_USERS + users;
    const observations: { tick: number; allCommittedMs: number | null; runs: number }[] = [];
    try {
      for (let round = 0; round < 2; round++) {
        const [{ next }] = (await watcher.query(`SELECT min("nextTickAt") AS "next" FROM "ScheduleZone" WHERE "workflowId" = $1`, [fanOut])).rows;
        const tick = new Date(next).getTime();
        await sleep(Math.max(0, tick - Date.now() - 300));
        let runs = 0;
        let allCommittedMs: number | null = null;
        while (Date.now() < tick + 10_000) {
          runs = (await watcher.query(`SELECT count(*)::int AS n FROM "Run" WHERE "workflowId" = $1 AND "scheduledAt" = $2`, [fanOut, new Date(tick)])).rows[0].n;
          if (runs >= expectedRuns) {
            allCommittedMs = Date.now() - tick;
            break;
          }
          await sleep(5);
        }
        observations.push({ tick, allCommittedMs, runs });
        // The second tick (overlap allow_all) fires while the first one's runs still drain.
        await sleep(500);
      }
    } finally {
      await watcher.end();
    }
    await undeploy(fanOut);
    print({ phase: "d", users: expectedRuns, ticks: observations.map((o) => ({ runs: o.runs, tickToAllRunsCommittedMs: o.allCommittedMs })) });
    // Its runs are still draining: deleting their users may deadlock with a worker ending one (try again then).
    for (let attempt = 1; ; attempt++) {
      try {
        await db.query(`DELETE FROM "ConnectedUser" WHERE "projectId" = $1 AND "externalId" LIKE 'bench-user-%'`, [demo.projectId]);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "40P01" || attempt >= 10) throw error;
        await sleep(1_000);
      }
    }
    }

    // (e) a second worker competing for the same ticks
    if (PHASES.has("e")) {
    workers.push(spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, DATABASE_URL: readRuntimeInfo(dataDir)?.databaseUrl ?? runtime.databaseUrl, REQUEST_ALLOW_HOSTS: "127.0.0.1", SWITCHYARD_SUPERVISOR_PID: "" }, stdio: "ignore" }));
    await sleep(5_000);
    const competing: string[] = [];
    for (let i = 0; i < 10; i++) competing.push(await deployTicking(api, demo.projectId, { name: `e-${i}`, recorder: recorder.url, schedule: { every: "seconds", interval: 1 } }));
    const competeFrom = Date.now() + 2_000;
    await sleep(COMPETE_SECONDS * 1000 + 3_000);
    for (const id of competing) await undeploy(id);
    await sleep(1_500);
    print({ phase: "e", description: `10 workflows every 1 s for ${COMPETE_SECONDS} s, 2 worker processes`, ...tickFigures(recorder.arrivals.filter((arrival) => arrival.workflow.startsWith("e-")), { from: competeFrom, to: competeFrom + COMPETE_SECONDS * 1000, intervalMs: 1000 }) });
    }
    print({ metric: "machine", cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, runtime: "npm start (web + 1 worker, embedded PostgreSQL)" });
  } finally {
    for (const worker of workers) worker.kill("SIGTERM");
    await stopApp(app);
    recorder.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
