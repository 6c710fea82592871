import "server-only";
import type { TSql } from "@/lib/db/sql";

export const NOTIFY_TASK = "run:notify-failed";

/** Queues one delivery per enabled destination of the project, in the transaction that failed the run. */
export async function notifyRunFailed(tx: TSql, options: { projectId: string; runId: string }): Promise<void> {
  await tx.query(
    `SELECT 1 FROM graphile_worker.add_jobs(array(
       SELECT ROW($1, json_build_object('destinationId', d."id", 'runId', $3::text), NULL, NULL, 1, NULL, NULL, NULL)::graphile_worker.job_spec
       FROM "NotificationDestination" d WHERE d."projectId" = $2::uuid AND d."enabled"
     ))`,
    [NOTIFY_TASK, options.projectId, options.runId],
  );
}
