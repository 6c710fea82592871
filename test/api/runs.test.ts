// Task History and run control over /api/v1: filters, pagination, detail, replay, cancel, run now, and
// tenant isolation, each with its exact status and body.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { POST as cancelRoute } from "@/app/api/v1/projects/[projectId]/runs/[runId]/cancel/route";
import { POST as replayRoute } from "@/app/api/v1/projects/[projectId]/runs/[runId]/replay/route";
import { GET as getRoute } from "@/app/api/v1/projects/[projectId]/runs/[runId]/route";
import { GET as listRoute } from "@/app/api/v1/projects/[projectId]/runs/route";
import { POST as startRoute } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/run/route";
import { db } from "@/lib/db/client";
import { sqlTransaction } from "@/lib/db/sql";
import { advanceRun } from "@/lib/runs/advance-run";
import { type TScheduleTrigger, ZWorkflowGraph } from "@/lib/schemas/workflow";
import { fireScheduleTick } from "@/lib/schedules/fire-schedule-tick";
import { createDeployedWorkflow, createTestUser } from "@/test/engine-factories";
import { callRoute, createTestApiKey, createTestProject, sessionCookie } from "@/test/factories";

const error = (code: string, message: string, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });
const invalid = (details: unknown) => error("validation_failed", "The request is not valid", details);
const SCHEDULE_GRAPH = { trigger: { type: "schedule", schedule: { every: "minutes", interval: 5, timezone: "UTC" } }, steps: [], edges: [] };

async function createOwnedProject() {
  const project = await createTestProject();
  return { project, headers: { cookie: await sessionCookie(project.ownerId) } };
}

async function insertRun(o: { projectId: string; workflowId: string; versionId: string; status?: "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled"; triggerType?: "schedule" | "app_event" | "webhook" | "request"; userId?: string | null; createdAt: Date }) {
  const triggerType = o.triggerType ?? "schedule";
  const run = await db.run.create({
    data: { id: randomUUID(), projectId: o.projectId, workflowId: o.workflowId, workflowVersionId: o.versionId, connectedUserId: o.userId ?? null, triggerType, status: o.status ?? "succeeded", input: { type: triggerType, payload: null }, createdAt: o.createdAt },
    select: { id: true },
  });
  return run.id;
}

