import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import { type TSql, toSql } from "@/lib/db/sql";
import { ADVANCE_RUN_TASK } from "./enqueue-run-jobs";

export type TTriggerOccurrence = {
  projectId: string;
  /** Who it is for: the connected user's row id. */
  connectedUserId: string;
  trigger: { type: "app_event"; appEventId: string };
  payload: unknown;
  /** The received event that caused it, kept on each run. */
  eventId?: string;
};

export type TDispatchedRun = { runId: string; workflowId: string };

/**
 * Starts every deployed workflow that listens to this trigger and that the user has switched on (or that
 * is on for every user and the user has not switched off). One statement finds the workflows, inserts
 * their runs and queues their jobs, through the caller's transaction, so all of it commits together with
 * the caller's own write (the received event) or not at all.
 */
export async function dispatchTrigger(tx: TSql | TransactionClient, occurrence: TTriggerOccurrence): Promise<TDispatchedRun[]> {
  return toSql(tx).query<TDispatchedRun>(
    `WITH listening AS (
       SELECT w."id", w."deployedVersionId", w."createdAt" FROM "Workflow" w
       LEFT JOIN "WorkflowActivation" a ON a."workflowId" = w."id" AND a."connectedUserId" = $3::uuid
       WHERE w."projectId" = $1::uuid AND w."deployedVersionId" IS NOT NULL
         AND w."triggerType" = 'app_event' AND w."triggerAppEventId" = $2::uuid
         AND (a."enabled" OR (w."enabledForAllUsers" AND a."enabled" IS NULL))
     ), created AS (
       INSERT INTO "Run" ("id", "projectId", "workflowId", "workflowVersionId", "connectedUserId", "triggerType", "triggerRef", "eventId", "input", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, l."id", l."deployedVersionId", $3::uuid, 'app_event', $4, $5::uuid, $6::jsonb, clock_timestamp(), clock_timestamp()
       FROM listening l ORDER BY l."createdAt"
       RETURNING "id", "workflowId", "createdAt"
     ), queued AS (
       SELECT graphile_worker.add_jobs(array(
         SELECT ROW($7, json_build_object('runId', c."id"), NULL, NULL, 25, 'run:' || c."id", NULL, NULL)::graphile_worker.job_spec FROM created c
       ))
     )
     -- Selecting from "queued" is what makes it run (an unreferenced CTE is never evaluated).
     SELECT c."id" AS "runId", c."workflowId" FROM created c CROSS JOIN (SELECT count(*) AS n FROM queued) q ORDER BY c."createdAt", c."id"`,
    [
      occurrence.projectId,
      occurrence.trigger.appEventId,
      occurrence.connectedUserId,
      occurrence.eventId ? `event:${occurrence.eventId}` : null,
      occurrence.eventId ?? null,
      JSON.stringify({ type: occurrence.trigger.type, payload: occurrence.payload ?? null }),
      ADVANCE_RUN_TASK,
    ],
  );
}
