import "server-only";
import type { TransactionClient } from "@/lib/db/client";
import { type TSql, toSql } from "@/lib/db/sql";
import { addJobsSql, runJobSpecSql } from "@/lib/jobs/job-specs";

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
 * The CTEs that start the runs of many trigger occurrences of one project inside one statement, so that a
 * caller can write its own rows (received events, schedule ticks) in the same statement. Every trigger ends
 * here, the trigger type being data: `occurrences` names an earlier CTE with the columns
 *   "triggerType" text and "triggerKey" text: what happened, matched against each deployed workflow's trigger
 *     (an App Event's id for app_event, the workflow's own id for schedule; see Workflow.triggerKey);
 *   "connectedUserId" uuid: for whom;
 *   "input" jsonb: what the run starts with ({ type, payload } for an App Event; the tick for a schedule);
 *   "triggerRef" text, "eventId" uuid (or null), "scheduledAt" timestamptz (or null);
 *   "held" boolean: held back (in BufferedRun) until the same user's previous run of the workflow ends, by a
 *     schedule's overlap policy; a held run takes no slot and gets no job now.
 *   "onlyWorkflowId" uuid (only with `onlyWorkflow: true`): when not null, only that workflow listens (a
 *     webhook delivered to a user-level URL, which one workflow registered).
 * `projectId` is the statement's placeholder for the project. They define:
 *   dispatched ("eventId", "runId", "workflowId", "workflowCreatedAt", …): one row per run started;
 *   dispatched_jobs ("jobs"): the statement must select from it, or its jobs are never queued.
 * A workflow listens when it is deployed on the trigger and the user switched it on, or it is on for every
 * user and the user did not switch it off.
 *
 * Admission (lib/runs/run-claims.ts): the new runs that fit in the project's free concurrency slots hold one and
 * get their job; the others are parked (Run.parked, and their place in ParkedRun), with no job, and a slot freed
 * later admits them oldest first. So a project's backlog never fills the queue ahead of other projects' runs.
 * No run, no slot lock, no job and no NOTIFY: the NOTIFY of graphile_worker.add_jobs serialises the commits of
 * all notifying transactions.
 */