const jobCount = async (runId: string) =>
  (await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE key = ${`run:${runId}`}`)[0].count;

describe("GET /runs filters", async () => {
  const { project, headers } = await createOwnedProject();
  const a = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH, name: "A" });
  const b = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH, name: "B" });
  const [u1, u2] = [await createTestUser(project.id), await createTestUser(project.id)];
  const base = new Date(Math.floor(Date.now() / 1000) * 1000);
  const hoursAgo = (hours: number) => new Date(base.getTime() - hours * 3_600_000);
  const on = (w: { workflowId: string; versionId: string }) => ({ projectId: project.id, ...w });
  const r1 = await insertRun({ ...on(a), userId: u1.id, status: "succeeded", triggerType: "schedule", createdAt: hoursAgo(1) });
  const r2 = await insertRun({ ...on(a), userId: u2.id, status: "failed", triggerType: "app_event", createdAt: hoursAgo(2) });
  const r3 = await insertRun({ ...on(b), userId: u1.id, status: "running", triggerType: "webhook", createdAt: hoursAgo(3) });
  const r4 = await insertRun({ ...on(b), userId: null, status: "queued", triggerType: "request", createdAt: hoursAgo(4) });
  const r5 = await insertRun({ ...on(a), userId: u1.id, status: "cancelled", triggerType: "schedule", createdAt: hoursAgo(26) });
  const r6 = await insertRun({ ...on(b), userId: u2.id, status: "waiting", triggerType: "schedule", createdAt: hoursAgo(50) });
  const other = await createTestProject();
  const foreign = await createDeployedWorkflow({ projectId: other.id, graph: SCHEDULE_GRAPH });
  await insertRun({ projectId: other.id, ...foreign, createdAt: hoursAgo(1) });

  const list = (query: Record<string, string>) =>
    callRoute(listRoute, { params: { projectId: project.id }, headers, path: `/api/v1/projects/${project.id}/runs?${new URLSearchParams(query)}` });

  it.each<[string, Record<string, string>, string[]]>([
    ["no filter (newest first, this project only)", {}, [r1, r2, r3, r4, r5, r6]],
    ["workflowId", { workflowId: a.workflowId }, [r1, r2, r5]],
    ["userId (external id)", { userId: u1.externalId }, [r1, r3, r5]],
    ["an unknown userId", { userId: "nobody" }, []],
    ["one status", { status: "running" }, [r3]],
    ["a status list", { status: "failed, cancelled" }, [r2, r5]],
    ["triggerType", { triggerType: "schedule" }, [r1, r5, r6]],
    ["from (inclusive)", { from: hoursAgo(3).toISOString() }, [r1, r2, r3]],
    ["to (exclusive)", { to: hoursAgo(3).toISOString() }, [r4, r5, r6]],
    ["from and to", { from: hoursAgo(27).toISOString(), to: hoursAgo(2).toISOString() }, [r3, r4, r5]],
    ["several at once", { workflowId: a.workflowId, userId: u1.externalId, status: "succeeded,cancelled" }, [r1, r5]],
    ["another project's workflow", { workflowId: foreign.workflowId }, []],
  ])("%s", async (_label, query, expected) => {
    const response = await list(query);
    expect(response.status).toBe(200);
    expect(response.body.runs.map((run: { id: string }) => run.id)).toEqual(expected);
    expect(response.body.nextCursor).toBeNull();
  });

  it("describes each run", async () => {
    const response = await list({ status: "failed" });
    expect(response.body.runs).toEqual([{
      id: r2, status: "failed", workflow: { id: a.workflowId, name: "A" }, workflowVersion: { id: a.versionId, version: 1, kind: "deployed" },
      userId: u2.externalId, triggerType: "app_event", triggerRef: null, isTest: false, replayOfRunId: null,
      createdAt: hoursAgo(2).toISOString(), startedAt: null, finishedAt: null, resumeAt: null, retrying: false, waitingForSlot: false, durationMs: null,
      scheduledAt: null, latenessMs: null,
    }]);
  });

  it("says a waiting run is retrying when its wait is a step's retry back-off, not a Delay", async () => {
    const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);
    const waitingRun = async (resumeAt: Date) => {
      const id = await insertRun({ ...on(a), status: "waiting", createdAt: hoursAgo(60) });
      await db.run.update({ where: { id }, data: { resumeAt } });
      return id;
    };
    const failedAttempt = (runId: string, retryAt: Date | null) =>
      db.stepRun.create({ data: { projectId: project.id, runId, stepId: `s-${randomUUID().slice(0, 6)}`, attempt: 1, status: "failed", error: { code: "request_failed", message: "HTTP 503" }, retryAt, startedAt: at(-2), finishedAt: at(-1) } });
    // Waiting out a retry: the run resumes when the failed attempt is retried.
    const retrying = await waitingRun(at(5));
    await failedAttempt(retrying, at(5));
    // A Delay after a retry that already happened: the run waits for the Delay.
    const delayed = await waitingRun(at(60));
    await failedAttempt(delayed, at(-1));
    // A Delay and a failure that is not retried.
    const plain = await waitingRun(at(30));
    await failedAttempt(plain, null);

    const response = await list({ status: "waiting" });
    expect(response.status).toBe(200);
    const byId = new Map(response.body.runs.map((run: { id: string; retrying: boolean }) => [run.id, run.retrying]));
    expect([byId.get(retrying), byId.get(delayed), byId.get(plain), byId.get(r6)]).toEqual([true, false, false, false]);
    // The run's own page says the same, from the step records it reads anyway.
    const detail = async (runId: string) =>
      (await callRoute(getRoute, { params: { projectId: project.id, runId }, headers, path: `/api/v1/projects/${project.id}/runs/${runId}` })).body.retrying;
    expect([await detail(retrying), await detail(delayed), await detail(plain)]).toEqual([true, false, false]);
    await db.run.deleteMany({ where: { id: { in: [retrying, delayed, plain] } } });
  });

  it.each<[string, Record<string, string>, { path: string; message: string }[]]>([
    ["an unknown status", { status: "running,done" }, [{ path: "status.1", message: 'Invalid option: expected one of "queued"|"running"|"waiting"|"succeeded"|"failed"|"cancelled"' }]],
    ["an empty status list", { status: " , " }, [{ path: "status", message: "Name at least one status" }]],
    ["a malformed workflowId", { workflowId: "42" }, [{ path: "workflowId", message: "Must be a UUID" }]],
    ["an unknown triggerType", { triggerType: "cron" }, [{ path: "triggerType", message: 'Invalid option: expected one of "app_event"|"schedule"|"webhook"|"request"' }]],
    ["a date that is not ISO 8601", { from: "yesterday" }, [{ path: "from", message: "Invalid ISO datetime" }]],
    ["limit 0", { limit: "0" }, [{ path: "limit", message: "Too small: expected number to be >=1" }]],
    ["limit 101", { limit: "101" }, [{ path: "limit", message: "Too big: expected number to be <=100" }]],
    ["a forged cursor", { cursor: "bm90LWEtY3Vyc29y" }, [{ path: "cursor", message: "Use the nextCursor of a previous page" }]],
  ])("422 for %s", async (_label, query, details) => {
    const response = await list(query);
    expect({ status: response.status, body: response.body }).toEqual({ status: 422, body: invalid(details) });
  });
});

describe("schedule runs", () => {
  it("show the tick they are for and how late after it they started, in the list and the detail", async () => {
    const { project, headers } = await createOwnedProject();
    const w = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH, name: "Ticking" });
    const user = await createTestUser(project.id);
    const trigger = ZWorkflowGraph.parse(SCHEDULE_GRAPH).trigger as TScheduleTrigger;
    const stream = { projectId: project.id, ...w, zone: "UTC", workflowZone: "UTC", zoneDependent: false, userZones: [], trigger };
    const first = new Date(Math.floor(Date.now() / 1000) * 1000 - 600_000);
    const second = new Date(first.getTime() + 300_000);
    const fire = (scheduledAt: Date, previousScheduledAt: Date) =>
      sqlTransaction((tx) => fireScheduleTick(tx, stream, { scheduledAt, previousScheduledAt, reason: "schedule" }));

    expect(await fire(first, new Date(first.getTime() - 300_000))).toEqual({ runs: 1, overlapped: 0 });
    const started = await db.run.findFirstOrThrow({ where: { projectId: project.id, scheduledAt: first } });
    await advanceRun(started.id);
    expect(await fire(second, first)).toEqual({ runs: 1, overlapped: 0 });
    const queued = await db.run.findFirstOrThrow({ where: { projectId: project.id, scheduledAt: second } });
    const ran = await db.run.findUniqueOrThrow({ where: { id: started.id } });

    const response = await callRoute(listRoute, { params: { projectId: project.id }, headers, path: `/api/v1/projects/${project.id}/runs?triggerType=schedule` });
    expect(response.status).toBe(200);
    const common = { workflow: { id: w.workflowId, name: "Ticking" }, workflowVersion: { id: w.versionId, version: 1, kind: "deployed" }, userId: user.externalId, triggerType: "schedule", triggerRef: "schedule:UTC", isTest: false, replayOfRunId: null, resumeAt: null, retrying: false, waitingForSlot: false };
    expect(response.body.runs).toEqual([
      { ...common, id: queued.id, status: "queued", createdAt: queued.createdAt.toISOString(), startedAt: null, finishedAt: null, durationMs: null, scheduledAt: second.toISOString(), latenessMs: null },
      {
        ...common, id: ran.id, status: "succeeded", createdAt: ran.createdAt.toISOString(), startedAt: ran.startedAt!.toISOString(), finishedAt: ran.finishedAt!.toISOString(),
        durationMs: ran.finishedAt!.getTime() - ran.startedAt!.getTime(), scheduledAt: first.toISOString(), latenessMs: ran.startedAt!.getTime() - first.getTime(),
      },
    ]);
    // Ten minutes past its tick, as a catch-up or backfill run would be.
    expect(response.body.runs[1].latenessMs).toBeGreaterThanOrEqual(600_000);

    const detail = await callRoute(getRoute, { params: { projectId: project.id, runId: ran.id }, headers });
    expect(detail.body).toMatchObject({
      scheduledAt: first.toISOString(), latenessMs: ran.startedAt!.getTime() - first.getTime(),
      input: { type: "schedule", scheduledAt: first.toISOString(), previousScheduledAt: new Date(first.getTime() - 300_000).toISOString(), timezone: "UTC" },
    });
  });
});

describe("GET /runs pagination", () => {
  it("walks every run once, in order, even when runs share a timestamp and new ones arrive", async () => {
    const { project, headers } = await createOwnedProject();
    const w = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH });
    const same = new Date(Date.now() - 60_000);
    const times = [same, same, same, new Date(same.getTime() - 1), new Date(same.getTime() + 1), new Date(same.getTime() - 5000), same];
    for (const createdAt of times) await insertRun({ projectId: project.id, ...w, createdAt });
    const expected = (await db.run.findMany({ where: { projectId: project.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((r) => r.id);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await callRoute(listRoute, { params: { projectId: project.id }, headers, path: `/api/v1/projects/${project.id}/runs?${query}` });
      expect(page.status).toBe(200);
      seen.push(...page.body.runs.map((run: { id: string }) => run.id));
      sizes.push(page.body.runs.length);
      cursor = page.body.nextCursor;
      // A run that arrives mid-walk is newer than every page and must not shift the pages after it.
      if (sizes.length === 1) await insertRun({ projectId: project.id, ...w, createdAt: new Date() });
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(expected);
  });
});

describe("GET /runs/:runId", () => {
  it("returns the run, its version's graph and every step with its input and output", async () => {
    const { project, headers } = await createOwnedProject();
    const graph = ZWorkflowGraph.parse({
      trigger: { type: "request", method: "POST" },
      steps: [
        { id: "double", name: "Double", type: "function", config: { code: "function (params) { console.log('doubling'); return { value: params.n * 2 } }", params: [{ key: "n", value: "{{trigger.body.n}}" }] } },
        { id: "loop", name: "Loop", type: "fan_out", config: { items: "{{trigger.body.items}}" } },
        { id: "square", name: "Square", type: "function", config: { code: "function (params) { return params.x * params.x }", params: [{ key: "x", value: "{{fanOut.item}}" }] } },
        { id: "check", name: "Check", type: "conditional", config: { condition: { combinator: "and", rules: [{ left: "{{steps.double.output.value}}", operator: "gt", right: "5" }] } } },
        { id: "big", name: "Big", type: "function", config: { code: "function () { return 'big' }", params: [] } },
        { id: "small", name: "Small", type: "function", config: { code: "function () { return 'small' }", params: [] } },
      ],
      edges: [
        { id: "e1", source: "trigger", target: "double" },
        { id: "e2", source: "double", target: "loop" },
        { id: "e3", source: "loop", target: "square", branch: "each" },
        { id: "e4", source: "loop", target: "check" },
        { id: "e5", source: "check", target: "big", branch: "true" },
        { id: "e6", source: "check", target: "small", branch: "false" },
      ],
    });
    const w = await createDeployedWorkflow({ projectId: project.id, graph, name: "Detail" });
    const started = await callRoute(startRoute, { params: { projectId: project.id, workflowId: w.workflowId }, headers, body: { payload: { body: { n: 4, items: [1, 2, 3] } }, userId: "detail-user" } });
    expect(started.status).toBe(201);
    await advanceRun(started.body.runId);

    const response = await callRoute(getRoute, { params: { projectId: project.id, runId: started.body.runId }, headers });
    expect(response.status).toBe(200);
    const run = response.body;
    expect(run).toMatchObject({
      id: started.body.runId, status: "succeeded", userId: "detail-user", triggerType: "request", triggerRef: "manual",
      workflow: { id: w.workflowId, name: "Detail", deployedVersion: 1 }, workflowVersion: { id: w.versionId, version: 1, kind: "deployed" },
      input: { type: "request", body: { n: 4, items: [1, 2, 3] }, query: {}, headers: {} }, output: "big", error: null,
    });
    expect(run.graph).toEqual(graph);
    expect(run.durationMs).toBe(new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime());
    const byKey = Object.fromEntries(run.steps.map((step: { lane: string; stepId: string }) => [`${step.lane}${step.stepId}`, step]));
    expect(Object.keys(byKey).sort()).toEqual(["big", "check", "double", "loop", "loop[0]/square", "loop[1]/square", "loop[2]/square"]);
    expect(run.steps[0].stepId).toBe("double");
    expect(byKey.double).toMatchObject({ attempt: 1, status: "succeeded", input: { params: { n: 4 } }, output: { value: 8 }, error: null, logs: [{ level: "log", message: "doubling" }], retryAt: null });
    expect(byKey["loop[2]/square"]).toMatchObject({ lane: "loop[2]/", input: { params: { x: 3 } }, output: 9 });
    expect(byKey.loop.output).toEqual([1, 4, 9]);
    expect(byKey.check.output).toMatchObject({ branch: "true" });
  });

  it("lists every attempt with its error and retryAt, and never truncates input or output", async () => {
    const { project, headers } = await createOwnedProject();
    const w = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH });
    const runId = await insertRun({ projectId: project.id, ...w, status: "running", createdAt: new Date() });
    const big = "x".repeat(300_000);
    const t = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s));
    const failure = { code: "http_error", message: "503 from upstream", details: { status: 503 }, retryable: true };
    await db.stepRun.createMany({ data: [
      { projectId: project.id, runId, stepId: "send", attempt: 1, status: "failed", input: { body: big }, error: failure, retryAt: t(10), startedAt: t(0), finishedAt: t(1) },
      { projectId: project.id, runId, stepId: "send", attempt: 2, retryAttempt: 2, status: "succeeded", input: { body: big }, output: { echoed: big }, startedAt: t(10), finishedAt: t(12) },
    ] });
    const response = await callRoute(getRoute, { params: { projectId: project.id, runId }, headers });
    expect(response.status).toBe(200);
    expect(response.body.steps.map(({ id: _id, ...step }: { id: string }) => step)).toEqual([
      { stepId: "send", lane: "", attempt: 1, retryAttempt: 1, status: "failed", input: { body: big }, output: null, error: failure, logs: null, retryAt: t(10).toISOString(), startedAt: t(0).toISOString(), finishedAt: t(1).toISOString(), durationMs: 1000 },
      { stepId: "send", lane: "", attempt: 2, retryAttempt: 2, status: "succeeded", input: { body: big }, output: { echoed: big }, error: null, logs: null, retryAt: null, startedAt: t(10).toISOString(), finishedAt: t(12).toISOString(), durationMs: 2000 },
    ]);
  });
});

describe("POST /runs/:runId/replay", () => {
  it("replays on the version deployed now by default, or on the original version", async () => {
    const { project, headers } = await createOwnedProject();
    const v1 = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH });
    const original = await callRoute(startRoute, { params: { projectId: project.id, workflowId: v1.workflowId }, headers, body: { payload: { a: 1 }, userId: "replayer" } });
    const originalInput = (await db.run.findFirstOrThrow({ where: { id: original.body.runId, projectId: project.id } })).input;
    expect(originalInput).toMatchObject({ type: "schedule", scheduledAt: expect.any(String) });
    const v2 = await db.workflowVersion.create({ data: { projectId: project.id, workflowId: v1.workflowId, version: 2, graph: SCHEDULE_GRAPH }, select: { id: true } });
    await db.workflow.update({ where: { id: v1.workflowId }, data: { deployedVersionId: v2.id } });
    const params = { projectId: project.id, runId: original.body.runId };
    const replay = (body: unknown) => callRoute(replayRoute, { params, headers, body });

    for (const [body, versionId] of [[{ version: "original" }, v1.versionId], [{ version: "current" }, v2.id], [{}, v2.id]] as const) {
      const response = await replay(body);
      expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: { runId: expect.any(String), workflowVersionId: versionId } });
      const row = await db.run.findFirstOrThrow({ where: { id: response.body.runId, projectId: project.id } });
      expect(row).toMatchObject({ workflowVersionId: versionId, replayOfRunId: original.body.runId, triggerRef: `replay:${original.body.runId}`, status: "queued" });
      expect(row.input).toEqual(originalInput);
      expect(await jobCount(row.id)).toBe(1);
    }

    await db.workflow.update({ where: { id: v1.workflowId }, data: { deployedVersionId: null } });
    const before = await db.run.count({ where: { projectId: project.id } });
    const notDeployed = await replay({ version: "current" });
    expect({ status: notDeployed.status, body: notDeployed.body }).toEqual({ status: 409, body: error("conflict", "The workflow is not deployed now; replay on the original version instead") });
    const badVersion = await replay({ version: "latest" });
    expect({ status: badVersion.status, body: badVersion.body }).toEqual({ status: 422, body: invalid([{ path: "version", message: 'Invalid option: expected one of "original"|"current"' }]) });
    const unknown = await callRoute(replayRoute, { params: { ...params, runId: randomUUID() }, headers, body: {} });
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 404, body: error("not_found", "Run not found") });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(before);
  });
});

describe("POST /runs/:runId/cancel", () => {
  it("cancels a queued run and removes its job; refuses a finished one with 409", async () => {
    const { project, headers } = await createOwnedProject();
    const w = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH });
    const start = () => callRoute(startRoute, { params: { projectId: project.id, workflowId: w.workflowId }, headers, body: {} });
    const queued = (await start()).body.runId;
    expect(await jobCount(queued)).toBe(1);

    const cancel = (runId: string) => callRoute(cancelRoute, { params: { projectId: project.id, runId }, headers, method: "POST" });
    const cancelled = await cancel(queued);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: queued, status: "cancelled", startedAt: null, finishedAt: expect.any(String), durationMs: null });
    expect(await jobCount(queued)).toBe(0);

    const again = await cancel(queued);
    expect({ status: again.status, body: again.body }).toEqual({ status: 409, body: error("conflict", "The run already was cancelled; only queued, running or waiting runs can be cancelled") });

    const finished = (await start()).body.runId;
    await advanceRun(finished);
    const late = await cancel(finished);
    expect({ status: late.status, body: late.body }).toEqual({ status: 409, body: error("conflict", "The run already succeeded; only queued, running or waiting runs can be cancelled") });
    expect((await db.run.findFirstOrThrow({ where: { id: finished } })).status).toBe("succeeded");
  });
});

describe("POST /workflows/:workflowId/run", () => {
  it("runs the deployed version, or a test snapshot of the draft", async () => {
    const { project, headers } = await createOwnedProject();
    const w = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH });
    const params = { projectId: project.id, workflowId: w.workflowId };
    const deployed = await callRoute(startRoute, { params, headers, body: { payload: { hello: "world" }, userId: "new-user" } });
    expect({ status: deployed.status, body: deployed.body }).toEqual({ status: 201, body: { runId: expect.any(String), workflowVersionId: w.versionId } });
    const run = await db.run.findFirstOrThrow({ where: { id: deployed.body.runId }, include: { connectedUser: true } });
    expect(run).toMatchObject({ status: "queued", isTest: false, triggerRef: "manual", input: { type: "schedule", scheduledAt: expect.any(String), timezone: "UTC" } });
    // A schedule's runs have no payload: a run started by hand gets the sample tick the editor shows instead.
    expect(run.input).not.toHaveProperty("payload");
    expect(run.connectedUser?.externalId).toBe("new-user");

    const draftGraph = { ...SCHEDULE_GRAPH, trigger: { type: "request", method: "POST" } };
    await db.workflow.update({ where: { id: w.workflowId }, data: { draft: draftGraph } });
    const draft = await callRoute(startRoute, { params, headers, body: { source: "draft" } });
    expect(draft.status).toBe(201);
    const version = await db.workflowVersion.findFirstOrThrow({ where: { id: draft.body.workflowVersionId, projectId: project.id } });
    expect(version).toMatchObject({ kind: "test", version: 0, graph: draftGraph });
    const detail = await callRoute(getRoute, { params: { projectId: project.id, runId: draft.body.runId }, headers });
    expect(detail.body).toMatchObject({ isTest: true, triggerType: "request", workflowVersion: { kind: "test", version: 0 }, input: { type: "request", body: {}, query: {}, headers: {} } });
  });

  it.each<[string, object, unknown, { status: number; body: unknown }]>([
    ["a workflow that is not deployed", SCHEDULE_GRAPH, {}, { status: 409, body: error("conflict", "This workflow is not deployed; deploy it, or run its draft") }],
    [
      "a draft with problems", { trigger: { type: "app_event", appEventId: null }, steps: [], edges: [] }, { source: "draft" },
      { status: 422, body: error("validation_failed", "The draft has problems to fix before it can run", [{ stepId: "trigger", field: "appEventId", message: "Choose the App Event that starts this workflow" }]) },
    ],
    ["an unknown source", SCHEDULE_GRAPH, { source: "live" }, { status: 422, body: invalid([{ path: "source", message: 'Invalid option: expected one of "deployed"|"draft"' }]) }],
  ])("refuses %s", async (_label, draft, body, expected) => {
    const { project, headers } = await createOwnedProject();
    const workflow = await db.workflow.create({ data: { projectId: project.id, name: "undeployed", draft }, select: { id: true } });
    const response = await callRoute(startRoute, { params: { projectId: project.id, workflowId: workflow.id }, headers, body });
    expect({ status: response.status, body: response.body }).toEqual(expected);
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.workflowVersion.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("tenant isolation", async () => {
  const { project } = await createOwnedProject();
  const w = await createDeployedWorkflow({ projectId: project.id, graph: SCHEDULE_GRAPH });
  const runId = await insertRun({ projectId: project.id, ...w, status: "queued", createdAt: new Date() });
  const other = await createTestProject();
  const otherKey = await createTestApiKey(other.id);
  const ownKey = await createTestApiKey(project.id);
  const strangers: [string, Record<string, string>][] = [
    ["another project's API key", { authorization: `Bearer ${otherKey.key}` }],
    ["a builder of another project", { cookie: await sessionCookie(other.ownerId) }],
  ];
  const routes = [
    { name: "GET /runs", handler: listRoute, params: (projectId: string) => ({ projectId }), body: undefined, child: null },
    { name: "GET /runs/:runId", handler: getRoute, params: (projectId: string) => ({ projectId, runId }), body: undefined, child: "Run not found" },
    { name: "POST /runs/:runId/replay", handler: replayRoute, params: (projectId: string) => ({ projectId, runId }), body: { version: "original" }, child: "Run not found" },
    { name: "POST /runs/:runId/cancel", handler: cancelRoute, params: (projectId: string) => ({ projectId, runId }), body: undefined, child: "Run not found" },
    { name: "POST /workflows/:workflowId/run", handler: startRoute, params: (projectId: string) => ({ projectId, workflowId: w.workflowId }), body: {}, child: "Workflow not found" },
  ];
  const method = (route: (typeof routes)[number]) => (route.name.startsWith("POST") ? "POST" : "GET");
  const snapshot = async () => ({
    runs: await db.run.findMany({ where: { projectId: { in: [project.id, other.id] } }, select: { id: true, status: true }, orderBy: { id: "asc" } }),
    versions: await db.workflowVersion.count({ where: { projectId: { in: [project.id, other.id] } } }),
  });

  describe.each(routes.map((route) => [route.name, route] as const))("%s", (_name, route) => {
    it.each(strangers)("404 for %s, and nothing changes", async (_label, strangerHeaders) => {
      const before = await snapshot();
      const response = await callRoute(route.handler, { params: route.params(project.id), headers: strangerHeaders, body: route.body, method: method(route) });
      expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: error("not_found", "Project not found") });
      expect(await snapshot()).toEqual(before);
    });

    if (route.child !== null) {
      const message = route.child;
      it("404 for this project's id addressed through another project", async () => {
        const before = await snapshot();
        const response = await callRoute(route.handler, { params: route.params(other.id), headers: { cookie: await sessionCookie(other.ownerId) }, body: route.body, method: method(route) });
        expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: error("not_found", message) });
        expect(await snapshot()).toEqual(before);
      });
    }

    it("answers the project's own API key", async () => {
      const response = await callRoute(route.handler, { params: route.params(project.id), headers: { authorization: `Bearer ${ownKey.key}` }, body: route.body, method: method(route) });
      expect(response.status).toBe(method(route) === "GET" || route.name.endsWith("cancel") ? 200 : 201);
    });
  });

  it("another project's list does not show this project's runs", async () => {
    const cookie = await sessionCookie(other.ownerId);
    const response = await callRoute(listRoute, { params: { projectId: other.id }, headers: { cookie }, path: `/api/v1/projects/${other.id}/runs?workflowId=${w.workflowId}` });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { runs: [], nextCursor: null } });
  });
});
