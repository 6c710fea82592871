// A run executes once, a finished step never runs again, and a worker that lost a run writes and sends
// nothing more — with real worker processes on a database of their own, and a counting stub on 127.0.0.1.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createGate, dispatchEvent, functionStep, requestStep, sleep, stopWorker, type TStepInput, useWorkerProcesses, waitFor } from "@/test/engine-helpers";

const processes = useWorkerProcesses({ WORKER_CONCURRENCY: "4" });
const startWorker = (env: Record<string, string> = {}) => processes.startWorker(env);
const outputs = processes.outputs;

beforeEach(async () => {
  // Each test starts from a queue without an earlier test's leftovers (its workers were stopped after it).
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  await db.workerHeartbeat.deleteMany({});
});

async function waitWithOutputs<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs: number): Promise<T> {
  try {
    return await waitFor(what, read, { timeoutMs, intervalMs: 250 });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${outputs()}`);
  }
}

async function deploy(steps: TStepInput[], edges?: [string, string, string?][]) {
  const event = await createTestAppEvent(processes.world.projectId);
  await createDeployedWorkflow({ projectId: processes.world.projectId, graph: appEventGraph(event.id, steps, edges ?? "chain") });
  return event.id;
}

const finished = (runIds: string[]) => db.run.count({ where: { id: { in: runIds }, status: { in: ["succeeded", "failed", "cancelled"] } } });

/** Every idempotency-key the stub saw on `path`, with how often. */
function keysSeen(path: string): Map<string, number> {
  const keys = new Map<string, number>();
  for (const hit of processes.stub.hits(path)) {
    const key = String(hit.headers["idempotency-key"]);
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return keys;
}

describe("two workers, and Fan Out lanes that busy-wait near the Function limit before a Request", () => {
  it("send each lane's Request exactly once, and both workers keep beating while the code spins", async () => {
    // 4.5 s of busy CPU per lane, 8 lanes per run, 3 runs: on the main thread (the old sandbox) a worker's event
    // loop stopped for 36 s at a time, past the 20 s after which other workers reap it, and its lanes ran twice.
    const spin = "function (params) { const end = Date.now() + 4500; while (Date.now() < end) {} return { lane: params.lane } }";
    const eventId = await deploy(
      [
        { id: "fan", name: "fan", type: "fan_out", config: { items: "{{trigger.payload.items}}", concurrency: 8 } },
        functionStep("spin", spin, { lane: "{{fanOut.index}}" }),
        requestStep("count", `${processes.stub.url}/count`),
      ],
      [["trigger", "fan"], ["fan", "spin", "each"], ["spin", "count"]],
    );
    const items = Array.from({ length: 8 }, (_, i) => i);
    const runIds: string[] = [];
    for (let i = 0; i < 3; i++) runIds.push(...(await dispatchEvent(processes.world, eventId, { items })).map((run) => run.runId));

    startWorker();
    startWorker();
    const beats = new Map<string, Set<number>>();
    const watch = setInterval(() => {
      void db.workerHeartbeat.findMany({ select: { id: true, beatAt: true } }).then((rows) => {
        for (const row of rows) beats.set(row.id, (beats.get(row.id) ?? new Set()).add(row.beatAt.getTime()));
      });
    }, 500);
    try {
      await waitWithOutputs("all three runs to finish", async () => ((await finished(runIds)) === runIds.length ? true : null), 240_000);
    } finally {
      clearInterval(watch);
    }

    expect(await db.run.count({ where: { id: { in: runIds }, status: "succeeded" } })).toBe(3);
    expect(processes.stub.hits("/count")).toHaveLength(24);
    expect([...keysSeen("/count").values()].every((count) => count === 1)).toBe(true);
    expect(await db.stepRun.count({ where: { runId: { in: runIds }, stepId: "count" } })).toBe(24);
    expect(await db.stepRun.count({ where: { runId: { in: runIds }, status: "interrupted" } })).toBe(0);
    expect(outputs()).not.toMatch(/freed the jobs/);
    // Each worker beat again and again while its threads spun (a beat every 5 s over tens of seconds).
    expect(beats.size).toBe(2);
    for (const seen of beats.values()) expect(seen.size).toBeGreaterThanOrEqual(3);
  }, 300_000);
});

describe("a live worker that is reaped", () => {
  it("is fenced off: the worker that takes its run over re-sends the step in flight with the same key, and the first writes and sends nothing more", async () => {
    const gate = createGate();
    processes.stub.on("/hang", async () => {
      await gate.opened;
      return { body: { ok: true } };
    });
    const eventId = await deploy([requestStep("hang", `${processes.stub.url}/hang`, { config: { method: "POST", url: `${processes.stub.url}/hang`, headers: [], query: [], timeoutMs: 120_000 } }), requestStep("after", `${processes.stub.url}/after`)]);
    const [{ runId }] = await dispatchEvent(processes.world, eventId);

    const first = startWorker();
    await waitWithOutputs("the first worker's request", async () => (processes.stub.hits("/hang").length === 1 ? true : null), 120_000);
    // What reapDeadWorkers does to a worker whose heartbeat stopped, done to this live one.
    const [beat] = await db.workerHeartbeat.findMany({ where: { pid: first.child.pid } });
    await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${beat.jobWorkerIds}::text[])`;
    await db.workerHeartbeat.delete({ where: { id: beat.id } });

    startWorker();
    await waitWithOutputs("the second worker's request", async () => (processes.stub.hits("/hang").length === 2 ? true : null), 120_000);
    gate.release();
    await waitWithOutputs("the run to finish", async () => ((await finished([runId])) === 1 ? true : null), 60_000);
    // The first worker's answer arrived too; give it time to (try to) write and go on.
    await sleep(2_000);

    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "succeeded" });
    expect(processes.stub.hits("/after")).toHaveLength(1);
    const [sent, resent] = processes.stub.hits("/hang");
    expect(resent.headers["idempotency-key"]).toBe(sent.headers["idempotency-key"]);
    const steps = await db.stepRun.findMany({ where: { runId }, orderBy: [{ startedAt: "asc" }, { attempt: "asc" }], select: { stepId: true, attempt: true, retryAttempt: true, status: true, input: true } });
    expect(steps.map((step) => [step.stepId, step.attempt, step.retryAttempt, step.status])).toEqual([
      ["hang", 1, 1, "interrupted"],
      ["hang", 2, 1, "succeeded"],
      ["after", 1, 1, "succeeded"],
    ]);
    expect((steps[0].input as { headers: Record<string, string> }).headers["idempotency-key"]).toBe(sent.headers["idempotency-key"]);
    expect(first.alive()).toBe(true);
    expect(first.output()).toMatch(/taken over by another execution/);
  }, 300_000);
});

