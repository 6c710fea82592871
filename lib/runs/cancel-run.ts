import "server-only";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/http/errors";
import { runEndJobsSql } from "@/lib/jobs/job-specs";

// switchyard_stop_run (migration engine_hardening) cancels the run, frees its slot and removes its pending
// job; the slot admits the project's next parked run, whose job is queued here in the same statement.
const CANCEL_RUN_SQL = `
  WITH ended AS MATERIALIZED (SELECT * FROM switchyard_stop_run($1::uuid, $2::uuid, 'cancelled', NULL)),
  ${runEndJobsSql("ended")}
  SELECT e."kind" FROM ended e CROSS JOIN run_end_jobs`;

/**
 * Cancels a queued, running or waiting run. A queued or waiting run's pending job is removed; a running
 * one stops before its next step (the step in flight finishes and is recorded).
 */
export async function cancelRun(options: { projectId: string; runId: string }): Promise<void> {
  const rows = await sql.query<{ kind: string }>(CANCEL_RUN_SQL, [options.runId, options.projectId]);
  if (rows.some((row) => row.kind === "cancelled")) return;
  const run = await db.run.findFirst({ where: { id: options.runId, projectId: options.projectId }, select: { status: true } });
  if (!run) throw new AppError("not_found", "Run not found");
  throw new AppError("conflict", `The run already ${run.status === "cancelled" ? "was cancelled" : run.status}; only queued, running or waiting runs can be cancelled`);
}
