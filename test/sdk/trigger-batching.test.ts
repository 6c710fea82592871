// Events of one project that arrive together are written in shared batches (one rate-limit statement and
// one write statement each): every event still gets its own answer, its own rows and its own refusal.
// Also: lastSeenAt is touched at most once a minute, and a remembered user token is forgotten with its key.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { writeEventInBatch } from "@/lib/events/write-event-in-batch";
import type { TEventRow } from "@/lib/events/write-events";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { revokeSigningKey } from "@/lib/signing-keys/revoke-signing-key";
import { awayFromAMinuteBoundary, countRows, createSdkProject, deployOn, expectError, jobCount, signToken, trigger } from "./sdk-helpers";

let world: Awaited<ReturnType<typeof createSdkProject>>;
let projectId: string;
let workflowId: string;
beforeAll(async () => {
  world = await createSdkProject();
  projectId = world.project.id;
  workflowId = await deployOn(projectId, world.appEvent.id);
});

afterEach(() => {
  vi.useRealTimers();
});

const send = async (sub: string, payload: object) => trigger(projectId, { token: await world.token({ sub }), body: { name: "Contact Created", payload } });

describe("concurrent events", () => {
  it("answers each of 20 concurrent events with its own event, run and job, and creates a new user once", async () => {
    const before = await countRows(projectId);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => send("crowd", { i })));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((response) => response.body.eventId)).size).toBe(20);
    expect(await countRows(projectId)).toEqual({ events: before.events + 20, runs: before.runs + 20, users: before.users + 1 });
    const user = await db.connectedUser.findFirstOrThrow({ where: { projectId, externalId: "crowd" } });
    for (const [i, response] of responses.entries()) {
      expect(response.body.runs).toEqual([{ runId: expect.any(String), workflowId }]);
      const event = await db.event.findFirstOrThrow({ where: { id: response.body.eventId, projectId } });
      expect(event).toMatchObject({ connectedUserId: user.id, payload: { i }, response: response.body });
      const run = await db.run.findFirstOrThrow({ where: { id: response.body.runs[0].runId, projectId } });
      expect(run).toMatchObject({ eventId: event.id, connectedUserId: user.id, input: { type: "app_event", payload: { i } } });
      expect(await jobCount(run.id)).toBe(1);
    }
  });

  it("counts concurrent events against the rate limit: exactly the limit is accepted, the rest get 429 and write nothing", async () => {
    const limited = await createSdkProject();
    await db.project.update({ where: { id: limited.project.id }, data: { eventRateLimitPerMinute: 5 } });
    forgetProjectConfig(limited.project.id);
    const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => limited.token({ sub: `burst-${i}` })));
    await awayFromAMinuteBoundary();
    const responses = await Promise.all(tokens.map((token) => trigger(limited.project.id, { token })));
    const accepted = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status !== 201);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(7);
    for (const response of refused) expectError(response, 429, "rate_limited", `Too many requests; try again in ${response.headers.get("retry-after")} s`);
    expect(await countRows(limited.project.id)).toEqual({ events: 5, runs: 0, users: 5 });
  });

  it("answers two concurrent requests with one new Idempotency-Key with one event", async () => {
    const idempotencyKey = randomUUID();
    const body = { name: "Contact Created", payload: { same: true } };
    const token = await world.token({ sub: "twice" });
    const before = await countRows(projectId);
    const [first, second] = await Promise.all([trigger(projectId, { token, body, idempotencyKey }), trigger(projectId, { token, body, idempotencyKey })]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect(await countRows(projectId)).toEqual({ events: before.events + 1, runs: before.runs + 1, users: before.users + 1 });
    expect(await db.event.findFirstOrThrow({ where: { id: first.body.eventId, projectId } })).toMatchObject({ idempotencyKey, repeatCount: 1 });
  });
});

