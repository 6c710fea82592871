// Every run reaches a terminal state: a run whose job runs out of attempts, or whose version cannot be read,
// ends failed with a clear error, and the sweep leaves no run queued, waiting or running with no job behind it.
// A database of its own: the sweep looks at every run, and a worker process runs here.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { reapDeadWorkers } from "@/lib/jobs/reap-dead-workers";
import { recordHeartbeat } from "@/lib/jobs/record-heartbeat";
import { advanceRun } from "@/lib/runs/advance-run";
import { claimRun } from "@/lib/runs/run-claims";
import { sweepRuns } from "@/lib/runs/sweep-runs";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import {
  appEventGraph,
  createEngineWorld,
  createMigratedDatabase,
  dispatchEvent,
  functionStep,
  queuedJobs,
  spawnWorker,
  stopWorker,
  type TEngineWorld,
  useDatabase,
  waitFor,
} from "@/test/engine-helpers";

const sharedUrl = process.env.DATABASE_URL as string;
let database: Awaited<ReturnType<typeof createMigratedDatabase>>;
let world: TEngineWorld;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await useDatabase(database.databaseUrl);
  world = await createEngineWorld();
});

afterAll(async () => {
  await useDatabase(sharedUrl);
  await database?.drop();
});

async function dispatchOne(target = world) {
  const event = await createTestAppEvent(target.projectId);
  const { versionId } = await createDeployedWorkflow({ projectId: target.projectId, graph: appEventGraph(event.id, [functionStep("answer", "function () { return 42 }")]) });
  const [{ runId }] = await dispatchEvent(target, event.id);
  return { runId, versionId };
}

const slotsUsed = async (projectId: string) => (await db.projectRunSlots.findUnique({ where: { projectId } }))?.used ?? 0;

describe("a run whose job runs out of attempts", () => {
  it("ends failed with the engine's error, frees its slot and notifies, on the job's last attempt in a real worker", async () => {
    const notified = await createEngineWorld();
    await db.notificationDestination.create({ data: { projectId: notified.projectId, name: "hook", url: "http://127.0.0.1:9/hook", encryptedSecret: "x" } });
    const { runId } = await dispatchOne(notified);
    // A real fault in the database: every step record of this run is refused.
    await db.$executeRawUnsafe(`CREATE FUNCTION fail_records() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER fail_records BEFORE INSERT ON "StepRun" FOR EACH ROW WHEN (NEW."runId" = '${runId}') EXECUTE FUNCTION fail_records()`);
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET max_attempts = 2 WHERE key = ${`run:${runId}`}`;
    const worker = spawnWorker({ databaseUrl: database.databaseUrl, env: { WORKER_CONCURRENCY: "2" } });
    try {
      const run = await waitFor("the run to end", () => db.run.findFirst({ where: { id: runId, status: { in: ["succeeded", "failed"] } } }), {
        timeoutMs: 120_000,
        describe: () => worker.output(),
      });
      expect(run).toMatchObject({ status: "failed", holdsSlot: false, error: { code: "engine_failed" } });
      expect((run.error as { message: string }).message).toMatch(/in 2 attempts: .*injected fault/);
      expect(await slotsUsed(notified.projectId)).toBe(0);
      expect((await queuedJobs({ task: "run:notify-failed" })).filter((job) => job.payload.runId === runId)).toHaveLength(1);
    } finally {
      await stopWorker(worker);
      await db.$executeRawUnsafe(`DROP TRIGGER fail_records ON "StepRun"`);
      await db.$executeRawUnsafe(`DROP FUNCTION fail_records()`);
    }
  }, 180_000);

  it("ends failed at the sweep when its worker died on every attempt", async () => {
    const { runId } = await dispatchOne();
    await claimRun(runId);
    // As the queue leaves a job whose attempts are used up: unlocked, never fetched again.
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'worker exited' WHERE key = ${`run:${runId}`}`;
    const swept = await sweepRuns({ full: false });
    expect(swept.abandoned).toBeGreaterThanOrEqual(1);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "failed", holdsSlot: false, error: { code: "engine_failed" } });
    expect((run.error as { message: string }).message).toMatch(/worker exited/);
    expect(await queuedJobs({ runId })).toEqual([]);
  });
});

describe("a run whose version cannot be read", () => {
  it("ends failed at once with version_unavailable, and frees its slot", async () => {
    const { runId, versionId } = await dispatchOne();
    await db.workflowVersion.update({ where: { id: versionId }, data: { graph: { not: "a workflow" } } });
    await advanceRun(runId);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "failed", holdsSlot: false, error: { code: "version_unavailable" } });
  });
});

