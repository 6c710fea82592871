// Helpers for the engine integration tests: a scriptable HTTP stub on 127.0.0.1, graph builders, a world
// (project, App Event, user) to dispatch in, queue inspection, throwaway databases and worker processes.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";
import { db, Prisma } from "@/lib/db/client";
import { advanceRun } from "@/lib/runs/advance-run";
import { dispatchTrigger } from "@/lib/runs/dispatch-trigger";
import { createDeployedWorkflow, createTestAppEvent, createTestUser } from "@/test/engine-factories";
import { createTestProject } from "@/test/factories";
import { createFreshDatabase, useDatabase } from "@/test/fresh-database";

// ------------------------------------------------------------------------------------------------- stub

export type TStubRequest = { method: string; path: string; url: string; headers: http.IncomingHttpHeaders; body: string; json: unknown };
export type TStubReply = { status?: number; body?: unknown; headers?: Record<string, string> };
type TStubHandler = (request: TStubRequest) => TStubReply | Promise<TStubReply>;

export type TStub = {
  url: string;
  /** Scripts what `path` answers; unscripted paths answer 200 {"ok": true}. */
  on: (path: string, handler: TStubHandler) => void;
  /** Every request received on `path`, in arrival order. */
  hits: (path: string) => TStubRequest[];
  /** Requests on `path` that arrived and have not been answered yet. */
  inFlight: (path: string) => number;
  maxInFlight: (path: string) => number;
  waitForHits: (path: string, count: number, timeoutMs?: number) => Promise<TStubRequest[]>;
  close: () => Promise<void>;
};

