// A statement that fails inside an ingestion batch, for real in the database, fails only the events it must:
// the project's later events are written as before, and the process keeps no per-project state behind.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { projectsWriting, writeEventInBatch } from "@/lib/events/write-event-in-batch";
import type { TEventRow } from "@/lib/events/write-events";
import { awayFromAMinuteBoundary, countRows, createSdkProject, expectError, trigger } from "./sdk-helpers";

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, code: (error as { code?: string }).code }),
  );

/** Lets the batches of this turn finish their bookkeeping (a key is dropped just after its last answer). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("ingestion after a failed statement", () => {
  it("an App Event deleted between validation and write fails its own events (foreign key), and later events are written", async () => {
    const world = await createSdkProject();
    const projectId = world.project.id;
    const doomed = await db.appEvent.create({ data: { projectId, name: "Doomed", example: {}, jsonSchema: {} }, select: { id: true } });
    await db.appEvent.delete({ where: { id: doomed.id } });
    const write = (appEventId: string) => {
      const row: TEventRow = {
        eventId: randomUUID(),
        externalId: "fk-user",
        appEventId,
        name: "Contact Created",
        payload: {},
        validation: null,
        source: "sdk",
        idempotencyKey: null,
        requestHash: null,
      };
      return settle(writeEventInBatch({ projectId, rateLimit: { key: `events:${projectId}`, limit: 1_000_000, windowSeconds: 60 }, row }));
    };
    const before = await countRows(projectId);
    // In one tick: the first goes alone, the other four together; their shared statement fails on the
    // deleted App Event, so each is then written alone.
    const results = await Promise.all([world.appEvent.id, world.appEvent.id, doomed.id, world.appEvent.id, doomed.id].map(write));
    expect(results.map((result) => (result.ok ? "written" : result.code))).toEqual(["written", "written", "23503", "written", "23503"]);
    expect(await countRows(projectId)).toEqual({ events: before.events + 3, runs: before.runs, users: before.users + 1 });
    const later = await Promise.all([world.appEvent.id, world.appEvent.id].map(write));
    expect(later.map((result) => result.ok)).toEqual([true, true]);
    // Once per event: the four retried alone were not counted again.
    const hits = await db.rateLimitWindow.aggregate({ where: { key: `events:${projectId}` }, _sum: { count: true } });
    expect(hits._sum.count).toBe(7);
    await nextTurn();
    expect(projectsWriting()).toBe(0);
  });

  it("a failed rate-limit statement fails the events it counted, and the project's next events are accepted", async () => {
    const world = await createSdkProject();
    const projectId = world.project.id;
    const tokens = await Promise.all(Array.from({ length: 6 }, (_, i) => world.token({ sub: `limit-${i}` })));
    await awayFromAMinuteBoundary();
    // The window's count at the largest int: adding any hit is "integer out of range" in PostgreSQL.
    const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await db.rateLimitWindow.create({ data: { key: `events:${projectId}`, windowStart, count: 2_147_483_647 } });
    const failed = await Promise.all(tokens.map((token) => trigger(projectId, { token })));
    for (const response of failed) expectError(response, 500, "internal_error", "Something went wrong on our side. It has been logged.");
    expect((await countRows(projectId)).events).toBe(0);

    await db.rateLimitWindow.deleteMany({ where: { key: `events:${projectId}` } });
    const accepted = await Promise.all(tokens.map((token) => trigger(projectId, { token })));
    expect(accepted.map((response) => response.status)).toEqual(Array(6).fill(201));
    expect((await countRows(projectId)).events).toBe(6);
    await nextTurn();
    expect(projectsWriting()).toBe(0);
  });
});