describe("a worker killed with SIGKILL mid-stream", () => {
  it("leaves every interrupted Request visible in its run's history, and each re-send carries the key of the first send", async () => {
    processes.stub.on("/slow", async () => {
      await sleep(300);
      return { body: { ok: true } };
    });
    const eventId = await deploy([functionStep("shape", "function () { return 1 }"), requestStep("send", `${processes.stub.url}/slow`), requestStep("confirm", `${processes.stub.url}/confirm`)]);
    const runIds: string[] = [];
    for (let i = 0; i < 60; i++) runIds.push(...(await dispatchEvent(processes.world, eventId, { i })).map((run) => run.runId));

    const first = startWorker({ WORKER_CONCURRENCY: "20" });
    await waitWithOutputs("some runs done and Requests in flight", async () => ((await finished(runIds)) >= 5 && processes.stub.inFlight("/slow") > 0 ? true : null), 120_000);
    await stopWorker(first, "SIGKILL");
    startWorker({ WORKER_CONCURRENCY: "20" });
    await waitWithOutputs("all runs to finish", async () => ((await finished(runIds)) === runIds.length ? true : null), 180_000);

    expect(await db.run.count({ where: { id: { in: runIds }, status: "succeeded" } })).toBe(runIds.length);
    const interrupted = await db.stepRun.findMany({ where: { runId: { in: runIds }, status: "interrupted" } });
    expect(interrupted.length).toBeGreaterThan(0);
    for (const attempt of interrupted) {
      // The attempt that ran it again, with the same retry attempt and so the same key.
      const rerun = await db.stepRun.findFirstOrThrow({ where: { runId: attempt.runId, stepId: attempt.stepId, lane: attempt.lane, attempt: attempt.attempt + 1 } });
      expect(rerun).toMatchObject({ status: "succeeded", retryAttempt: attempt.retryAttempt });
      const keyOf = (input: unknown) => (input as { headers: Record<string, string> }).headers["idempotency-key"];
      expect(keyOf(rerun.input)).toBe(keyOf(attempt.input));
    }
    // Every key the stub saw twice is an interrupted attempt's: no re-send is silent.
    const interruptedKeys = new Set(interrupted.map((attempt) => (attempt.input as { headers: Record<string, string> }).headers["idempotency-key"]));
    for (const path of ["/slow", "/confirm"]) {
      for (const [key, count] of keysSeen(path)) {
        expect(count).toBeLessThanOrEqual(2);
        if (count === 2) expect(interruptedKeys.has(key)).toBe(true);
      }
    }
    const twice = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT 1 FROM "StepRun" WHERE "status" = 'succeeded' AND "runId" = ANY(${runIds}::uuid[]) GROUP BY "runId", "stepId", "lane" HAVING count(*) > 1) d`;
    expect(twice[0].n).toBe(0n);
  }, 300_000);
});
