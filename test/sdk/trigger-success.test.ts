// POST /projects/:projectId/sdk/events/trigger, accepted events: the Event, the user on first sight, one Run
// and one job per listening workflow; Idempotency-Key repeats; schema validation modes; the rate limit.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { createTestAppEvent, createTestUser } from "@/test/engine-factories";
import {
  awayFromAMinuteBoundary,
  countRows,
  createSdkProject,
  deployOn,
  expectError,
  expectNothingWritten,
  jobCount,
  trigger,
} from "./sdk-helpers";

let world: Awaited<ReturnType<typeof createSdkProject>>;
let projectId: string;
beforeAll(async () => {
  world = await createSdkProject();
  projectId = world.project.id;
});

/** An App Event written straight to the database, past the per-process config cache. */
async function appEventWith(name: string, data: { validationMode?: "off" | "warn" | "reject"; jsonSchema?: object } = {}) {
  const appEvent = await db.appEvent.create({ data: { projectId, name, example: {}, jsonSchema: data.jsonSchema ?? {}, validationMode: data.validationMode ?? "off" }, select: { id: true, name: true } });
  forgetProjectConfig(projectId);
  return appEvent;
}

const send = async (sub: string, name: string, payload: object, idempotencyKey?: string) =>
  trigger(projectId, { token: await world.token({ sub }), body: { name, payload }, idempotencyKey });

const storedEvent = (eventId: string) => db.event.findFirstOrThrow({ where: { id: eventId, projectId } });

describe("accepted events", () => {
  it("answers 201 with no runs when no workflow listens, and stores the event", async () => {
    const response = await send("lonely", "Contact Created", { email: "a@b.co" });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: { eventId: expect.any(String), runs: [] } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const user = await db.connectedUser.findFirstOrThrow({ where: { projectId, externalId: "lonely" } });
    expect(await storedEvent(response.body.eventId)).toMatchObject({
      appEventId: world.appEvent.id,
      name: "Contact Created",
      connectedUserId: user.id,
      payload: { email: "a@b.co" },
      validation: null,
      source: "sdk",
      idempotencyKey: null,
      repeatCount: 0,
      response: response.body,
    });
  });

  it("starts one run with one job for the one listening workflow", async () => {
    const appEvent = await appEventWith("One Listener");
    const workflowId = await deployOn(projectId, appEvent.id);
    const response = await send("single", appEvent.name, { n: 1 });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: { eventId: expect.any(String), runs: [{ runId: expect.any(String), workflowId }] } });
    const run = await db.run.findFirstOrThrow({ where: { id: response.body.runs[0].runId, projectId } });
    expect(run).toMatchObject({ workflowId, eventId: response.body.eventId, triggerType: "app_event" });
    expect(await jobCount(run.id)).toBe(1);
  });

  it("starts three runs, each with the event id and one job, for three listening workflows", async () => {
    const appEvent = await appEventWith("Three Listeners");
    const workflowIds = [await deployOn(projectId, appEvent.id), await deployOn(projectId, appEvent.id), await deployOn(projectId, appEvent.id)];
    const response = await send("triple", appEvent.name, { n: 3 });
    expect(response.status).toBe(201);
    const runs: { runId: string; workflowId: string }[] = response.body.runs;
    expect(runs.map((run) => run.workflowId).sort()).toEqual([...workflowIds].sort());
    const user = await db.connectedUser.findFirstOrThrow({ where: { projectId, externalId: "triple" } });
    const rows = await db.run.findMany({ where: { projectId, eventId: response.body.eventId } });
    expect(rows.map((row) => row.id).sort()).toEqual(runs.map((run) => run.runId).sort());
    for (const row of rows) {
      expect(row).toMatchObject({ connectedUserId: user.id, eventId: response.body.eventId });
      expect(await jobCount(row.id)).toBe(1);
    }
  });

  it("creates the connected user on first sight of a sub and reuses it afterwards", async () => {
    const before = await countRows(projectId);
    const first = await send("newcomer", "Contact Created", { i: 1 });
    const second = await send("newcomer", "Contact Created", { i: 2 });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await countRows(projectId)).toEqual({ ...before, events: before.events + 2, users: before.users + 1 });
    const users = await db.connectedUser.findMany({ where: { projectId, externalId: "newcomer" } });
    expect(users).toHaveLength(1);
    const events = await db.event.findMany({ where: { projectId, id: { in: [first.body.eventId, second.body.eventId] } } });
    expect(events.map((event) => event.connectedUserId)).toEqual([users[0].id, users[0].id]);
  });

  it("does not start a workflow switched on only for another user, nor one this user switched off", async () => {
    const appEvent = await appEventWith("Per User");
    const theirs = await deployOn(projectId, appEvent.id, { enabledForAllUsers: false });
    const allButMe = await deployOn(projectId, appEvent.id, { enabledForAllUsers: true });
    const other = await createTestUser(projectId, "other-user");
    const me = await createTestUser(projectId, "me");
    await db.workflowActivation.create({ data: { projectId, workflowId: theirs, connectedUserId: other.id, enabled: true } });
    await db.workflowActivation.create({ data: { projectId, workflowId: allButMe, connectedUserId: me.id, enabled: false } });
    const mine = await send("me", appEvent.name, {});
    expect({ status: mine.status, runs: mine.body.runs }).toEqual({ status: 201, runs: [] });
    const forOther = await send("other-user", appEvent.name, {});
    expect(forOther.body.runs.map((run: { workflowId: string }) => run.workflowId).sort()).toEqual([theirs, allButMe].sort());
  });
});

