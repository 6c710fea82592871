// A run's life around the walk: cancel, replay, test runs of drafts, the project's concurrency limit,
// retention, and failure notifications.
import { createHmac, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { advanceRun } from "@/lib/runs/advance-run";
import { cancelRun } from "@/lib/runs/cancel-run";
import { deleteExpiredHistory } from "@/lib/runs/delete-expired-history";
import { deliverRunFailure, signDelivery } from "@/lib/runs/deliver-run-failure";
import { replayRun } from "@/lib/runs/replay-run";
import { startRun } from "@/lib/runs/start-run";
import { DESTINATION_FAILURE_LIMIT as MAX_CONSECUTIVE_FAILURES } from "@/lib/schemas/destination";
import { createDeployedWorkflow, createTestAppEvent } from "@/test/engine-factories";
import {
  appEventGraph,
  createGate,
  deployNewVersion,
  dispatchEvent,
  functionStep,
  loadRun,
  queuedJobs,
  requestStep,
  sleepUntil,
  useEngineWorld,
  createEngineWorld,
  type TEngineWorld,
} from "@/test/engine-helpers";

const engine = useEngineWorld();

const returns = (value: string) => [functionStep("answer", `function () { return ${JSON.stringify(value)} }`)];
const oneSecondDelay = { id: "wait", name: "wait", type: "delay", config: { value: 1, unit: "seconds" } };

/** Deploys `steps` on a fresh event of `target` and dispatches one run of it. */
async function dispatchNew(steps: { id: string }[], target: TEngineWorld = engine.world) {
  const event = await createTestAppEvent(target.projectId);
  const { workflowId, versionId } = await createDeployedWorkflow({ projectId: target.projectId, graph: appEventGraph(event.id, steps) });
  const [run] = await dispatchEvent(target, event.id);
  return { runId: run.runId, workflowId, versionId, eventId: event.id };
}

describe("cancelRun", () => {
  it("cancels a queued run and removes its job; advancing it afterwards does nothing", async () => {
    const { runId } = await dispatchNew(returns("x"));
    expect(await queuedJobs({ runId })).toHaveLength(1);
    await cancelRun({ projectId: engine.world.projectId, runId });
    expect(await queuedJobs({ runId })).toEqual([]);
    await advanceRun(runId);
    const run = await loadRun(runId);
    expect(run).toMatchObject({ status: "cancelled", steps: [] });
    expect(run.finishedAt).toBeInstanceOf(Date);
  });

  it("cancels a waiting run, which stays cancelled after its resume time", async () => {
    const { runId } = await dispatchNew([oneSecondDelay, ...returns("after")]);
    await advanceRun(runId);
    const waiting = await loadRun(runId);
    expect(waiting.status).toBe("waiting");
    expect(await queuedJobs({ runId })).toHaveLength(1);

    await cancelRun({ projectId: engine.world.projectId, runId });
    expect(await queuedJobs({ runId })).toEqual([]);
    await sleepUntil(waiting.resumeAt as Date);
    await advanceRun(runId);
    const run = await loadRun(runId);
    expect(run).toMatchObject({ status: "cancelled", resumeAt: null });
    expect(run.steps.map((step) => step.stepId)).toEqual(["wait"]);
  });

  it("refuses a finished run with a conflict, and another project's run as not found", async () => {
    const { runId } = await dispatchNew(returns("x"));
    await advanceRun(runId);
    const attempt = cancelRun({ projectId: engine.world.projectId, runId });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict" });
    expect((await loadRun(runId)).status).toBe("succeeded");

    const stranger = await createEngineWorld();
    await expect(cancelRun({ projectId: stranger.projectId, runId })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("replayRun and startRun", () => {
  it("replays on the original version or on the one deployed now", async () => {
    const { runId, workflowId, versionId: v1, eventId } = await dispatchNew(returns("v1"));
    await advanceRun(runId);
    const v2 = await deployNewVersion({ projectId: engine.world.projectId, workflowId, graph: appEventGraph(eventId, returns("v2")) });

    const original = await replayRun({ projectId: engine.world.projectId, runId, version: "original" });
    const current = await replayRun({ projectId: engine.world.projectId, runId, version: "current" });
    expect(original.workflowVersionId).toBe(v1);
    expect(current.workflowVersionId).toBe(v2);
    for (const replay of [original, current]) {
      expect(await queuedJobs({ runId: replay.runId })).toHaveLength(1);
      await advanceRun(replay.runId);
    }
    expect(await loadRun(original.runId)).toMatchObject({ status: "succeeded", output: "v1", replayOfRunId: runId, triggerRef: `replay:${runId}` });
    expect(await loadRun(current.runId)).toMatchObject({ status: "succeeded", output: "v2", replayOfRunId: runId });
  });

  it("runs a draft as a `test` version snapshot, leaving the deployed version alone", async () => {
    const event = await createTestAppEvent(engine.world.projectId);
    const { workflowId, versionId: deployed } = await createDeployedWorkflow({ projectId: engine.world.projectId, graph: appEventGraph(event.id, returns("deployed")) });
    const draft = appEventGraph(event.id, returns("draft"));
    await db.workflow.update({ where: { id: workflowId }, data: { draft: draft as object } });

    const test = await startRun({ projectId: engine.world.projectId, workflowId, payload: { a: 1 }, source: "draft", userExternalId: "tester" });
    expect(test.workflowVersionId).not.toBe(deployed);
    const snapshot = await db.workflowVersion.findUniqueOrThrow({ where: { id: test.workflowVersionId } });
    expect(snapshot).toMatchObject({ workflowId, kind: "test", version: 0 });
    expect(snapshot.graph).toMatchObject(draft);
    expect((await db.workflow.findUniqueOrThrow({ where: { id: workflowId } })).deployedVersionId).toBe(deployed);

    await advanceRun(test.runId);
    expect(await loadRun(test.runId)).toMatchObject({ isTest: true, status: "succeeded", output: "draft", input: { payload: { a: 1 } } });

    const live = await startRun({ projectId: engine.world.projectId, workflowId, payload: {}, source: "deployed" });
    expect(live.workflowVersionId).toBe(deployed);
    await advanceRun(live.runId);
    expect(await loadRun(live.runId)).toMatchObject({ isTest: false, output: "deployed" });
  });

  it("refuses to run a draft with problems", async () => {
    const event = await createTestAppEvent(engine.world.projectId);
    const { workflowId } = await createDeployedWorkflow({ projectId: engine.world.projectId, graph: appEventGraph(event.id, returns("x")) });
    await db.workflow.update({ where: { id: workflowId }, data: { draft: { ...appEventGraph(event.id, returns("x")), trigger: { type: "app_event", appEventId: null } } as object } });
    await expect(startRun({ projectId: engine.world.projectId, workflowId, payload: {}, source: "draft" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("project concurrency limit", () => {
  it("parks a run over the limit with no job, and the run that frees the slot admits it and queues its job", async () => {
    const limited = await createEngineWorld();
    await db.project.update({ where: { id: limited.projectId }, data: { concurrencyLimit: 1 } });
    const gate = createGate();
    engine.stub.on("/hold", async () => {
      await gate.opened;
      return { body: { released: true } };
    });
    const event = await createTestAppEvent(limited.projectId);
    await createDeployedWorkflow({ projectId: limited.projectId, graph: appEventGraph(event.id, [requestStep("hold", `${engine.stub.url}/hold`), ...returns("done")]) });
    const [first] = await dispatchEvent(limited, event.id);
    const [second] = await dispatchEvent(limited, event.id);
    expect(await db.run.findUniqueOrThrow({ where: { id: first.runId } })).toMatchObject({ holdsSlot: true, parked: false });
    expect(await db.run.findUniqueOrThrow({ where: { id: second.runId } })).toMatchObject({ status: "queued", holdsSlot: false, parked: true });
    expect(await queuedJobs({ runId: second.runId })).toEqual([]);

    const firstDone = advanceRun(first.runId);
    try {
      await engine.stub.waitForHits("/hold", 1);
      // A job for the parked run (left from before it was parked, say) starts nothing while the slot is taken.
      await advanceRun(second.runId);
      expect(await loadRun(second.runId)).toMatchObject({ status: "queued", startedAt: null, parked: true, steps: [] });
      expect(engine.stub.hits("/hold")).toHaveLength(1);
    } finally {
      gate.release();
      await firstDone;
    }
    expect(await loadRun(first.runId)).toMatchObject({ status: "succeeded", holdsSlot: false });
    expect(await db.run.findUniqueOrThrow({ where: { id: second.runId } })).toMatchObject({ status: "queued", holdsSlot: true, parked: false });
    const [job] = await queuedJobs({ runId: second.runId });
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now());

    await advanceRun(second.runId);
    expect(await loadRun(second.runId)).toMatchObject({ status: "succeeded", output: "done", holdsSlot: false });
    expect(engine.stub.hits("/hold")).toHaveLength(2);
    expect(await db.projectRunSlots.findUniqueOrThrow({ where: { projectId: limited.projectId } })).toMatchObject({ used: 0 });
  });
});

describe("deleteExpiredHistory", () => {
  it("deletes finished runs and received events past the project's retention, in batches, and keeps newer or unfinished ones", async () => {
    const kept = await createEngineWorld();
    await db.project.update({ where: { id: kept.projectId }, data: { retentionDays: 7 } });
    const event = await createTestAppEvent(kept.projectId);
    const { workflowId, versionId } = await createDeployedWorkflow({ projectId: kept.projectId, graph: appEventGraph(event.id, returns("x")) });
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const makeRun = async (status: "succeeded" | "failed" | "cancelled" | "waiting" | "queued" | "running", createdAt: Date) => {
      const run = await db.run.create({
        data: { id: randomUUID(), projectId: kept.projectId, workflowId, workflowVersionId: versionId, triggerType: "app_event", input: {}, status, createdAt },
        select: { id: true },
      });
      await db.stepRun.create({ data: { projectId: kept.projectId, runId: run.id, stepId: "answer", attempt: 1, status: "succeeded", startedAt: createdAt } });
      return { id: run.id, status, createdAt };
    };
    const makeEvent = (receivedAt: Date) =>
      db.event.create({ data: { id: randomUUID(), projectId: kept.projectId, appEventId: event.id, name: event.name, payload: {}, source: "api", response: {}, receivedAt }, select: { id: true } });
    const expired = [await makeRun("succeeded", daysAgo(8)), await makeRun("failed", daysAgo(30)), await makeRun("cancelled", daysAgo(7.01))];
    const young = [await makeRun("succeeded", daysAgo(6.99)), await makeRun("failed", daysAgo(1))];
    const unfinished = [await makeRun("waiting", daysAgo(40)), await makeRun("queued", daysAgo(40)), await makeRun("running", daysAgo(40))];
    const oldEvents = [await makeEvent(daysAgo(9)), await makeEvent(daysAgo(8)), await makeEvent(daysAgo(7.5))];
    const newEvent = await makeEvent(daysAgo(2));

    const deleted = await deleteExpiredHistory({ now, batchSize: 2 });
    expect(deleted.runs).toBeGreaterThanOrEqual(expired.length);
    expect(deleted.events).toBeGreaterThanOrEqual(oldEvents.length);
    const left = await db.run.findMany({ where: { projectId: kept.projectId }, select: { id: true } });
    expect(left.map((run) => run.id).sort()).toEqual([...young, ...unfinished].map((run) => run.id).sort());
    expect(await db.stepRun.count({ where: { runId: { in: expired.map((run) => run.id) } } })).toBe(0);
    expect(await db.stepRun.count({ where: { runId: { in: [...young, ...unfinished].map((run) => run.id) } } })).toBe(5);
    expect((await db.event.findMany({ where: { projectId: kept.projectId }, select: { id: true } })).map((row) => row.id)).toEqual([newEvent.id]);
  });
});

describe("failure notifications", () => {
  const secret = "whsec_test_secret";

  async function addDestination(projectId: string, path: string, options: { enabled?: boolean } = {}) {
    return db.notificationDestination.create({
      data: { projectId, name: `hook ${path}`, url: `${engine.stub.url}${path}`, encryptedSecret: sealSecret(secret), enabled: options.enabled ?? true },
    });
  }

  const notifyJobsFor = async (runId: string) => (await queuedJobs({ task: "run:notify-failed" })).filter((job) => job.payload.runId === runId);

  it("queues one delivery per enabled destination when a run fails for good, and none while it waits to retry", async () => {
    const notified = await createEngineWorld();
    const destination = await addDestination(notified.projectId, "/hook-a");
    await addDestination(notified.projectId, "/hook-off", { enabled: false });

    const failed = await dispatchNew([functionStep("boom", "function () { throw new Error('no') }")], notified);
    await advanceRun(failed.runId);
    expect((await loadRun(failed.runId)).status).toBe("failed");
    expect(await notifyJobsFor(failed.runId)).toMatchObject([{ payload: { destinationId: destination.id, runId: failed.runId } }]);

    engine.stub.on("/down", () => ({ status: 503 }));
    const retrying = await dispatchNew([requestStep("call", `${engine.stub.url}/down`)], notified);
    await advanceRun(retrying.runId);
    expect((await loadRun(retrying.runId)).status).toBe("waiting");
    expect(await notifyJobsFor(retrying.runId)).toEqual([]);
  });

  it("posts the failure as JSON signed with the destination's secret", async () => {
    const notified = await createEngineWorld();
    const destination = await addDestination(notified.projectId, "/hook-signed");
    engine.stub.on("/hook-signed", () => ({ status: 204 }));
    const { runId, workflowId } = await dispatchNew([functionStep("boom", "function () { throw new Error('no') }")], notified);
    await advanceRun(runId);

    await deliverRunFailure({ destinationId: destination.id, runId });
    const [hit] = await engine.stub.waitForHits("/hook-signed", 1);
    expect(hit.method).toBe("POST");
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(hit.json).toMatchObject({
      type: "run.failed",
      projectId: notified.projectId,
      run: { id: runId, status: "failed", error: { code: "function_error", stepId: "boom" }, workflow: { id: workflowId, version: 1 }, userId: notified.user.externalId },
    });
    const signature = String(hit.headers["switchyard-signature"]);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    expect(match).not.toBeNull();
    const [, timestamp, mac] = match as RegExpExecArray;
    expect(mac).toBe(createHmac("sha256", secret).update(`${timestamp}.${hit.body}`).digest("hex"));
    expect(signature).toBe(signDelivery(secret, hit.body, Number(timestamp)));
    expect(await db.notificationDestination.findUniqueOrThrow({ where: { id: destination.id } })).toMatchObject({ lastStatus: 204, consecutiveFailures: 0, enabled: true });
  });

  it(`switches a destination off after ${MAX_CONSECUTIVE_FAILURES} answers in a row that are not 2xx`, async () => {
    const notified = await createEngineWorld();
    const destination = await addDestination(notified.projectId, "/hook-flaky");
    let status = 500;
    engine.stub.on("/hook-flaky", () => ({ status }));
    const { runId } = await dispatchNew([functionStep("boom", "function () { throw new Error('no') }")], notified);
    await advanceRun(runId);
    const read = () => db.notificationDestination.findUniqueOrThrow({ where: { id: destination.id } });
    expect(MAX_CONSECUTIVE_FAILURES).toBe(20);

    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES - 1; i++) await deliverRunFailure({ destinationId: destination.id, runId });
    expect(await read()).toMatchObject({ enabled: true, consecutiveFailures: MAX_CONSECUTIVE_FAILURES - 1, lastStatus: 500, disabledAt: null });
    status = 200;
    await deliverRunFailure({ destinationId: destination.id, runId });
    expect(await read()).toMatchObject({ enabled: true, consecutiveFailures: 0, lastStatus: 200 });

    status = 500;
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) await deliverRunFailure({ destinationId: destination.id, runId });
    const disabled = await read();
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: MAX_CONSECUTIVE_FAILURES });
    expect(disabled.disabledAt).toBeInstanceOf(Date);

    const hits = engine.stub.hits("/hook-flaky").length;
    expect(hits).toBe(2 * MAX_CONSECUTIVE_FAILURES);
    await deliverRunFailure({ destinationId: destination.id, runId });
    expect(engine.stub.hits("/hook-flaky")).toHaveLength(hits);
  });
});
