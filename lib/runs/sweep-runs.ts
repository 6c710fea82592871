import "server-only";
import { sql } from "@/lib/db/sql";
import { enqueueJobs, RUN_TASK, runEndJobsSql, runJob } from "@/lib/jobs/job-specs";
import { abandonRun } from "./abandon-run";

// The engine keeps runs, their slots and their jobs in step inside its own transactions; this sweep is the
// proof that nothing is left behind when something outside them fails (a job the queue gave up on, a job
// deleted by hand, a counter out of step after a bug), and the repair. Every part is idempotent, so sweeps on
// several workers at once do no harm.

// graphile-worker's public jobs view; a run's job is keyed run:<run id> (lib/jobs/job-specs.ts).
const EXHAUSTED_JOBS_SQL = `
  SELECT substr(j."key", 5)::uuid AS "runId", j."attempts", j."last_error" AS "lastError"
  FROM graphile_worker.jobs j
  WHERE j."task_identifier" = '${RUN_TASK}' AND j."key" LIKE 'run:%' AND j."attempts" >= j."max_attempts" AND j."locked_at" IS NULL`;

// A run that may still change (not parked: a parked run has no job by design) and has no job: nothing would
// ever execute it. Runs touched in the last minute are left to the transaction that is touching them.
const ORPHANED_RUNS_SQL = `
  SELECT r."id", r."status", r."resumeAt" FROM "Run" r
  WHERE r."status" IN ('queued', 'waiting', 'running') AND NOT r."parked" AND r."updatedAt" < now() - interval '1 minute'
    AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j."key" = 'run:' || r."id"::text)`;

const MISCOUNTED_SLOTS_SQL = `
  SELECT s."projectId" FROM "ProjectRunSlots" s
  LEFT JOIN (SELECT "projectId", count(*)::int AS "held" FROM "Run" WHERE "holdsSlot" GROUP BY 1) h ON h."projectId" = s."projectId"
  WHERE s."used" <> COALESCE(h."held", 0)`;

// Projects whose parked runs would fit now (after a concurrency limit was raised, say).
const ADMITTABLE_PROJECTS_SQL = `
  SELECT p."id" AS "projectId" FROM "Project" p
  LEFT JOIN "ProjectRunSlots" s ON s."projectId" = p."id"
  WHERE p."concurrencyLimit" > COALESCE(s."used", 0) AND EXISTS (SELECT 1 FROM "ParkedRun" r WHERE r."projectId" = p."id")`;

/** `admitted` calls a function returning the runs it admitted, of project $1. */
const admitSql = (admitted: string) => `
  WITH ended AS MATERIALIZED (SELECT a AS "runId", $1::uuid AS "projectId", 'admitted'::text AS "kind", NULL::timestamptz AS "resumeAt" FROM ${admitted} a),
  ${runEndJobsSql("ended")}
  SELECT e."runId" FROM ended e CROSS JOIN run_end_jobs`;

export type TSweepResult = { abandoned: number; requeued: number; recounted: number; admitted: number };

/**
 * Ends runs whose job ran out of attempts, admits parked runs that fit, and with `full` (a scan of all
 * runs, hourly) gives orphaned runs their job back and recounts slot counters that disagree with the runs.
 */
export async function sweepRuns(options: { full: boolean }): Promise<TSweepResult> {
  const result: TSweepResult = { abandoned: 0, requeued: 0, recounted: 0, admitted: 0 };
  for (const job of await sql.query<{ runId: string; attempts: number; lastError: string | null }>(EXHAUSTED_JOBS_SQL)) {
    const message = `The engine could not execute this run in ${job.attempts} attempts${job.lastError ? `: ${job.lastError.split("\n")[0].slice(0, 500)}` : ""}`;
    if (await abandonRun({ runId: job.runId, error: { code: "engine_failed", message, retryable: false } })) result.abandoned++;
    // A job whose run had ended already (it is removed with the run otherwise).
    await sql.query(`SELECT graphile_worker.remove_job($1)`, [`run:${job.runId}`]);
  }
  if (options.full) {
    const orphans = await sql.query<{ id: string; status: string; resumeAt: Date | null }>(ORPHANED_RUNS_SQL);
    await enqueueJobs(sql, orphans.map((run) => runJob(run.id, run.status === "waiting" ? run.resumeAt : null)));
    result.requeued = orphans.length;
    for (const { projectId } of await sql.query<{ projectId: string }>(MISCOUNTED_SLOTS_SQL)) {
      result.admitted += (await sql.query(admitSql("switchyard_recount_slots($1::uuid)"), [projectId])).length;
      result.recounted++;
    }
  }
  for (const { projectId } of await sql.query<{ projectId: string }>(ADMITTABLE_PROJECTS_SQL)) {
    result.admitted += (await sql.query(admitSql("switchyard_release_slots($1::uuid, 0)"), [projectId])).length;
  }
  return result;
}
