import "server-only";
import { db, Prisma } from "@/lib/db/client";
import type { TNewStepRecord, TStepRecord } from "@/lib/engine/executor/types";
import { walkRun } from "@/lib/engine/executor/walk-run";
import { executeLeafStep } from "@/lib/engine/steps/execute-leaf-step";
import { enqueueRunJobs } from "./enqueue-run-jobs";
import { loadStepRecords, loadVersionGraph, recordKey } from "./load-run-state";
import { notifyRunFailed } from "./notify-run-failed";
import { acquireRunSlot } from "./run-slots";

class RunCancelled extends Error {}

const CANCEL_CHECK_INTERVAL_MS = 250;
const SLOT_RETRY_MS = 1_000;

const runSelect = {
  id: true,
  projectId: true,
  workflowId: true,
  workflowVersionId: true,
  status: true,
  input: true,
  startedAt: true,
  connectedUser: { select: { externalId: true, metadata: true } },
  connectedUserId: true,
  project: { select: { concurrencyLimit: true } },
} satisfies Prisma.RunSelect;

export function requestAllowHosts(): string[] {
  return (process.env.REQUEST_ALLOW_HOSTS ?? "").split(",").map((host) => host.trim()).filter(Boolean);
}

const json = (value: unknown) => (value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

/**
 * Executes a run as far as it can go: to its end, to a delay or retry back-off (then it waits and a job
 * is queued for later), or to a failure. The job that calls this is the only one for the run (job key),
 * so a run never executes on two workers at once.
 */
export async function advanceRun(runId: string): Promise<void> {
  const run = await db.run.findFirst({ where: { id: runId }, select: runSelect });
  if (!run || run.status === "succeeded" || run.status === "failed" || run.status === "cancelled") return;

  const slot = await acquireRunSlot(run.projectId, run.project.concurrencyLimit);
  if (!slot) {
    // The project is at its concurrency limit: stay queued and look again shortly.
    await db.$transaction((tx) => enqueueRunJobs(tx, [{ runId, runAt: new Date(Date.now() + SLOT_RETRY_MS) }]));
    return;
  }
  try {
    await executeRun(run);
  } finally {
    await slot.release();
  }
}

async function executeRun(run: Prisma.RunGetPayload<{ select: typeof runSelect }>): Promise<void> {
  const [graph, records, activation] = await Promise.all([
    loadVersionGraph(run.projectId, run.workflowVersionId),
    run.startedAt ? loadStepRecords(run.projectId, run.id) : Promise.resolve(new Map<string, TStepRecord>()),
    run.connectedUserId
      ? db.workflowActivation.findFirst({ where: { workflowId: run.workflowId, connectedUserId: run.connectedUserId, projectId: run.projectId }, select: { settings: true } })
      : null,
  ]);
  const now = new Date();
  const started = await db.run.updateMany({
    where: { id: run.id, projectId: run.projectId, status: { in: ["queued", "waiting", "running"] } },
    data: { status: "running", resumeAt: null, ...(run.startedAt ? {} : { startedAt: now }) },
  });
  if (started.count === 0) return;

  let lastCancelCheck = Date.now();
  const input = run.input as { type: string; payload: unknown };
  let result;
  try {
    result = await walkRun(
      {
        runId: run.id,
        graph,
        trigger: { type: input.type, payload: input.payload },
        user: run.connectedUser ? { id: run.connectedUser.externalId, metadata: run.connectedUser.metadata } : null,
        settings: (activation?.settings ?? {}) as Record<string, unknown>,
      },
      {
        now: () => new Date(),
        latest: (stepId, lane) => records.get(recordKey(stepId, lane)),
        record: (record) => recordStep(run, record),
        executeLeaf: (step, scope) => executeLeafStep(step, scope, { allowHosts: requestAllowHosts() }),
        checkCancelled: async () => {
          if (Date.now() - lastCancelCheck < CANCEL_CHECK_INTERVAL_MS) return;
          lastCancelCheck = Date.now();
          const current = await db.run.findFirst({ where: { id: run.id, projectId: run.projectId }, select: { status: true } });
          if (current?.status === "cancelled") throw new RunCancelled();
        },
      },
    );
  } catch (error) {
    if (error instanceof RunCancelled) return;
    throw error;
  }

  const finishedAt = new Date();
  const where = { id: run.id, projectId: run.projectId, status: "running" as const };
  if (result.status === "waiting") {
    await db.$transaction(async (tx) => {
      const updated = await tx.run.updateMany({ where, data: { status: "waiting", resumeAt: result.resumeAt } });
      if (updated.count > 0) await enqueueRunJobs(tx, [{ runId: run.id, runAt: result.resumeAt }]);
    });
  } else if (result.status === "succeeded") {
    await db.run.updateMany({ where, data: { status: "succeeded", finishedAt, output: json(result.response ?? result.output) } });
  } else {
    await db.$transaction(async (tx) => {
      const updated = await tx.run.updateMany({ where, data: { status: "failed", finishedAt, error: json(result.error) } });
      if (updated.count > 0) await notifyRunFailed(tx, { projectId: run.projectId, runId: run.id });
    });
  }
}

async function recordStep(run: { id: string; projectId: string }, record: TNewStepRecord): Promise<void> {
  await db.stepRun.create({
    data: {
      projectId: run.projectId,
      runId: run.id,
      stepId: record.stepId,
      lane: record.lane,
      attempt: record.attempt,
      status: record.status,
      input: json(record.input),
      output: json(record.output),
      error: json(record.error),
      logs: json(record.logs),
      retryAt: record.retryAt ?? null,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
    },
  });
}
