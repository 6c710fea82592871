import "server-only";
import { sql } from "@/lib/db/sql";
import { runEndJobsSql } from "@/lib/jobs/job-specs";
import type { TStepError } from "@/lib/engine/executor/types";

// switchyard_stop_run (migration engine_hardening) fails the run whoever holds it (its lease moves on, so an
// execution still in flight is fenced off), removes its job, frees its slot and admits the next parked run of
// its project.
const ABANDON_RUN_SQL = `
  WITH ended AS MATERIALIZED (
    SELECT a.* FROM "Run" r CROSS JOIN LATERAL switchyard_stop_run(r."id", r."projectId", 'failed', $2::jsonb) a WHERE r."id" = $1::uuid
  ),
  ${runEndJobsSql("ended")}
  SELECT e."kind" FROM ended e CROSS JOIN run_end_jobs`;

/**
 * Ends a run that cannot go on (its job used up its attempts, it lost its job) as failed with `error`, with
 * its failure notifications. Nothing happens to a run that already ended. Returns whether it ended now.
 */
export async function abandonRun(options: { runId: string; error: TStepError }): Promise<boolean> {
  const rows = await sql.query<{ kind: string }>(ABANDON_RUN_SQL, [options.runId, JSON.stringify(options.error)]);
  return rows.some((row) => row.kind === "failed");
}
