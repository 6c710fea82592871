// One tenant's backlog does not delay another tenant's first run: project A's runs beyond its concurrency limit
// wait parked in the database, not in the queue, so project B's run is next in line at once. Real worker
// process, a database of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { dispatchOccurrencesSql } from "@/lib/runs/dispatch-trigger";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createEngineWorld, createMigratedDatabase, dispatchEvent, functionStep, spawnWorker, stopWorker, useDatabase, waitFor } from "@/test/engine-helpers";

const sharedUrl = process.env.DATABASE_URL as string;
let database: Awaited<ReturnType<typeof createMigratedDatabase>>;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await useDatabase(database.databaseUrl);
});

afterAll(async () => {
  await useDatabase(sharedUrl);
  await database?.drop();
});

const BACKLOG = 50_000;

/** Dispatches `count` occurrences of one App Event for one user in a single statement, as a burst of events would. */
async function dispatchBurst(world: { projectId: string; user: { id: string } }, appEventId: string, count: number): Promise<number> {
  const rows = await sql.query<{ runs: string }>(
    `WITH occurrences AS (
       SELECT NULL::uuid AS "eventId", $2::uuid AS "connectedUserId", 'app_event' AS "triggerType", $3::text AS "triggerKey",
              jsonb_build_object('type', 'app_event', 'payload', jsonb_build_object('n', n)) AS "input", 'burst' AS "triggerRef",
              NULL::timestamptz AS "scheduledAt", false AS "held"
       FROM generate_series(1, $4::int) n
     ), ${dispatchOccurrencesSql({ occurrences: "occurrences", projectId: "$1::uuid" })}
     SELECT count(*)::text AS "runs" FROM dispatched CROSS JOIN dispatched_jobs`,
    [world.projectId, world.user.id, appEventId, count],
  );
  return Number(rows[0].runs);
}

describe("a project with a 50,000-run backlog", () => {
  it("does not delay another project's first run, and drains its own oldest first", async () => {
    const busy = await createEngineWorld();
    const quiet = await createEngineWorld();
    const steps = [functionStep("work", "function (params) { return params.n }", { n: "{{trigger.payload.n}}" })];
    const busyEvent = await createTestAppEvent(busy.projectId);
    const quietEvent = await createTestAppEvent(quiet.projectId);
    await createDeployedWorkflow({ projectId: busy.projectId, graph: appEventGraph(busyEvent.id, steps) });
    await createDeployedWorkflow({ projectId: quiet.projectId, graph: appEventGraph(quietEvent.id, steps) });

    expect(await dispatchBurst(busy, busyEvent.id, BACKLOG)).toBe(BACKLOG);
    const limit = (await db.project.findUniqueOrThrow({ where: { id: busy.projectId } })).concurrencyLimit;
    expect(await db.run.count({ where: { projectId: busy.projectId, parked: true } })).toBe(BACKLOG - limit);
    const jobs = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'run:advance'`;
    expect(Number(jobs[0].n)).toBe(limit);

    const worker = spawnWorker({ databaseUrl: database.databaseUrl });
    try {
      await waitFor("the backlog to be draining", async () => ((await db.run.count({ where: { projectId: busy.projectId, status: "succeeded" } })) >= 200 ? true : null), {
        timeoutMs: 120_000,
        describe: () => worker.output(),
      });
      const [quietRun] = await dispatchEvent(quiet, quietEvent.id, { n: 1 });
      expect(await db.run.findUniqueOrThrow({ where: { id: quietRun.runId } })).toMatchObject({ holdsSlot: true, parked: false });
      const done = await waitFor("the other project's run", () => db.run.findFirst({ where: { id: quietRun.runId, status: "succeeded" } }), { timeoutMs: 60_000, describe: () => worker.output() });

      // Behind it in line were only the busy project's admitted runs, never its backlog.
      const startedBefore = await db.run.count({ where: { projectId: busy.projectId, startedAt: { lt: done.startedAt as Date } } });
      const stillParked = await db.run.count({ where: { projectId: busy.projectId, parked: true } });
      expect(stillParked).toBeGreaterThan(BACKLOG / 2);
      expect(startedBefore).toBeLessThan(BACKLOG - stillParked + limit);
      // The busy project's runs started oldest first: every started run is older than every parked one.
      const [order] = await db.$queryRaw<{ newestStarted: Date; oldestParked: Date }[]>`
        SELECT (SELECT max("createdAt") FROM "Run" WHERE "projectId" = ${busy.projectId}::uuid AND "startedAt" IS NOT NULL) AS "newestStarted",
               (SELECT min("createdAt") FROM "Run" WHERE "projectId" = ${busy.projectId}::uuid AND "parked") AS "oldestParked"`;
      expect(order.newestStarted.getTime()).toBeLessThanOrEqual(order.oldestParked.getTime());
      // Never more running at once than the limit.
      const [peak] = await db.$queryRaw<{ used: number }[]>`SELECT "used" FROM "ProjectRunSlots" WHERE "projectId" = ${busy.projectId}::uuid`;
      expect(peak.used).toBeLessThanOrEqual(limit);
    } finally {
      await stopWorker(worker);
    }
  }, 300_000);
});