export function dispatchOccurrencesSql(options: { occurrences: string; projectId: string; onlyWorkflow?: boolean }): string {
  const { occurrences, projectId } = options;
  const onlyWorkflow = options.onlyWorkflow ? `AND (o."onlyWorkflowId" IS NULL OR o."onlyWorkflowId" = w."id")` : "";
  return `dispatched AS MATERIALIZED (
       SELECT x.*, CASE WHEN NOT x."held" THEN row_number() OVER (PARTITION BY x."held" ORDER BY x."eventId", x."workflowCreatedAt", x."runId") END AS "position"
       FROM (
         SELECT o."eventId", o."connectedUserId", o."triggerType", o."input", o."triggerRef", o."scheduledAt", o."held", w."id" AS "workflowId",
                w."deployedVersionId", w."createdAt" AS "workflowCreatedAt", gen_random_uuid() AS "runId"
         FROM ${occurrences} o
         JOIN "Workflow" w ON w."projectId" = ${projectId} AND w."deployedVersionId" IS NOT NULL
           AND w."triggerType" = o."triggerType"::"TriggerType" AND w."triggerKey" = o."triggerKey" ${onlyWorkflow}
         LEFT JOIN "WorkflowActivation" a ON a."projectId" = ${projectId} AND a."workflowId" = w."id" AND a."connectedUserId" = o."connectedUserId"
         WHERE a."enabled" OR (w."enabledForAllUsers" AND a."enabled" IS NULL)
       ) x
     ), admission AS MATERIALIZED (
       SELECT CASE WHEN EXISTS (SELECT 1 FROM dispatched WHERE NOT "held")
                   THEN switchyard_admit_runs(${projectId}, (SELECT count(*) FROM dispatched WHERE NOT "held")::int) ELSE 0 END AS "admitted"
     ), dispatched_runs AS (
       -- The runs that are not held, whose parked ones join the wait list from what this returns: a join of it
       -- back to "dispatched" would be a nested loop over both in the generic plan (10,000 runs: 100 million
       -- comparisons, 30 s), as the planner cannot know how many rows a CTE holds.
       INSERT INTO "Run" ("id", "projectId", "workflowId", "workflowVersionId", "connectedUserId", "triggerType", "triggerRef", "eventId", "input", "scheduledAt", "holdsSlot", "parked", "createdAt", "updatedAt")
       SELECT d."runId", ${projectId}, d."workflowId", d."deployedVersionId", d."connectedUserId", d."triggerType"::"TriggerType", d."triggerRef", d."eventId",
              d."input", d."scheduledAt", d."position" <= a."admitted", d."position" > a."admitted", clock_timestamp(), clock_timestamp()
       FROM dispatched d CROSS JOIN admission a WHERE NOT d."held" ORDER BY d."position"
       RETURNING "id", "createdAt", "parked"
     ), dispatched_held_runs AS (
       -- Held back: no slot, no job, parked until a promotion moves it to the wait list (switchyard_promote_buffered).
       INSERT INTO "Run" ("id", "projectId", "workflowId", "workflowVersionId", "connectedUserId", "triggerType", "triggerRef", "eventId", "input", "scheduledAt", "holdsSlot", "parked", "createdAt", "updatedAt")
       SELECT d."runId", ${projectId}, d."workflowId", d."deployedVersionId", d."connectedUserId", d."triggerType"::"TriggerType", d."triggerRef", d."eventId",
              d."input", d."scheduledAt", false, true, clock_timestamp(), clock_timestamp()
       FROM dispatched d WHERE d."held" ORDER BY d."eventId", d."workflowCreatedAt", d."runId"
       RETURNING "id"
     ), dispatched_parked AS (
       INSERT INTO "ParkedRun" ("runId", "projectId", "createdAt")
       SELECT r."id", ${projectId}, r."createdAt" FROM dispatched_runs r WHERE r."parked"
     ), dispatched_held AS (
       INSERT INTO "BufferedRun" ("runId", "workflowId", "connectedUserId", "scheduledAt")
       SELECT d."runId", d."workflowId", d."connectedUserId", d."scheduledAt" FROM dispatched d WHERE d."held"
     ), dispatched_jobs AS (
       SELECT count(*) AS "jobs" FROM (
         SELECT ${addJobsSql(`(SELECT json_agg(${runJobSpecSql('d."runId"', "NULL", 'd."scheduledAt"')} ORDER BY d."position") FROM dispatched d CROSS JOIN admission a WHERE d."position" <= a."admitted")`)}
         WHERE (SELECT "admitted" FROM admission) > 0
       ) queued
     )`;
}

/**
 * Starts every deployed workflow that listens to this trigger for this user (see dispatchOccurrencesSql):
 * one statement finds the workflows, inserts their runs and queues their jobs, through the caller's
 * transaction, so all of it commits together with the caller's own write or not at all.
 */
export async function dispatchTrigger(tx: TSql | TransactionClient, occurrence: TTriggerOccurrence): Promise<TDispatchedRun[]> {
  return toSql(tx).query<TDispatchedRun>(
    `WITH occurrence AS (
       SELECT $2::uuid AS "eventId", $3::uuid AS "connectedUserId", 'app_event' AS "triggerType", $4::text AS "triggerKey",
              jsonb_build_object('type', 'app_event', 'payload', $5::jsonb) AS "input", 'event:' || $2::text AS "triggerRef", NULL::timestamptz AS "scheduledAt",
              false AS "held"
     ), ${dispatchOccurrencesSql({ occurrences: "occurrence", projectId: "$1::uuid" })}
     SELECT d."runId", d."workflowId" FROM dispatched d CROSS JOIN dispatched_jobs ORDER BY d."workflowCreatedAt", d."runId"`,
    [occurrence.projectId, occurrence.eventId ?? null, occurrence.connectedUserId, occurrence.trigger.appEventId, JSON.stringify(occurrence.payload ?? null)],
  );
}
