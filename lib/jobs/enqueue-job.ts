import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import type { TTaskName } from "./task-names";

export type TJobSpec = {
  task: TTaskName;
  payload: Record<string, unknown>;
  runAt?: Date;
  jobKey?: string;
  maxAttempts?: number;
  queueName?: string;
};

/**
 * Adds a graphile-worker job through the caller's transaction, so the job exists exactly when the
 * rows that caused it commit. Runs only from the web and worker processes, never imports the worker.
 */
export async function enqueueJob(tx: TransactionClient, job: TJobSpec): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    identifier => ${job.task},
    payload => ${JSON.stringify(job.payload)}::json,
    queue_name => ${job.queueName ?? null}::text,
    run_at => ${job.runAt ?? null}::timestamptz,
    max_attempts => ${job.maxAttempts ?? 25}::int,
    job_key => ${job.jobKey ?? null}::text
  )`;
}
