import "server-only";
import { sameProjectSql, sql, sqlTransaction } from "@/lib/db/sql";
import type { TNewStepRecord, TStepRecord, TWalkResult } from "@/lib/engine/executor/types";
import { preciseNow } from "@/lib/engine/executor/precise-clock";
import { walkRun } from "@/lib/engine/executor/walk-run";
import { requestAllowHosts } from "@/lib/engine/pinned-http";
import { runFunction } from "@/lib/engine/sandbox/run-function";
import { executeLeafStep } from "@/lib/engine/steps/execute-leaf-step";
import type { TStep } from "@/lib/schemas/workflow";
import { enqueueRunJobs } from "./enqueue-run-jobs";
import { loadStepRecords, loadVersionGraph, recordKey } from "./load-run-state";
import { notifyRunFailed } from "./notify-run-failed";
import { claimRun, releaseRunSlot, type TClaimedRun } from "./run-slots";
import { writeRunSuccess, writeStepRecords } from "./run-write-batches";
import { insertStepRecordsSql, StepRecordBuffer, stepRecordsJson } from "./step-record-buffer";

class RunCancelled extends Error {}

const CANCEL_CHECK_INTERVAL_MS = 250;
const SLOT_RETRY_MS = 1_000;

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

type TStartedRun = TClaimedRun & { slot: number };

const RUN_STATUS_SQL = `SELECT "status" FROM "Run" WHERE "id" = $1::uuid AND ${sameProjectSql('"projectId"', "$2")}`;

/**
 * The statement that ends a run's execution other than by success (lib/runs/run-write-batches.ts has that):
 * sets its new state (`set`) and writes the held step records.
 * $1 run, $2 project, $3 the held records (JSON, or NULL for none), $4 what the new state carries.
 */
const finishRunSql = (set: string) => `
    WITH finished AS (
      UPDATE "Run" SET ${set}, "updatedAt" = now()
      WHERE "id" = $1::uuid AND ${sameProjectSql('"projectId"', "$2")} AND "status" = 'running' RETURNING "id"
    ), recorded AS (${insertStepRecordsSql("$2", "$1", "$3")})
    SELECT EXISTS (SELECT 1 FROM finished) AS "finished"`;

/** The engine's statements that find one run, for the test that checks how PostgreSQL plans them. */
export const RUN_LOOKUP_STATEMENTS = {
  claim: `SELECT * FROM switchyard_claim_candidate($1::uuid)`,
  status: RUN_STATUS_SQL,
  finish: finishRunSql(`"status" = 'failed'`),
};

/**
 * Executes a run as far as it can go: to its end, to a delay or retry back-off (then it waits and a job
 * is queued for later), or to a failure. The job that calls this is the only one for the run (job key),
 * so a run never executes on two workers at once. This is the engine's hot path: the claim, the step
 * records and a success go out in statements shared with the other runs of this process (run-slots.ts,
 * run-write-batches.ts), so a run of pure steps ending in one Request costs a share of three.
 *
 * The claim marks the run running without waiting for the WAL flush: that is the one write nothing depends
 * on. Lost in a PostgreSQL crash, it leaves the run queued with its job, to execute from the start; and the
 * next synchronous commit (the records written before a Request, the run's end) flushes the WAL up to and
 * including it anyway.
 */
export async function advanceRun(runId: string): Promise<void> {
  const run = await claimRun(runId);
  if (!run) return;
  if (run.slot === null) {
    // The project is at its concurrency limit: stay queued and look again shortly.
    await enqueueRunJobs(sql, [{ runId, runAt: new Date(Date.now() + SLOT_RETRY_MS) }]);
    return;
  }
  // Not started: cancelled between the read and the update, and its slot freed at once.
  if (!run.started) return;
  const started = { ...run, slot: run.slot };
  try {
    await executeRun(started);
  } finally {
    releaseRunSlot(started);
  }
}

async function executeRun(run: TStartedRun): Promise<void> {
  const [graph, records] = await Promise.all([
    loadVersionGraph(sql, run.projectId, run.workflowVersionId),
    run.startedAt ? loadStepRecords(sql, run.projectId, run.id) : Promise.resolve(new Map<string, TStepRecord>()),
  ]);
  const steps = new Map<string, TStep>(graph.steps.map((step) => [step.id, step]));
  const buffer = new StepRecordBuffer((batch) => writeStepRecords({ projectId: run.projectId, runId: run.id, records: batch }));

  let lastCancelCheck = Date.now();
  let result: TWalkResult;
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
        now: preciseNow,
        latest: (stepId, lane) => records.get(recordKey(stepId, lane)),
        record: async (record) => buffer.add(record, steps.get(record.stepId) as TStep),
        executeLeaf: async (step, scope) => {
          await buffer.flushBeforeLeaf(step);
          return executeLeafStep(step, scope, { allowHosts: requestAllowHosts(), runFunction });
        },
        checkCancelled: async () => {
          if (Date.now() - lastCancelCheck < CANCEL_CHECK_INTERVAL_MS) return;
          lastCancelCheck = Date.now();
          const [current] = await sql.query<{ status: string }>(RUN_STATUS_SQL, [run.id, run.projectId]);
          if (current?.status === "cancelled") throw new RunCancelled();
        },
      },
    );
  } catch (error) {
    // Whatever the walk did before it stopped is kept: a Request it made must not run again.
    if (!(error instanceof RunCancelled)) {
      await buffer.flush().catch(() => {});
      throw error;
    }
    await buffer.flush();
    return;
  }
  await finishRun(run, result, await buffer.take());
}

/** Writes the held step records and the run's new state together. */
async function finishRun(run: TStartedRun, result: TWalkResult, records: TNewStepRecord[]): Promise<void> {
  if (result.status === "succeeded") {
    // The common case goes out with the other runs of this process that end at the same moment.
    await writeRunSuccess({ projectId: run.projectId, runId: run.id, output: result.response ?? result.output ?? null, records });
    return;
  }
  const params = [run.id, run.projectId, records.length > 0 ? stepRecordsJson(records) : null];
  await sqlTransaction(async (tx) => {
    if (result.status === "waiting") {
      const [{ finished }] = await tx.query<{ finished: boolean }>(finishRunSql(`"status" = 'waiting', "resumeAt" = $4::timestamptz`), [...params, result.resumeAt]);
      if (finished) await enqueueRunJobs(tx, [{ runId: run.id, runAt: result.resumeAt }]);
    } else {
      const [{ finished }] = await tx.query<{ finished: boolean }>(finishRunSql(`"status" = 'failed', "finishedAt" = now(), "error" = $4::jsonb`), [...params, json(result.error)]);
      if (finished) await notifyRunFailed(tx, { projectId: run.projectId, runId: run.id });
    }
  });
}
