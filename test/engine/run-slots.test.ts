// A project's concurrency slots are session advisory locks held by each worker process's slot session, and
// runs are claimed through it in batches. What must hold: no two running runs share a slot, whichever process
// or batch claimed them; a slot another session holds is not taken; a freed slot can be taken again; and after
// the session is lost, a release from before can never free a slot of the session after.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { claimRun, closeRunSlots, releaseRunSlot, type TClaimedRun } from "@/lib/runs/run-slots";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import { appEventGraph, createEngineWorld, dispatchEvent, functionStep, waitFor } from "@/test/engine-helpers";

afterAll(async () => {
  await closeRunSlots();
});

/** A project with the given concurrency limit and `count` queued runs. */
async function queuedRuns(limit: number, count: number) {
  const world = await createEngineWorld();
  await db.project.update({ where: { id: world.projectId }, data: { concurrencyLimit: limit } });
  const event = await createTestAppEvent(world.projectId);
  await createDeployedWorkflow({ projectId: world.projectId, graph: appEventGraph(event.id, [functionStep("map", "function () { return 1 }")]) });
  const runIds: string[] = [];
  for (let i = 0; i < count; i++) runIds.push((await dispatchEvent(world, event.id))[0].runId);
  return { projectId: world.projectId, runIds };
}

const started = (run: TClaimedRun | null): run is TClaimedRun & { slot: number } => run !== null && run.started && run.slot !== null;

/** The slot numbers PostgreSQL has locked for a project, whoever holds them. */
async function lockedSlots(projectId: string): Promise<number[]> {
  const rows = await db.$queryRaw<{ slot: number }[]>`
    SELECT objid::int AS slot FROM pg_locks
    WHERE locktype = 'advisory' AND classid::int = hashtext('run-slot:' || ${projectId}) AND objsubid = 2 AND granted
    ORDER BY 1`;
  return rows.map((row) => row.slot);
}

describe("claimRun", () => {
  it("gives the runs claimed together distinct slots, up to the limit, and marks only those running", async () => {
    const { projectId, runIds } = await queuedRuns(2, 3);
    const claims = await Promise.all(runIds.map((runId) => claimRun(runId)));
    const running = claims.filter(started);
    expect(running).toHaveLength(2);
    expect(new Set(running.map((run) => run.slot)).size).toBe(2);
    expect(claims.filter((run) => run?.slot === null)).toHaveLength(1);
    expect(await lockedSlots(projectId)).toEqual(running.map((run) => run.slot).sort());
    const statuses = await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true } });
    expect(statuses.filter((run) => run.status === "running").map((run) => run.id).sort()).toEqual(running.map((run) => run.id).sort());
    for (const run of running) releaseRunSlot(run);
    await waitFor("the slots freed", async () => ((await lockedSlots(projectId)).length === 0 ? true : null));
  });

  it("does not take a slot another session holds, and takes it once freed", async () => {
    const { projectId, runIds } = await queuedRuns(1, 1);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('run-slot:' || $1), 0)`, [projectId]);
      expect(await claimRun(runIds[0])).toMatchObject({ slot: null, started: false });
      expect((await db.run.findUniqueOrThrow({ where: { id: runIds[0] } })).status).toBe("queued");
      await other.query(`SELECT pg_advisory_unlock(hashtext('run-slot:' || $1), 0)`, [projectId]);
      const claimed = await claimRun(runIds[0]);
      expect(claimed).toMatchObject({ slot: 0, started: true });
      if (started(claimed)) releaseRunSlot(claimed);
    } finally {
      await other.end();
    }
  });

  it("answers null for a run that cannot execute, and leaves it alone", async () => {
    const { runIds } = await queuedRuns(5, 1);
    await db.run.update({ where: { id: runIds[0] }, data: { status: "cancelled" } });
    expect(await claimRun(runIds[0])).toBeNull();
    expect((await db.run.findUniqueOrThrow({ where: { id: runIds[0] } })).status).toBe("cancelled");
  });

  it("after the session is lost, takes the freed slot in a new session, where a release from before frees nothing", async () => {
    const { projectId, runIds } = await queuedRuns(1, 3);
    const first = await claimRun(runIds[0]);
    expect(first).toMatchObject({ slot: 0, started: true });
    const [holder] = await db.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid::int = hashtext('run-slot:' || ${projectId}) AND objsubid = 2 AND granted`;
    await db.$queryRaw`SELECT pg_terminate_backend(${holder.pid}::int)`;
    await waitFor("the session's slot freed", async () => ((await lockedSlots(projectId)).length === 0 ? true : null));

    // The claim that finds the session gone fails (its job would be retried); the next opens a new session.
    let second: TClaimedRun | null = null;
    for (let attempt = 0; attempt < 3 && !second; attempt++) second = await claimRun(runIds[1]).catch(() => null);
    expect(second).toMatchObject({ slot: 0, started: true });

    if (started(first)) releaseRunSlot(first);
    expect(await claimRun(runIds[2])).toMatchObject({ slot: null });
    expect(await lockedSlots(projectId)).toEqual([0]);
    if (started(second)) releaseRunSlot(second);
    await waitFor("the new session's slot freed", async () => ((await lockedSlots(projectId)).length === 0 ? true : null));
  });
});