export async function startStub(): Promise<TStub> {
  const handlers = new Map<string, TStubHandler>();
  const received: TStubRequest[] = [];
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", async () => {
      const url = request.url ?? "/";
      const path = new URL(url, "http://stub").pathname;
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const hit: TStubRequest = { method: request.method ?? "GET", path, url, headers: request.headers, body, json };
      received.push(hit);
      active.set(path, (active.get(path) ?? 0) + 1);
      peak.set(path, Math.max(peak.get(path) ?? 0, active.get(path) ?? 0));
      let reply: TStubReply;
      try {
        reply = await (handlers.get(path) ?? (() => ({ body: { ok: true } })))(hit);
      } catch (error) {
        reply = { status: 599, body: { stubError: String(error) } };
      }
      active.set(path, (active.get(path) ?? 1) - 1);
      // The caller may be gone (timed out, killed); answering a closed socket is harmless.
      if (response.destroyed) return;
      response.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      response.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hits = (path: string) => received.filter((hit) => hit.path === path);
  return {
    url,
    on: (path, handler) => handlers.set(path, handler),
    hits,
    inFlight: (path) => active.get(path) ?? 0,
    maxInFlight: (path) => peak.get(path) ?? 0,
    waitForHits: (path, count, timeoutMs = 60_000) => waitFor(`${count} request(s) on ${path}`, async () => (hits(path).length >= count ? hits(path) : null), { timeoutMs }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A promise a test resolves by hand: a stub handler awaits it to hang until the test releases it. */
export function createGate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

// ------------------------------------------------------------------------------------------------- time

/** Polls until `read` returns a value other than null/undefined. Generous by default: CPU is scarce. */
export async function waitFor<T>(what: string, read: () => Promise<T | null | undefined>, options: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${options.describe ? `\n${options.describe()}` : ""}`);
    await sleep(options.intervalMs ?? 100);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sleeps until just after `date`. */
export async function sleepUntil(date: Date): Promise<void> {
  const ms = date.getTime() - Date.now() + 20;
  if (ms > 0) await sleep(ms);
}

// ----------------------------------------------------------------------------------------------- graphs

export const requestStep = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
  id, name: id, type: "request", config: { method: "POST", url, headers: [], query: [], body: { kind: "none" } }, ...extra,
});

export const functionStep = (id: string, code: string, params: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  id, name: id, type: "function", config: { code, params: Object.entries(params).map(([key, value]) => ({ key, value })) }, ...extra,
});

export const rule = (left: string, operator: string, right?: string) => ({ left, operator, ...(right === undefined ? {} : { right }) });

/** An App Event graph; "chain" links the steps one after another from the trigger. */
export type TStepInput = { id: string; [key: string]: unknown };

export function appEventGraph(appEventId: string, steps: TStepInput[], edges: [string, string, string?][] | "chain" = "chain") {
  const pairs = edges === "chain" ? steps.map((step, i) => [i === 0 ? "trigger" : steps[i - 1].id, step.id] as [string, string]) : edges;
  return {
    trigger: { type: "app_event", appEventId },
    steps,
    edges: pairs.map(([source, target, branch], i) => ({ id: `e${i}`, source, target, ...(branch ? { branch } : {}) })),
  };
}

// ------------------------------------------------------------------------------------------------ world

/** A project with an App Event and a connected user, to deploy workflows in and dispatch events for. */
export async function createEngineWorld() {
  const project = await createTestProject();
  const event = await createTestAppEvent(project.id);
  const user = await createTestUser(project.id);
  return { project, event, user, projectId: project.id };
}
export type TEngineWorld = Awaited<ReturnType<typeof createEngineWorld>>;

/**
 * For a test file that runs workflows: a fresh world and a stub HTTP server on loopback (Request steps may
 * reach it) for the whole file, torn down after. Read `stub` and `world` inside tests, once set up.
 */
export function useEngineWorld(): { readonly stub: TStub; readonly world: TEngineWorld } {
  const context = {} as { stub: TStub; world: TEngineWorld };
  const allowHosts = process.env.REQUEST_ALLOW_HOSTS;
  beforeAll(async () => {
    process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1";
    context.stub = await startStub();
    context.world = await createEngineWorld();
  });
  afterAll(async () => {
    process.env.REQUEST_ALLOW_HOSTS = allowHosts;
    await context.stub.close();
  });
  return context;
}

export function dispatchEvent(world: { projectId: string; user: { id: string } }, appEventId: string, payload: unknown = {}) {
  return db.$transaction((tx) =>
    dispatchTrigger(tx, { projectId: world.projectId, connectedUserId: world.user.id, trigger: { type: "app_event", appEventId }, payload }),
  );
}

export function loadRun(runId: string) {
  return db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: [{ startedAt: "asc" }, { attempt: "asc" }] } } });
}

/**
 * Deploys `steps` on a fresh App Event of the world, dispatches one event and advances the run once.
 * Returns the run with its StepRuns.
 */
export async function runOnce(world: TEngineWorld, steps: TStepInput[], options: { edges?: [string, string, string?][]; payload?: unknown } = {}) {
  const event = await createTestAppEvent(world.projectId);
  await createDeployedWorkflow({ projectId: world.projectId, graph: appEventGraph(event.id, steps, options.edges ?? "chain") });
  const [dispatched] = await dispatchEvent(world, event.id, options.payload ?? {});
  await advanceRun(dispatched.runId);
  return loadRun(dispatched.runId);
}

/** Makes `graph` the deployed version (numbered after the latest), as a deploy does. */
export async function deployNewVersion(options: { projectId: string; workflowId: string; graph: unknown }) {
  const latest = await db.workflowVersion.aggregate({ where: { workflowId: options.workflowId, kind: "deployed" }, _max: { version: true } });
  const version = await db.workflowVersion.create({
    data: { projectId: options.projectId, workflowId: options.workflowId, version: (latest._max.version ?? 0) + 1, graph: options.graph as object },
    select: { id: true },
  });
  await db.workflow.update({ where: { id: options.workflowId }, data: { draft: options.graph as object, deployedVersionId: version.id } });
  return version.id;
}

// ------------------------------------------------------------------------------------------------ queue

export type TQueuedJob = { id: string; task: string; runAt: Date; key: string | null; attempts: number; lockedAt: Date | null; payload: Record<string, unknown> };

/** Pending graphile-worker jobs: the run's job (key run:<id>), or every job of a task. */
export async function queuedJobs(filter: { runId: string } | { task: string }): Promise<TQueuedJob[]> {
  const where = "runId" in filter ? Prisma.sql`j.key = ${`run:${filter.runId}`}` : Prisma.sql`t.identifier = ${filter.task}`;
  const rows = await db.$queryRaw<{ id: bigint; task: string; run_at: Date; key: string | null; attempts: number; locked_at: Date | null; payload: Record<string, unknown> }[]>`
    SELECT j.id, t.identifier AS task, j.run_at, j.key, j.attempts, j.locked_at, j.payload
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE ${where} ORDER BY j.id`;
  return rows.map((row) => ({ id: String(row.id), task: row.task, runAt: row.run_at, key: row.key, attempts: row.attempts, lockedAt: row.locked_at, payload: row.payload }));
}

// ------------------------------------------------------------------------------------- processes and dbs

/** A migrated database of its own, for tests that run real worker processes against it. */
export function createMigratedDatabase() {
  return createFreshDatabase({ migrate: true });
}

export { useDatabase };

export type TWorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; alive: () => boolean };

/** Starts `scripts/worker.ts` as a real child process against `databaseUrl`. */
export function spawnWorker(options: { databaseUrl: string; env?: Record<string, string> }): TWorkerProcess {
  let output = "";
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: options.databaseUrl, SWITCHYARD_SUPERVISOR_PID: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited, alive: () => child.exitCode === null && child.signalCode === null };
}

/** Stops a worker this test started, by its own handle: SIGTERM (orderly) or SIGKILL (a crash). */
export async function stopWorker(worker: TWorkerProcess | undefined, signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
  if (!worker || !worker.alive()) return;
  worker.child.kill(signal);
  await worker.exited;
}

/**
 * For a test file that runs real worker processes: a migrated database of its own (so their heartbeats and
 * queue cannot touch other tests), a stub on 127.0.0.1 and a world, for the whole file. Workers started with
 * `startWorker` are stopped after each test, one by one by their own handle: an orderly stop (which removes
 * the heartbeat, so the next test's reaper has nothing to do), a kill if that hangs. `outputs` is every
 * worker's output, for failure messages.
 */
export function useWorkerProcesses(defaults: Record<string, string> = {}) {
  const sharedUrl = process.env.DATABASE_URL as string;
  const started: TWorkerProcess[] = [];
  const context = {} as { database: Awaited<ReturnType<typeof createMigratedDatabase>>; stub: TStub; world: TEngineWorld };
  beforeAll(async () => {
    context.database = await createMigratedDatabase();
    await useDatabase(context.database.databaseUrl);
    context.stub = await startStub();
    context.world = await createEngineWorld();
  });
  afterEach(async () => {
    for (const worker of started.splice(0)) {
      if (!worker.alive()) continue;
      worker.child.kill("SIGTERM");
      const stopped = await Promise.race([worker.exited.then(() => true), sleep(20_000).then(() => false)]);
      if (!stopped) await stopWorker(worker, "SIGKILL");
    }
  });
  afterAll(async () => {
    await context.stub?.close();
    await useDatabase(sharedUrl);
    await context.database?.drop();
  });
  return {
    get stub() {
      return context.stub;
    },
    get world() {
      return context.world;
    },
    get databaseUrl() {
      return context.database.databaseUrl;
    },
    startWorker(env: Record<string, string> = {}): TWorkerProcess {
      const worker = spawnWorker({ databaseUrl: context.database.databaseUrl, env: { REQUEST_ALLOW_HOSTS: "127.0.0.1", ...defaults, ...env } });
      started.push(worker);
      return worker;
    },
    outputs: () => started.map((worker, i) => `--- worker ${i + 1} (pid ${worker.child.pid}):\n${worker.output()}`).join("\n"),
  };
}
