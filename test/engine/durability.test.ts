// Runs survive a worker process killed mid-run: a second worker reaps the dead one's jobs (heartbeat) and
// resumes each run where it stopped, never repeating a recorded step. Real worker processes, a database
// of their own (so their heartbeats and queue cannot touch other tests), a stub on 127.0.0.1.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createGate, dispatchEvent, functionStep, requestStep, sleep, stopWorker, type TWorkerProcess, useWorkerProcesses, waitFor } from "@/test/engine-helpers";

const processes = useWorkerProcesses({ WORKER_CONCURRENCY: "2" });
const startWorker = () => processes.startWorker();
const outputs = processes.outputs;

/** What the queue and the heartbeats look like, for a failure message. */
async function queueState(): Promise<string> {
  const jobs = await db.$queryRaw<unknown[]>`
    SELECT j.key, j.attempts, j.locked_by, j.locked_at, j.run_at, j.last_error FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'run:advance' ORDER BY j.id`;
  const beats = await db.workerHeartbeat.findMany({ select: { pid: true, jobWorkerIds: true, beatAt: true } });
  return `jobs: ${JSON.stringify(jobs)}\nheartbeats: ${JSON.stringify(beats)}`;
}

/** Polls; fails early when the worker that should be running has exited; failures carry the workers' output and the queue. */
async function waitWhileAlive<T>(what: string, worker: TWorkerProcess, read: () => Promise<T | null | undefined>, timeoutMs: number) {
  try {
    return await waitFor(
      what,
      async () => {
        if (!worker.alive()) throw new Error(`worker exited while waiting for ${what}`);
        return read();
      },
      { timeoutMs, intervalMs: 250 },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${outputs()}\n${await queueState()}`);
  }
}

async function deploy(steps: { id: string }[]) {
  const event = await createTestAppEvent(processes.world.projectId);
  await createDeployedWorkflow({ projectId: processes.world.projectId, graph: appEventGraph(event.id, steps) });
  return event.id;
}

describe("a worker killed mid-run", () => {
  it("is reaped; a second worker resumes the run without repeating the finished step", async () => {
    const hang = createGate();
    processes.stub.on("/hang", async () => {
      await hang.opened;
      return { body: { step: 2 } };
    });
    const slow = { config: { method: "POST", url: `${processes.stub.url}/hang`, headers: [], query: [], timeoutMs: 55_000 } };
    const eventId = await deploy([requestStep("one", `${processes.stub.url}/one`), requestStep("two", `${processes.stub.url}/hang`, slow), requestStep("three", `${processes.stub.url}/three`)]);
    const [{ runId }] = await dispatchEvent(processes.world, eventId);

    const first = startWorker();
    await waitWhileAlive("step two's request", first, async () => (processes.stub.hits("/hang").length >= 1 ? true : null), 120_000);
    // Step two is recorded as started before its request went out.
    expect(await db.stepRun.findMany({ where: { runId }, select: { stepId: true, status: true }, orderBy: { startedAt: "asc" } })).toEqual([
      { stepId: "one", status: "succeeded" },
      { stepId: "two", status: "running" },
    ]);
    await stopWorker(first, "SIGKILL");
    expect(first.child.signalCode).toBe("SIGKILL");

    const second = startWorker();
    await waitWhileAlive("step two's request again, after the reaper freed the job", second, async () => (processes.stub.hits("/hang").length >= 2 ? true : null), 120_000);
    hang.release();
    const run = await waitWhileAlive("the run to finish", second, () => db.run.findFirst({ where: { id: runId, status: { in: ["succeeded", "failed"] } } }), 60_000);

    expect(run.status).toBe("succeeded");
    expect([processes.stub.hits("/one").length, processes.stub.hits("/hang").length, processes.stub.hits("/three").length]).toEqual([1, 2, 1]);
    // The attempt the kill cut off shows as interrupted, beside the one that sent it again with the same key.
    const steps = await db.stepRun.findMany({ where: { runId }, select: { stepId: true, attempt: true, retryAttempt: true, status: true }, orderBy: [{ startedAt: "asc" }, { attempt: "asc" }] });
    expect(steps).toEqual([
      { stepId: "one", attempt: 1, retryAttempt: 1, status: "succeeded" },
      { stepId: "two", attempt: 1, retryAttempt: 1, status: "interrupted" },
      { stepId: "two", attempt: 2, retryAttempt: 1, status: "succeeded" },
      { stepId: "three", attempt: 1, retryAttempt: 1, status: "succeeded" },
    ]);
    const [sent, resent] = processes.stub.hits("/hang");
    expect(resent.headers["idempotency-key"]).toBe(sent.headers["idempotency-key"]);
    expect(second.output()).toMatch(/freed the jobs of 1 worker process/);
  }, 300_000);

  it("loses no run: 20 runs all succeed across a kill, and no step succeeds twice", async () => {
    processes.stub.on("/quick", async () => {
      await sleep(150);
      return { body: { ok: true } };
    });
    const eventId = await deploy([
      requestStep("fetch", `${processes.stub.url}/quick`),
      functionStep("shape", "function (params) { return { status: params.status } }", { status: "{{steps.fetch.output.statusCode}}" }),
      requestStep("store", `${processes.stub.url}/quick`),
    ]);
    const runIds: string[] = [];
    for (let i = 0; i < 20; i++) runIds.push(...(await dispatchEvent(processes.world, eventId, { i })).map((run) => run.runId));
    const succeeded = () => db.run.count({ where: { id: { in: runIds }, status: "succeeded" } });

    const first = startWorker();
    await waitWhileAlive("a few runs to succeed", first, async () => ((await succeeded()) >= 3 ? true : null), 120_000);
    await stopWorker(first, "SIGKILL");
    expect(await succeeded()).toBeLessThan(20);

    const second = startWorker();
    await waitWhileAlive("all 20 runs to finish", second, async () => ((await db.run.count({ where: { id: { in: runIds }, status: { in: ["succeeded", "failed", "cancelled"] } } })) === 20 ? true : null), 150_000);

    expect(await succeeded()).toBe(20);
    const twice = await db.$queryRaw<{ runId: string; stepId: string; lane: string; count: bigint }[]>`
      SELECT "runId", "stepId", "lane", count(*) AS count FROM "StepRun"
      WHERE "status" = 'succeeded' AND "runId" = ANY(${runIds}::uuid[])
      GROUP BY "runId", "stepId", "lane" HAVING count(*) > 1`;
    expect(twice).toEqual([]);
    expect(await db.stepRun.count({ where: { runId: { in: runIds }, status: "succeeded" } })).toBe(60);
    // Every Request the kill cut off is in its run's history, and was sent again in a later attempt.
    const interrupted = await db.stepRun.count({ where: { runId: { in: runIds }, status: "interrupted" } });
    expect(await db.stepRun.count({ where: { runId: { in: runIds } } })).toBe(60 + interrupted);
  }, 300_000);
});