describe("the sweep", () => {
  it("gives a run that lost its job a job again, and a waiting one its job at its resume time", async () => {
    const queued = await dispatchOne();
    const waiting = await dispatchOne();
    const resumeAt = new Date(Date.now() + 3_600_000);
    await db.run.update({ where: { id: waiting.runId }, data: { status: "waiting", holdsSlot: false, resumeAt } });
    for (const { runId } of [queued, waiting]) await db.$executeRaw`SELECT graphile_worker.remove_job(${`run:${runId}`})`;
    // Runs touched within the last minute are left to whoever touches them.
    await db.run.updateMany({ where: { id: { in: [queued.runId, waiting.runId] } }, data: { updatedAt: new Date(Date.now() - 120_000) } });
    const swept = await sweepRuns({ full: true });
    expect(swept.requeued).toBe(2);
    expect(await queuedJobs({ runId: queued.runId })).toHaveLength(1);
    const [job] = await queuedJobs({ runId: waiting.runId });
    expect(job.runAt.getTime()).toBe(resumeAt.getTime());
    await advanceRun(queued.runId);
    expect((await db.run.findUniqueOrThrow({ where: { id: queued.runId } })).status).toBe("succeeded");
  });

  it("recounts a project's slots from its runs and admits the parked runs that fit", async () => {
    const limited = await createEngineWorld();
    await db.project.update({ where: { id: limited.projectId }, data: { concurrencyLimit: 1 } });
    const first = await dispatchOne(limited);
    const [second] = await dispatchEvent(limited, (await db.run.findUniqueOrThrow({ where: { id: first.runId }, select: { workflow: { select: { triggerAppEventId: true } } } })).workflow.triggerAppEventId as string);
    expect(await db.run.findUniqueOrThrow({ where: { id: second.runId } })).toMatchObject({ parked: true });
    // A slot leaked by a bug: the counter says taken, but no run holds it.
    await db.run.update({ where: { id: first.runId }, data: { status: "cancelled", holdsSlot: false } });
    const swept = await sweepRuns({ full: true });
    expect(swept.recounted).toBeGreaterThanOrEqual(1);
    expect(await db.run.findUniqueOrThrow({ where: { id: second.runId } })).toMatchObject({ parked: false, holdsSlot: true });
    expect(await queuedJobs({ runId: second.runId })).toHaveLength(1);
    expect(await slotsUsed(limited.projectId)).toBe(1);
  });

  it("admits parked runs once the project's limit is raised", async () => {
    const limited = await createEngineWorld();
    await db.project.update({ where: { id: limited.projectId }, data: { concurrencyLimit: 1 } });
    const event = await createTestAppEvent(limited.projectId);
    await createDeployedWorkflow({ projectId: limited.projectId, graph: appEventGraph(event.id, [functionStep("answer", "function () { return 1 }")]) });
    const runIds: string[] = [];
    for (let i = 0; i < 3; i++) runIds.push((await dispatchEvent(limited, event.id))[0].runId);
    await db.project.update({ where: { id: limited.projectId }, data: { concurrencyLimit: 3 } });
    await sweepRuns({ full: false });
    expect((await db.run.findMany({ where: { id: { in: runIds } } })).every((run) => run.holdsSlot && !run.parked)).toBe(true);
    expect(await slotsUsed(limited.projectId)).toBe(3);
  });

  it("leaves no run that may still change without a job, after all of the above", async () => {
    await sweepRuns({ full: true });
    const stranded = await db.$queryRaw<{ id: string }[]>`
      SELECT r."id" FROM "Run" r WHERE r."status" IN ('queued', 'waiting', 'running') AND NOT r."parked"
        AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j."key" = 'run:' || r."id"::text)`;
    expect(stranded).toEqual([]);
  });
});

describe("reapDeadWorkers", () => {
  it("never reaps the worker that runs it, however stale its own beat looks, and frees another dead worker's jobs", async () => {
    const { runId } = await dispatchOne();
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'pool-self' WHERE key = ${`run:${runId}`}`;
    await recordHeartbeat({ id: "self", jobWorkerIds: ["pool-self"] });
    await db.$executeRaw`UPDATE "WorkerHeartbeat" SET "beatAt" = now() - interval '1 hour' WHERE "id" = 'self'`;
    expect(await reapDeadWorkers({ staleAfterMs: 20_000, self: "self" })).toBe(0);
    expect((await queuedJobs({ runId }))[0].lockedAt).not.toBeNull();
    // Seen from any other worker, it is dead.
    expect(await reapDeadWorkers({ staleAfterMs: 20_000, self: "another" })).toBe(1);
    expect((await queuedJobs({ runId }))[0].lockedAt).toBeNull();
    expect(await db.workerHeartbeat.count({ where: { id: "self" } })).toBe(0);
  });

  it("judges staleness by the database's clock: a worker whose clock is an hour behind is not reaped", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 3_600_000));
    try {
      await recordHeartbeat({ id: "skewed", jobWorkerIds: [] });
    } finally {
      vi.useRealTimers();
    }
    const [{ age }] = await db.$queryRaw<{ age: number }[]>`SELECT extract(epoch FROM now() - "beatAt")::float AS age FROM "WorkerHeartbeat" WHERE "id" = 'skewed'`;
    expect(Math.abs(age)).toBeLessThan(60);
    expect(await reapDeadWorkers({ staleAfterMs: 20_000, self: "another" })).toBe(0);
  });
});
