import "server-only";
import { sql, sqlTransaction } from "@/lib/db/sql";
import type { TNewStepRecord, TStepRecord } from "@/lib/engine/executor/types";
import { walkRun } from "@/lib/engine/executor/walk-run";
import { requestAllowHosts } from "@/lib/engine/pinned-http";
import { executeLeafStep } from "@/lib/engine/steps/execute-leaf-step";
import { enqueueRunJobs } from "./enqueue-run-jobs";
import { loadStepRecords, loadVersionGraph, recordKey } from "./load-run-state";
import { notifyRunFailed } from "./notify-run-failed";
import { acquireRunSlot } from "./run-slots";

class RunCancelled extends Error {}

const CANCEL_CHECK_INTERVAL_MS = 250;
const SLOT_RETRY_MS = 1_000;

type TRunRow = {
  id: string;
  projectId: string;
  workflowVersionId: string;
  status: string;
  input: { type: string; payload: unknown };
  startedAt: Date | null;
  concurrencyLimit: number;
  externalId: string | null;
  metadata: unknown;
  settings: Record<string, unknown> | null;
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Executes a run as far as it can go: to its end, to a delay or retry back-off (then it waits and a job
 * is queued for later), or to a failure. The job that calls this is the only one for the run (job key),
 * so a run never executes on two workers at once. Raw SQL throughout: this is the engine's hot path.
 */
export async function advanceRun(runId: string): Promise<void> {
  const [run] = await sql.query<TRunRow>(
    `SELECT r."id", r."projectId", r."workflowVersionId", r."status", r."input", r."startedAt", p."concurrencyLimit",
            u."externalId", u."metadata", a."settings"
     FROM "Run" r
     JOIN "Project" p ON p."id" = r."projectId"
     LEFT JOIN "ConnectedUser" u ON u."id" = r."connectedUserId"
     LEFT JOIN "WorkflowActivation" a ON a."workflowId" = r."workflowId" AND a."connectedUserId" = r."connectedUserId"
     WHERE r."id" = $1::uuid`,
    [runId],
  );
  if (!run || !["queued", "waiting", "running"].includes(run.status)) return;

  const slot = await acquireRunSlot(run.projectId, run.concurrencyLimit);
  if (!slot) {
    // The project is at its concurrency limit: stay queued and look again shortly.
    await enqueueRunJobs(sql, [{ runId, runAt: new Date(Date.now() + SLOT_RETRY_MS) }]);
    return;
  }
  try {
    await executeRun(run);
  } finally {
    await slot.release();
  }
}

async function executeRun(run: TRunRow): Promise<void> {
  const [graph, records, started] = await Promise.all([
    loadVersionGraph(run.projectId, run.workflowVersionId),
    run.startedAt ? loadStepRecords(run.projectId, run.id) : Promise.resolve(new Map<string, TStepRecord>()),
    sql.query(
      `UPDATE "Run" SET "status" = 'running', "resumeAt" = NULL, "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
       WHERE "id" = $1::uuid AND "projectId" = $2::uuid AND "status" IN ('queued', 'waiting', 'running') RETURNING "id"`,
      [run.id, run.projectId],
    ),
  ]);
  if (started.length === 0) return;

  let lastCancelCheck = Date.now();
  let result;
  try {
    result = await walkRun(
      {
        runId: run.id,
        graph,
        trigger: { type: run.input.type, payload: run.input.payload },
        user: run.externalId !== null ? { id: run.externalId, metadata: run.metadata } : null,
        settings: run.settings ?? {},
      },
      {
        now: () => new Date(),
        latest: (stepId, lane) => records.get(recordKey(stepId, lane)),
        record: (record) => recordStep(run, record),
        executeLeaf: (step, scope) => executeLeafStep(step, scope, { allowHosts: requestAllowHosts() }),
        checkCancelled: async () => {
          if (Date.now() - lastCancelCheck < CANCEL_CHECK_INTERVAL_MS) return;
          lastCancelCheck = Date.now();
          const [current] = await sql.query<{ status: string }>(`SELECT "status" FROM "Run" WHERE "id" = $1::uuid AND "projectId" = $2::uuid`, [run.id, run.projectId]);
          if (current?.status === "cancelled") throw new RunCancelled();
        },
      },
    );
  } catch (error) {
    if (error instanceof RunCancelled) return;
    throw error;
  }

  const finish = `WHERE "id" = $1::uuid AND "projectId" = $2::uuid AND "status" = 'running' RETURNING "id"`;
  if (result.status === "waiting") {
    const resumeAt = result.resumeAt;
    await sqlTransaction(async (tx) => {
      const updated = await tx.query(`UPDATE "Run" SET "status" = 'waiting', "resumeAt" = $3, "updatedAt" = now() ${finish}`, [run.id, run.projectId, resumeAt]);
      if (updated.length > 0) await enqueueRunJobs(tx, [{ runId: run.id, runAt: resumeAt }]);
    });
  } else if (result.status === "succeeded") {
    await sql.query(`UPDATE "Run" SET "status" = 'succeeded', "finishedAt" = now(), "output" = $3::jsonb, "updatedAt" = now() ${finish}`, [
      run.id,
      run.projectId,
      json(result.response ?? result.output ?? null),
    ]);
  } else {
    const error = result.error;
    await sqlTransaction(async (tx) => {
      const updated = await tx.query(`UPDATE "Run" SET "status" = 'failed', "finishedAt" = now(), "error" = $3::jsonb, "updatedAt" = now() ${finish}`, [run.id, run.projectId, json(error)]);
      if (updated.length > 0) await notifyRunFailed(tx, { projectId: run.projectId, runId: run.id });
    });
  }
}

async function recordStep(run: { id: string; projectId: string }, record: TNewStepRecord): Promise<void> {
  await sql.query(
    `INSERT INTO "StepRun" ("id", "projectId", "runId", "stepId", "lane", "attempt", "status", "input", "output", "error", "logs", "retryAt", "startedAt", "finishedAt")
     VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4, $5, $6::"StepRunStatus", $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13)`,
    [run.projectId, run.id, record.stepId, record.lane, record.attempt, record.status, json(record.input), json(record.output), json(record.error), json(record.logs), record.retryAt ?? null, record.startedAt, record.finishedAt],
  );
}
