import "server-only";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/http/errors";
import { dispatchOccurrencesSql } from "@/lib/runs/dispatch-trigger";
import type { TRequestTriggerInput } from "@/lib/workflows/request-trigger-input";

/** A workflow the user may call: its deployed version, and whether the user's row is over a minute from its last sight. */
export type TCallableWorkflow = { versionId: string; connectedUserId: string | null; userSeenLongAgo: boolean };

type TWorkflowRow = {
  deployedVersionId: string | null;
  triggerType: string | null;
  listens: boolean;
  connectedUserId: string | null;
  userSeenLongAgo: boolean | null;
};

// The same listening rule as dispatchOccurrencesSql's: the user switched it on, or it is on for every user and
// the user did not switch it off (a user seen for the first time has switched nothing).
const FIND_WORKFLOW_SQL = `
  SELECT w."deployedVersionId", w."triggerType"::text AS "triggerType",
         coalesce(a."enabled", w."enabledForAllUsers") AS "listens",
         u."id" AS "connectedUserId", u."lastSeenAt" < now() - interval '1 minute' AS "userSeenLongAgo"
  FROM "Workflow" w
  LEFT JOIN "ConnectedUser" u ON u."projectId" = $1::uuid AND u."externalId" = $3
  LEFT JOIN "WorkflowActivation" a ON a."workflowId" = w."id" AND a."connectedUserId" = u."id" AND a."projectId" = $1::uuid
  WHERE w."id" = $2::uuid AND w."projectId" = $1::uuid`;

/**
 * The workflow a call addresses, or the refusal: 404 when the project has no such workflow (another project's
 * id included), or it is not deployed, or not started by a Request trigger; 403 when it does not run for this user.
 */
export async function findCallableWorkflow(options: { projectId: string; workflowId: string; userExternalId: string }): Promise<TCallableWorkflow> {
  const [row] = await sql.query<TWorkflowRow>(FIND_WORKFLOW_SQL, [options.projectId, options.workflowId, options.userExternalId]);
  if (!row) throw new AppError("not_found", "Workflow not found");
  if (!row.deployedVersionId) throw new AppError("not_found", "This workflow is not deployed");
  if (row.triggerType !== "request") throw new AppError("not_found", "This workflow is not started by a Request trigger");
  if (!row.listens) throw new AppError("forbidden", "This workflow is not enabled for this user");
  return { versionId: row.deployedVersionId, connectedUserId: row.connectedUserId, userSeenLongAgo: Boolean(row.userSeenLongAgo) };
}

// One statement, one implicit transaction: the user seen for the first time, the run and its job commit together
// or not at all, through the dispatch statement every trigger shares. The user is only created when the
// workflow, in this statement's snapshot, runs for a new user, so a call that starts no run writes nothing.
const DISPATCH_REQUEST_SQL = `WITH known_user AS MATERIALIZED (
       SELECT u."id" FROM "ConnectedUser" u WHERE u."projectId" = $1::uuid AND u."externalId" = $3
     ), new_user AS (
       INSERT INTO "ConnectedUser" ("id", "projectId", "externalId")
       SELECT gen_random_uuid(), $1::uuid, $3
       WHERE NOT EXISTS (SELECT 1 FROM known_user) AND EXISTS (
         SELECT 1 FROM "Workflow" w
         WHERE w."id" = $2::uuid AND w."projectId" = $1::uuid AND w."deployedVersionId" IS NOT NULL AND w."triggerType" = 'request' AND w."enabledForAllUsers")
       ON CONFLICT ("projectId", "externalId") DO UPDATE SET "lastSeenAt" = now()
       RETURNING "id"
     ), occurrence AS (
       SELECT NULL::uuid AS "eventId", u."id" AS "connectedUserId", 'request' AS "triggerType", $2::uuid::text AS "triggerKey",
              $4::jsonb AS "input", NULL::text AS "triggerRef", NULL::timestamptz AS "scheduledAt", false AS "held"
       FROM (SELECT "id" FROM known_user UNION ALL SELECT "id" FROM new_user) u
     ), ${dispatchOccurrencesSql({ occurrences: "occurrence", projectId: "$1::uuid" })}
     SELECT d."runId" FROM dispatched d CROSS JOIN dispatched_jobs`;

/**
 * Starts the run of a call for its user and resolves once the run and its job are committed; the run's id, or
 * null when the workflow no longer runs for the user (undeployed or switched off since it was found).
 */
export async function dispatchRequest(options: { projectId: string; workflowId: string; userExternalId: string; input: TRequestTriggerInput }): Promise<string | null> {
  const [run] = await sql.query<{ runId: string }>(DISPATCH_REQUEST_SQL, [options.projectId, options.workflowId, options.userExternalId, JSON.stringify(options.input)]);
  return run?.runId ?? null;
}
