import "server-only";
import { randomUUID } from "node:crypto";
import { sameProjectSql, type TSql } from "@/lib/db/sql";
import type { TNewStepRecord, TStepRecord, TWalkResult } from "@/lib/engine/executor/types";
import { preciseNow } from "@/lib/engine/executor/precise-clock";
import { walkRun } from "@/lib/engine/executor/walk-run";
import { requestAllowHosts } from "@/lib/engine/pinned-http";
import { executeLeafStep } from "@/lib/engine/steps/execute-leaf-step";
import type { TStep } from "@/lib/schemas/workflow";
import { enqueueRunJobs } from "./enqueue-run-jobs";
import { loadStepRecords, loadVersionGraph, recordKey } from "./load-run-state";
import { notifyRunFailed } from "./notify-run-failed";
import { openRunConnection, releaseSlotSql, type TRunConnection, trySlotSql } from "./run-slots";
import { writeRunSuccess, writeStepRecords } from "./run-write-batches";
import { insertStepRecordsSql, StepRecordBuffer, stepRecordsJson } from "./step-record-buffer";

class RunCancelled extends Error {}

const CANCEL_CHECK_INTERVAL_MS = 250;
const SLOT_RETRY_MS = 1_000;

type TRunRow = {
  id: string;
  projectId: string;
  workflowVersionId: string;
  input: { type: string; payload: unknown };
  /** Before this execution: null on a run's first execution. */
  startedAt: Date | null;
  externalId: string | null;
  metadata: unknown;
  settings: Record<string, unknown> | null;
  slot: number | null;
  started: boolean;
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

// One statement loads the run, takes a project slot on this connection and marks the run running. The
// CTEs are MATERIALIZED so the slot is tried exactly once, and only for a run that can execute.
// It commits without waiting for the WAL flush (synchronous_commit off, for this transaction only): the
// "running" mark is the one write nothing depends on. Lost in a PostgreSQL crash, it leaves the run queued
// with its job, to execute from the start; and the next synchronous commit on this connection (the step
// records written before a Request, the run's end) flushes the WAL up to and including it anyway.
export const CLAIM_RUN_SQL = `
  WITH candidate AS MATERIALIZED (
    SELECT r."id", r."projectId", r."workflowVersionId", r."input", r."startedAt", p."concurrencyLimit",
           u."externalId", u."metadata", a."settings"
    FROM "Run" r
    JOIN "Project" p ON p."id" = r."projectId"
    LEFT JOIN "ConnectedUser" u ON u."id" = r."connectedUserId" AND ${sameProjectSql('u."projectId"', 'r."projectId"')}
    LEFT JOIN "WorkflowActivation" a ON a."workflowId" = r."workflowId" AND a."connectedUserId" = r."connectedUserId" AND ${sameProjectSql('a."projectId"', 'r."projectId"')}
    WHERE r."id" = $1::uuid AND r."status" IN ('queued', 'waiting', 'running')
  ), slot AS MATERIALIZED (
    SELECT ${trySlotSql('c."projectId"', 'c."concurrencyLimit"')} AS "slot" FROM candidate c
  ), started AS (
    UPDATE "Run" r SET "status" = 'running', "resumeAt" = NULL, "startedAt" = COALESCE(r."startedAt", now()), "updatedAt" = now()
    FROM candidate c, slot s
    WHERE r."id" = c."id" AND ${sameProjectSql('r."projectId"', 'c."projectId"')} AND s."slot" IS NOT NULL AND r."status" IN ('queued', 'waiting', 'running')
    RETURNING r."id"
  )
  SELECT c."id", c."projectId", c."workflowVersionId", c."input", c."startedAt", c."externalId", c."metadata", c."settings", s."slot",
         EXISTS (SELECT 1 FROM started) AS "started", set_config('synchronous_commit', 'off', true) AS "asyncCommit"
  FROM candidate c CROSS JOIN slot s`;

const RUN_STATUS_SQL = `SELECT "status" FROM "Run" WHERE "id" = $1::uuid AND ${sameProjectSql('"projectId"', "$2")}`;

/**
 * The statement that ends a run's execution other than by success (lib/runs/run-write-batches.ts has that):
 * sets its new state (`set`) and writes the held step records.
 * $1 run, $2 project, $3 the held records (JSON, or NULL for none), $4 what the new state carries.
 */
export const finishRunSql = (set: string) => `
    WITH finished AS (
      UPDATE "Run" SET ${set}, "updatedAt" = now()
      WHERE "id" = $1::uuid AND ${sameProjectSql('"projectId"', "$2")} AND "status" = 'running' RETURNING "id"
    ), recorded AS (${insertStepRecordsSql("$2", "$1", "$3")})
    SELECT EXISTS (SELECT 1 FROM finished) AS "finished"`;

/** The engine's statements that find one run, for the test that checks how PostgreSQL plans them. */
export const RUN_LOOKUP_STATEMENTS = { claim: CLAIM_RUN_SQL, status: RUN_STATUS_SQL, finish: finishRunSql(`"status" = 'failed'`) };

/**
 * Plans the claim statement on a connection ahead of the first run: the first planning of it on a fresh
 * connection (catalog caches and all) cost ~50 ms of PostgreSQL CPU in bench:engine. The run id matches no
 * run, so nothing is read, locked or written.
 */
export async function prepareRunStatements(connection: TSql): Promise<void> {
  await connection.query(CLAIM_RUN_SQL, [randomUUID()]);
}

/**
 * Executes a run as far as it can go: to its end, to a delay or retry back-off (then it waits and a job
 * is queued for later), or to a failure. The job that calls this is the only one for the run (job key),
 * so a run never executes on two workers at once. Raw SQL on one connection throughout: this is the
 * engine's hot path, and a run of pure steps ending in one Request costs three statements.
 */
export async function advanceRun(runId: string): Promise<void> {
  const connection = await openRunConnection();
  try {
    const [run] = await connection.query<TRunRow>(CLAIM_RUN_SQL, [runId]);
    if (!run) return connection.release();
    if (run.slot === null) {
      // The project is at its concurrency limit: stay queued and look again shortly.
      await enqueueRunJobs(connection, [{ runId, runAt: new Date(Date.now() + SLOT_RETRY_MS) }]);
      return connection.release();
    }
    if (!run.started) {
      // Cancelled between the read and the update: give the slot back.
      await connection.query(`SELECT ${releaseSlotSql("$1", "$2")}`, [run.projectId, run.slot]);
      return connection.release();
    }
    await executeRun(connection, { ...run, slot: run.slot });
    connection.release();
  } catch (error) {
    // Closing the connection frees the slot, whatever state the failure left it in.
    connection.release(error as Error);
    throw error;
  }
}

async function executeRun(connection: TRunConnection, run: TRunRow & { slot: number }): Promise<void> {
  const [graph, records] = await Promise.all([
    loadVersionGraph(connection, run.projectId, run.workflowVersionId),
    run.startedAt ? loadStepRecords(connection, run.projectId, run.id) : Promise.resolve(new Map<string, TStepRecord>()),
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
          return executeLeafStep(step, scope, { allowHosts: requestAllowHosts() });
        },
        checkCancelled: async () => {
          if (Date.now() - lastCancelCheck < CANCEL_CHECK_INTERVAL_MS) return;
          lastCancelCheck = Date.now();
          const [current] = await connection.query<{ status: string }>(RUN_STATUS_SQL, [run.id, run.projectId]);
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
    await connection.query(`SELECT ${releaseSlotSql("$1", "$2")}`, [run.projectId, run.slot]);
    return;
  }
  await finishRun(connection, run, result, await buffer.take());
}

/** Writes the held step records and the run's new state together, then frees the slot. */
async function finishRun(connection: TRunConnection, run: TRunRow & { slot: number }, result: TWalkResult, records: TNewStepRecord[]): Promise<void> {
  if (result.status === "succeeded") {
    // The common case goes out with the other runs of this process that end at the same moment.
    await writeRunSuccess({ projectId: run.projectId, runId: run.id, output: result.response ?? result.output ?? null, records });
    await connection.query(`SELECT ${releaseSlotSql("$1", "$2")}`, [run.projectId, run.slot]);
    return;
  }
  const params = [run.id, run.projectId, records.length > 0 ? stepRecordsJson(records) : null];
  await connection.query("BEGIN");
  try {
    if (result.status === "waiting") {
      const [{ finished }] = await connection.query<{ finished: boolean }>(finishRunSql(`"status" = 'waiting', "resumeAt" = $4::timestamptz`), [...params, result.resumeAt]);
      if (finished) await enqueueRunJobs(connection, [{ runId: run.id, runAt: result.resumeAt }]);
    } else {
      const [{ finished }] = await connection.query<{ finished: boolean }>(finishRunSql(`"status" = 'failed', "finishedAt" = now(), "error" = $4::jsonb`), [...params, json(result.error)]);
      if (finished) await notifyRunFailed(connection, { projectId: run.projectId, runId: run.id });
    }
    await connection.query("COMMIT");
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => {});
    throw error;
  }
  await connection.query(`SELECT ${releaseSlotSql("$1", "$2")}`, [run.projectId, run.slot]);
}
