// Every graphile-worker job is specified here, through graphile-worker's documented SQL API: add_jobs with
// job_spec values populated from JSON objects with named fields (identifier, payload, run_at, max_attempts,
// job_key), never built by position. Statements that queue jobs inside a larger SQL statement (dispatch, the
// end of a run) take the SQL fragments below; code that queues jobs from TypeScript calls enqueueJobs.
// Jobs are added through the caller's transaction, so a job exists exactly when the rows that caused it commit.
import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import { type TSql, toSql } from "@/lib/db/sql";
import type { TTaskName } from "./task-names";

export const RUN_TASK = "run:advance" satisfies TTaskName;
export const NOTIFY_FAILED_TASK = "run:notify-failed" satisfies TTaskName;

/**
 * Attempts of a run's job before the queue gives up on it. A run's job fails only when the engine itself does
 * (the database went away mid-run, a bug); graphile-worker's back-off between attempts is exp(min(n, 10)) s,
 * so 10 attempts span about nine hours. On the last one the run is ended failed (lib/jobs/tasks.ts), and the
 * maintenance sweep ends any run whose job ran out of attempts without that (its worker died on each).
 */
export const RUN_JOB_MAX_ATTEMPTS = 10;

export type TJobSpec = {
  task: TTaskName;
  payload: Record<string, unknown>;
  runAt?: Date | null;
  /** A job with the key of a pending job replaces it (graphile-worker's job_key). */
  jobKey?: string | null;
  maxAttempts?: number;
};

/** SQL: queues the jobs of `specs`, an SQL expression of type json holding an array of jobSpecSql objects. */
export const addJobsSql = (specs: string) =>
  `graphile_worker.add_jobs(array(SELECT json_populate_recordset(null::graphile_worker.job_spec, ${specs})))`;

/** SQL: one job spec as a JSON object with graphile-worker's field names; each argument is an SQL expression. */
export function jobSpecSql(spec: { task: TTaskName; payload: string; runAt?: string; jobKey?: string; maxAttempts: number }): string {
  return `json_build_object('identifier', '${spec.task}', 'payload', ${spec.payload}, 'run_at', ${spec.runAt ?? "NULL"}, 'max_attempts', ${spec.maxAttempts}, 'job_key', ${spec.jobKey ?? "NULL"})`;
}

/**
 * SQL: the spec of the job that executes (or resumes) the run `runId` (an SQL uuid expression), due at `runAt`.
 * `notBefore` (an SQL timestamptz, or NULL): the job waits until then before it claims the run — a schedule's
 * tick is fired a moment ahead so that its runs start on the tick, not that moment after it.
 */
export const runJobSpecSql = (runId: string, runAt = "NULL", notBefore = "NULL") =>
  jobSpecSql({
    task: RUN_TASK,
    payload: `json_strip_nulls(json_build_object('runId', ${runId}, 'notBefore', ${notBefore}))`,
    runAt,
    jobKey: `'run:' || ${runId}`,
    maxAttempts: RUN_JOB_MAX_ATTEMPTS,
  });

/** SQL: the specs of the failure notifications of run `runId`, one per enabled destination of project `projectId`. */
export const failureNotificationSpecsSql = (projectId: string, runId: string) =>
  `SELECT ${jobSpecSql({ task: NOTIFY_FAILED_TASK, payload: `json_build_object('destinationId', d."id", 'runId', ${runId})`, maxAttempts: 1 })} AS "spec"
   FROM "NotificationDestination" d WHERE d."projectId" = ${projectId} AND d."enabled"`;

/** A run's job, as enqueueJobs takes it. */
export const runJob = (runId: string, runAt?: Date | null): TJobSpec => ({
  task: RUN_TASK,
  payload: { runId },
  runAt,
  jobKey: `run:${runId}`,
  maxAttempts: RUN_JOB_MAX_ATTEMPTS,
});

/** Queues jobs in one statement, inside the caller's transaction. */
export async function enqueueJobs(tx: TSql | TransactionClient, specs: TJobSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const json = specs.map((spec) => ({
    identifier: spec.task,
    payload: spec.payload,
    run_at: spec.runAt?.toISOString() ?? null,
    max_attempts: spec.maxAttempts ?? 25,
    job_key: spec.jobKey ?? null,
  }));
  await toSql(tx).query(`SELECT 1 FROM ${addJobsSql("$1::json")}`, [JSON.stringify(json)]);
}

/**
 * SQL: the CTEs that queue the jobs following run ends, from `ended`, a CTE of rows ("runId", "projectId",
 * "kind", "resumeAt") as the engine's end functions return them (migration engine_hardening): a resume job at
 * "resumeAt" for each 'waiting' run, a job now for each 'admitted' one, the failure notifications of each
 * 'failed' one. The statement must select from run_end_jobs, or nothing is queued.
 */
export const runEndJobsSql = (ended: string) => `run_end_specs AS (
    SELECT ${runJobSpecSql('e."runId"', 'e."resumeAt"')} AS "spec" FROM ${ended} e WHERE e."kind" IN ('waiting', 'admitted')
    UNION ALL
    SELECT n."spec" FROM ${ended} e CROSS JOIN LATERAL (${failureNotificationSpecsSql('e."projectId"', 'e."runId"')}) n WHERE e."kind" = 'failed'
  ), run_end_jobs AS (
    SELECT count(*) AS "jobs" FROM (SELECT ${addJobsSql(`(SELECT json_agg("spec") FROM run_end_specs)`)} WHERE EXISTS (SELECT 1 FROM run_end_specs)) queued
  )`;
