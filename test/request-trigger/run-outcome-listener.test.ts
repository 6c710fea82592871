// The web process's one LISTEN connection for run outcomes, on the edges a call must survive: the announcement
// read before the call starts waiting for it, and a connection lost while calls wait (what went by meanwhile is
// read from the database once it listens again). A database of its own, so that ending the listener's
// connection touches no other test's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listenForRunOutcomes, waitForRunOutcome } from "@/lib/request-triggers/run-outcome-listener";
import { RUN_OUTCOME_CHANNEL } from "@/lib/runs/run-outcomes";
import { createMigratedDatabase, useDatabase, waitFor } from "@/test/engine-helpers";
import { createSdkProject } from "@/test/sdk/sdk-helpers";
import { callTrigger, deployRequestWorkflow, fn } from "./request-trigger-helpers";

const sharedUrl = process.env.DATABASE_URL as string;
let database: Awaited<ReturnType<typeof createMigratedDatabase>>;
let world: Awaited<ReturnType<typeof createSdkProject>>;
let workflowId: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  await useDatabase(database.databaseUrl);
  world = await createSdkProject();
  workflowId = await deployRequestWorkflow(world.project.id, [fn("f", "function () { return 1 }")]);
  await listenForRunOutcomes();
});

afterAll(async () => {
  await useDatabase(sharedUrl);
  await database?.drop();
});

/** A committed run (no worker executes it here). */
async function newRun(): Promise<string> {
  const response = await callTrigger(world.project.id, workflowId, { token: await world.token() });
  expect(response.status).toBe(202);
  return response.body.runId as string;
}

const ANSWER = { statusCode: 201, headers: { "x-n": "1" }, body: { ok: true } };

const announce = (message: object) => db.$executeRaw`SELECT pg_notify(${RUN_OUTCOME_CHANNEL}, ${JSON.stringify(message)})`;

const listeners = async () =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = ${`LISTEN ${RUN_OUTCOME_CHANNEL}`}`)[0].n;

describe("the run-outcome listener", () => {
  it("keeps an announcement that comes before its call waits, and hands it over when it does", async () => {
    const early = await newRun();
    await db.runResponse.create({ data: { runId: early, projectId: world.project.id, response: ANSWER } });
    await announce({ runId: early, answer: ANSWER });
    // Announcements arrive in order on the one connection: once this later one is heard, so was the first.
    const sentinel = await newRun();
    const heard = waitForRunOutcome(sentinel, 20_000);
    await announce({ runId: sentinel, ended: "succeeded" });
    expect(await heard).toEqual({ kind: "ended", status: "succeeded" });

    expect(await waitForRunOutcome(early, 20_000)).toEqual({ kind: "answered", answer: ANSWER });
  });

  it("reads an answer too large to be announced from its row", async () => {
    const runId = await newRun();
    const waiting = waitForRunOutcome(runId, 20_000);
    await db.runResponse.create({ data: { runId, projectId: world.project.id, response: ANSWER } });
    await announce({ runId, answered: true });
    expect(await waiting).toEqual({ kind: "answered", answer: ANSWER });
  });

  it("listens again after losing its connection, and settles the calls whose answers went by meanwhile", async () => {
    const runId = await newRun();
    const waiting = waitForRunOutcome(runId, 30_000);
    // Committed and never announced to this process, as when the announcement came while it was not listening.
    await db.runResponse.create({ data: { runId, projectId: world.project.id, response: ANSWER } });
    expect(await listeners()).toBe(1);
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = ${`LISTEN ${RUN_OUTCOME_CHANNEL}`}`;

    expect(await waiting).toEqual({ kind: "answered", answer: ANSWER });
    await waitFor("the listener to be back", async () => ((await listeners()) === 1 ? true : null));
    const next = await newRun();
    const heard = waitForRunOutcome(next, 20_000);
    await announce({ runId: next, ended: "failed" });
    expect(await heard).toEqual({ kind: "ended", status: "failed" });
  });

  it("answers a timeout when nothing is announced in time", async () => {
    expect(await waitForRunOutcome(await newRun(), 200)).toEqual({ kind: "timeout" });
  });
});