describe("Idempotency-Key", () => {
  it("answers a repeat with the first answer, writes nothing new and counts the repeat", async () => {
    const appEvent = await appEventWith("Idempotent");
    await deployOn(projectId, appEvent.id);
    const first = await send("idem", appEvent.name, { a: 1 }, "key-1");
    expect(first.status).toBe(201);
    expect(first.body.runs).toHaveLength(1);
    for (const repeatCount of [1, 2]) {
      const repeat = await expectNothingWritten(projectId, () => send("idem", appEvent.name, { a: 1 }, "key-1"));
      expect({ status: repeat.status, body: repeat.body }).toEqual({ status: 201, body: first.body });
      expect(await storedEvent(first.body.eventId)).toMatchObject({ idempotencyKey: "key-1", repeatCount });
    }
  });

  it("answers 422 to the same key with a different payload", async () => {
    await send("idem-2", "Contact Created", { a: 1 }, "key-2");
    const response = await expectNothingWritten(projectId, () => send("idem-2", "Contact Created", { a: 2 }, "key-2"));
    expectError(response, 422, "validation_failed", "This Idempotency-Key was already used with a different request body", [
      { path: "Idempotency-Key", message: "reused with a different body" },
    ]);
  });

  it("takes an empty Idempotency-Key header as none", async () => {
    const first = await send("idem-3", "Contact Created", { a: 1 }, "");
    const second = await send("idem-3", "Contact Created", { a: 1 }, "   ");
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.eventId).not.toBe(first.body.eventId);
    expect(await storedEvent(first.body.eventId)).toMatchObject({ idempotencyKey: null, repeatCount: 0 });
    expect(await storedEvent(second.body.eventId)).toMatchObject({ idempotencyKey: null, repeatCount: 0 });
  });
});

describe("payload validation modes", () => {
  const jsonSchema = { type: "object", properties: { email: { type: "string", format: "email" } }, required: ["email"] };

  it("off: accepts any object and records no outcome", async () => {
    const appEvent = await appEventWith("Mode Off", { validationMode: "off", jsonSchema });
    const response = await send("modes", appEvent.name, {});
    expect(response.status).toBe(201);
    expect((await storedEvent(response.body.eventId)).validation).toBeNull();
  });

  it("warn: accepts, and stores the failed outcome with the paths", async () => {
    const appEvent = await appEventWith("Mode Warn", { validationMode: "warn", jsonSchema });
    const wrongFormat = await send("modes", appEvent.name, { email: "not-an-email" });
    expect(wrongFormat.status).toBe(201);
    expect((await storedEvent(wrongFormat.body.eventId)).validation).toEqual({
      mode: "warn",
      valid: false,
      errors: [{ path: "/email", message: 'must match format "email"' }],
    });
    const missing = await send("modes", appEvent.name, {});
    expect(missing.status).toBe(201);
    expect((await storedEvent(missing.body.eventId)).validation).toEqual({ mode: "warn", valid: false, errors: [{ path: "/", message: "must have property “email”" }] });
  });

  it("reject: answers 422 with the paths and writes nothing", async () => {
    const appEvent = await appEventWith("Mode Reject", { validationMode: "reject", jsonSchema });
    await deployOn(projectId, appEvent.id);
    const message = "The payload does not match the schema of “Mode Reject”";
    const wrongType = await expectNothingWritten(projectId, () => send("rejected-user", appEvent.name, { email: 42 }));
    expectError(wrongType, 422, "validation_failed", message, [{ path: "/email", message: "must be string" }]);
    const wrongFormat = await expectNothingWritten(projectId, () => send("rejected-user", appEvent.name, { email: "nope" }));
    expectError(wrongFormat, 422, "validation_failed", message, [{ path: "/email", message: 'must match format "email"' }]);
    const missing = await expectNothingWritten(projectId, () => send("rejected-user", appEvent.name, {}));
    expectError(missing, 422, "validation_failed", message, [{ path: "/", message: "must have property “email”" }]);
  });

  it("reject: accepts a valid payload and stores the passed outcome", async () => {
    const appEvent = await appEventWith("Mode Reject Valid", { validationMode: "reject", jsonSchema });
    const workflowId = await deployOn(projectId, appEvent.id);
    const response = await send("modes", appEvent.name, { email: "a@b.co" });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: { eventId: expect.any(String), runs: [{ runId: expect.any(String), workflowId }] } });
    expect((await storedEvent(response.body.eventId)).validation).toEqual({ mode: "reject", valid: true, errors: [] });
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the project's events per minute, writing nothing", async () => {
    const limited = await createSdkProject();
    await db.project.update({ where: { id: limited.project.id }, data: { eventRateLimitPerMinute: 2 } });
    forgetProjectConfig(limited.project.id);
    await awayFromAMinuteBoundary();
    for (const sub of ["first", "second"]) {
      expect((await trigger(limited.project.id, { token: await limited.token({ sub }) })).status).toBe(201);
    }
    const token = await limited.token({ sub: "third" });
    const response = await expectNothingWritten(limited.project.id, () => trigger(limited.project.id, { token }));
    const retryAfter = response.headers.get("retry-after");
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expectError(response, 429, "rate_limited", `Too many requests; try again in ${retryAfter} s`);
    // Another project's budget is its own.
    expect((await trigger(projectId, { token: await world.token({ sub: "unlimited" }) })).status).toBe(201);
  });
});

describe("CORS", () => {
  it("answers the preflight-visible headers on success and on every kind of error", async () => {
    const ok = await send("cors", "Contact Created", {});
    const unauthorized = await trigger(projectId, {});
    const notFound = await trigger("nope", {});
    for (const response of [ok, unauthorized, notFound]) {
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-headers")).toBe("authorization, content-type, idempotency-key");
    }
  });
});
