// /api/health reads heartbeats of every worker in the database. The tests of this file run in order
// against a database of their own, so no other test's worker or heartbeat can change the answer.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { db, disconnectDb } from "@/lib/db/client";
import { HEARTBEAT_INTERVAL_MS } from "@/lib/jobs/heartbeat";
import { createFreshDatabase, useDatabase } from "@/test/api-helpers";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
const sharedUrl = process.env.DATABASE_URL as string;

beforeAll(async () => {
  database = await createFreshDatabase({ migrate: true });
  await useDatabase(database.databaseUrl);
});

afterEach(async () => {
  await db.workerHeartbeat.deleteMany({});
});

afterAll(async () => {
  await useDatabase(sharedUrl);
  await database.drop();
});

async function check() {
  const response = await health();
  return { status: response.status, body: await response.json(), cacheControl: response.headers.get("cache-control") };
}

function heartbeat(ageMs: number) {
  return db.workerHeartbeat.create({ data: { id: randomUUID(), hostname: "test-host", pid: 1, beatAt: new Date(Date.now() - ageMs) } });
}

describe.sequential("GET /api/health", () => {
  it("answers 503 with the worker down when there is no heartbeat", async () => {
    expect(await check()).toEqual({ status: 503, body: { status: "unavailable", db: "ok", worker: "down" }, cacheControl: "no-store" });
  });

  it("answers 200 when a worker beat just now", async () => {
    await heartbeat(0);
    expect(await check()).toEqual({ status: 200, body: { status: "ok", db: "ok", worker: "ok" }, cacheControl: "no-store" });
  });

  it("answers 503 with the worker down when the only heartbeat is stale", async () => {
    await heartbeat(10 * HEARTBEAT_INTERVAL_MS);
    expect(await db.workerHeartbeat.count()).toBe(1);
    expect(await check()).toEqual({ status: 503, body: { status: "unavailable", db: "ok", worker: "down" }, cacheControl: "no-store" });
  });

  it("answers 200 when one of several workers is alive", async () => {
    await heartbeat(10 * HEARTBEAT_INTERVAL_MS);
    await heartbeat(HEARTBEAT_INTERVAL_MS);
    expect((await check()).body).toEqual({ status: "ok", db: "ok", worker: "ok" });
  });

  it("answers 503 with db and worker down when the database is gone", async () => {
    const doomed = await createFreshDatabase();
    await useDatabase(doomed.databaseUrl);
    await doomed.drop();
    try {
      expect(await check()).toEqual({ status: 503, body: { status: "unavailable", db: "down", worker: "down" }, cacheControl: "no-store" });
    } finally {
      await disconnectDb();
      await useDatabase(database.databaseUrl);
    }
  });
});
