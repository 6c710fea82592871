import "server-only";
import type { TSql } from "@/lib/db/sql";
import { runEndJobsSql } from "@/lib/jobs/job-specs";

// Ticks are fired a little ahead of their time (FIRE_AHEAD_MS): their runs exist, queued, before the instant
// they are for. This cancels those that have not started, through the same switchyard_stop_run as a cancel
// (its slot, its job, a buffered successor), and records their ticks as skipped with `reason`. Runs are taken in
// id order, as every multi-run lock is, and the ticks' rows last.
// The runs are locked first, all of them in id order, by a statement of their own: a CTE is evaluated only as
// far as its reader needs, so locking them in the statement that stops them would take the project's slot row
// (each stop frees a slot) between two run locks, against the engine's lock order (runs, then the slot row).
// Their places in the wait list are locked before them: a slot freed meanwhile admits the oldest parked run it
// can lock (SKIP LOCKED) under the slot row's lock, and must not pick one of these and wait for its row.
const LOCK_EARLY_PARKED_SQL = `
  SELECT p."runId" FROM "ParkedRun" p JOIN "Run" r ON r."id" = p."runId"
  WHERE p."projectId" = $1::uuid AND r."projectId" = $1::uuid AND r."workflowId" = $2::uuid AND r."scheduledAt" > $3::timestamptz AND r."status" = 'queued'
  ORDER BY p."runId" FOR UPDATE OF p`;

const LOCK_EARLY_RUNS_SQL = `
  SELECT r."id" FROM "Run" r
  WHERE r."projectId" = $1::uuid AND r."workflowId" = $2::uuid AND r."scheduledAt" > $3::timestamptz AND r."status" = 'queued' AND r."startedAt" IS NULL
  ORDER BY r."id" FOR UPDATE`;

const WITHDRAW_SQL = `
  WITH ended AS MATERIALIZED (
    SELECT s.* FROM unnest($4::uuid[]) AS e("id") CROSS JOIN LATERAL switchyard_stop_run(e."id", $1::uuid, 'cancelled', NULL) s
  ), ${runEndJobsSql("ended")}, ticks AS (
    UPDATE "ScheduleTick" t SET "outcome" = 'skipped', "reason" = $3::text, "runs" = 0
    WHERE t."workflowId" = $2::uuid AND t."projectId" = $1::uuid AND t."outcome" = 'ran' AND t."scheduledAt" > $5::timestamptz
    RETURNING 1
  )
  SELECT (SELECT count(*)::int FROM ended WHERE "kind" = 'cancelled') AS "runs", (SELECT count(*)::int FROM ticks) AS "ticks" FROM run_end_jobs`;

/**
 * Undeploy, redeploy and pause stop a schedule at once: the runs of ticks fired ahead whose time has not come
 * are cancelled before they start, in the caller's transaction, and those ticks recorded as skipped.
 */
export async function withdrawEarlyTicks(tx: TSql, options: { projectId: string; workflowId: string; reason: "paused" | "undeployed" | "redeployed" }) {
  // One instant for every statement: with clock_timestamp() in each, a tick whose time fell between the run
  // lock and the tick update had its runs cancelled but stayed "ran" (seen in scheduler-processes.test.ts).
  // As text, so no precision is lost on the way through JavaScript.
  const [{ cutoff }] = await tx.query<{ cutoff: string }>(`SELECT clock_timestamp()::text AS "cutoff"`, []);
  await tx.query(LOCK_EARLY_PARKED_SQL, [options.projectId, options.workflowId, cutoff]);
  const early = await tx.query<{ id: string }>(LOCK_EARLY_RUNS_SQL, [options.projectId, options.workflowId, cutoff]);
  const [result] = await tx.query<{ runs: number; ticks: number }>(WITHDRAW_SQL, [options.projectId, options.workflowId, options.reason, early.map((run) => run.id), cutoff]);
  return result ?? { runs: 0, ticks: 0 };
}