describe("a batch with an event that cannot be written", () => {
  const row = (overrides: Partial<TEventRow>): TEventRow => ({
    eventId: randomUUID(),
    externalId: "batch-user",
    appEventId: world.appEvent.id,
    name: "Contact Created",
    payload: {},
    validation: null,
    source: "sdk",
    idempotencyKey: null,
    requestHash: null,
    ...overrides,
  });
  const write = (overrides: Partial<TEventRow>) =>
    writeEventInBatch({ projectId, rateLimit: { key: `events:${projectId}`, limit: 1_000_000, windowSeconds: 60 }, row: row(overrides) }).then(
      (response) => ({ ok: true as const, response }),
      (error: unknown) => ({ ok: false as const, error }),
    );

  it("writes the others, and fails only that event with its own error", async () => {
    const idempotencyKey = randomUUID();
    const before = await countRows(projectId);
    // Called in one tick: the first goes alone, the other three wait for it and go as one batch, whose
    // statement fails on the reused key; each of the three is then written on its own.
    const [lone, keyed, reused, plain] = await Promise.all([
      write({ payload: { n: 0 } }),
      write({ payload: { n: 1 }, idempotencyKey, requestHash: "h" }),
      write({ payload: { n: 2 }, idempotencyKey, requestHash: "h" }),
      write({ payload: { n: 3 } }),
    ]);
    expect([lone.ok, keyed.ok, reused.ok, plain.ok]).toEqual([true, true, false, true]);
    expect(reused.ok ? null : (reused.error as { code?: string }).code).toBe("23505");
    expect(await countRows(projectId)).toEqual({ events: before.events + 3, runs: before.runs + 3, users: before.users + 1 });
    const keyedEvent = await db.event.findFirstOrThrow({ where: { projectId, idempotencyKey } });
    expect(keyedEvent.payload).toEqual({ n: 1 });
  });
});

describe("lastSeenAt", () => {
  const lastSeenAt = async (externalId: string) => (await db.connectedUser.findFirstOrThrow({ where: { projectId, externalId } })).lastSeenAt.getTime();
  const setLastSeenAt = (externalId: string, msAgo: number) =>
    db.connectedUser.updateMany({ where: { projectId, externalId }, data: { lastSeenAt: new Date(Date.now() - msAgo) } });

  it("is touched by an event when it is over a minute old, and left alone when it is recent", async () => {
    expect((await send("seen", {})).status).toBe(201);
    await setLastSeenAt("seen", 30_000);
    const recent = await lastSeenAt("seen");
    expect((await send("seen", {})).status).toBe(201);
    expect(await lastSeenAt("seen")).toBe(recent);
    await setLastSeenAt("seen", 120_000);
    expect((await send("seen", {})).status).toBe(201);
    expect(await lastSeenAt("seen")).toBeGreaterThan(Date.now() - 10_000);
  });
});

describe("remembered user tokens", () => {
  it("refuses a token that was accepted before once its key is revoked", async () => {
    const key = await generateSigningKey({ projectId, name: "to revoke", createdById: null });
    forgetProjectConfig(projectId);
    const token = await signToken(key.privateKeyPem, { kid: key.id, sub: "revoked-later" });
    expect((await trigger(projectId, { token })).status).toBe(201);
    await revokeSigningKey({ projectId, signingKeyId: key.id });
    // What the config-change announcement does in every web process.
    forgetProjectConfig(projectId);
    expectError(await trigger(projectId, { token }), 401, "unauthorized", "The user token was signed with a revoked signing key");
  });

  it("refuses a token that was accepted before once it expired, saying when", async () => {
    const exp = Math.floor(Date.now() / 1000) + 30;
    const token = await world.token({ sub: "expiring", exp });
    expect((await trigger(projectId, { token })).status).toBe(201);
    vi.useFakeTimers({ toFake: ["Date"], now: (exp + 61) * 1000 });
    expectError(await trigger(projectId, { token }), 401, "unauthorized", `The user token expired at ${new Date(exp * 1000).toISOString()}`);
  });
});
