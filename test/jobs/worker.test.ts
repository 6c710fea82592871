// A job enqueued by the web side runs on a real worker process, which stops cleanly on SIGTERM. The
// worker gets a database of its own, so its heartbeat cannot change what other tests' /api/health sees.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { requestJobProbe } from "@/lib/jobs/request-job-probe";
import { createFreshDatabase, useDatabase } from "@/test/api-helpers";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
const sharedUrl = process.env.DATABASE_URL as string;
let worker: ChildProcess | undefined;
let workerOutput = "";

beforeAll(async () => {
  database = await createFreshDatabase({ migrate: true });
  await useDatabase(database.databaseUrl);
});

afterAll(async () => {
  // Only if a failed test left it running: stop the one process this file started.
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker?.once("exit", resolve));
  }
  await useDatabase(sharedUrl);
  await database.drop();
});

/** Polls until `read` returns a value; generous, since a cold `tsx` start on a busy machine is slow. */
async function waitFor<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (worker && worker.exitCode !== null) throw new Error(`worker exited (${worker.exitCode}) while waiting for ${what}:\n${workerOutput}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; worker output:\n${workerOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("worker process", () => {
  it("runs a probe job the web side enqueued, then stops on SIGTERM and removes its heartbeat", async () => {
    const probeId = await requestJobProbe();
    expect(await db.jobProbe.findUniqueOrThrow({ where: { id: probeId } })).toMatchObject({ completedAt: null, workerPid: null });

    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: database.databaseUrl, SWITCHYARD_SUPERVISOR_PID: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker = child;
    child.stdout?.on("data", (chunk) => (workerOutput += chunk));
    child.stderr?.on("data", (chunk) => (workerOutput += chunk));
    expect(child.pid).toBeGreaterThan(0);

    const probe = await waitFor("the probe to complete", () =>
      db.jobProbe.findFirst({ where: { id: probeId, completedAt: { not: null } } }),
    );
    expect(probe.workerPid).toBe(child.pid);
    expect(probe.completedAt?.getTime()).toBeGreaterThanOrEqual(probe.requestedAt.getTime());

    const beat = await waitFor("the worker's heartbeat", () => db.workerHeartbeat.findFirst({ where: { pid: child.pid } }));
    expect(beat.pid).toBe(child.pid);

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await db.workerHeartbeat.count({ where: { pid: child.pid } })).toBe(0);
    expect(workerOutput).toContain(`started (pid ${child.pid})`);
  }, 180_000);
});
