import "server-only";
import type { TransactionClient } from "@/lib/db/client";

export const NOTIFY_TASK = "run:notify-failed";

/** Queues one delivery per enabled destination of the project, in the transaction that failed the run. */
export async function notifyRunFailed(tx: TransactionClient, options: { projectId: string; runId: string }): Promise<void> {
  const destinations = await tx.notificationDestination.findMany({
    where: { projectId: options.projectId, enabled: true },
    select: { id: true },
  });
  if (destinations.length === 0) return;
  const specs = destinations.map((destination) => ({
    identifier: NOTIFY_TASK,
    payload: { destinationId: destination.id, runId: options.runId },
    max_attempts: 1,
    job_key: null,
    run_at: null,
  }));
  await tx.$executeRaw`SELECT graphile_worker.add_jobs(
    array(SELECT json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::json))
  )`;
}
