import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import { type TSql, toSql } from "@/lib/db/sql";

export const ADVANCE_RUN_TASK = "run:advance";

/**
 * Queues the job that executes (or resumes) each run, in one statement, inside the caller's transaction.
 * The job key is the run's id, so a run never has two pending jobs: re-queueing replaces the pending one.
 */
export async function enqueueRunJobs(tx: TSql | TransactionClient, runs: { runId: string; runAt?: Date | null }[]): Promise<void> {
  if (runs.length === 0) return;
  const specs = runs.map(({ runId, runAt }) => ({
    identifier: ADVANCE_RUN_TASK,
    payload: { runId },
    run_at: runAt?.toISOString() ?? null,
    max_attempts: 25,
    job_key: `run:${runId}`,
  }));
  await toSql(tx).query(
    "SELECT 1 FROM graphile_worker.add_jobs(array(SELECT json_populate_recordset(null::graphile_worker.job_spec, $1::json)))",
    [JSON.stringify(specs)],
  );
}
