import "server-only";
import { sqlPool } from "@/lib/db/sql";
import { dispatchOccurrencesSql } from "@/lib/runs/dispatch-trigger";
import type { TTriggerEventResponse, TValidationOutcome } from "@/lib/schemas/event";

/** One accepted App Event, ready to be written. */
export type TEventRow = {
  eventId: string;
  externalId: string;
  appEventId: string;
  name: string;
  payload: Record<string, unknown>;
  validation: TValidationOutcome | null;
  source: "sdk" | "api";
  idempotencyKey: string | null;
  requestHash: string | null;
};

export type TWrittenEvent = {
  response: TTriggerEventResponse;
  /** The user's lastSeenAt is over a minute old (a user created now is not). */
  userSeenLongAgo: boolean;
};

// One statement, one implicit transaction: the users seen for the first time, the events, their runs and
// the runs' jobs commit together or not at all. A returning user's row is read, never locked. A user that
// another transaction is creating at the same moment is waited for and then taken (DO UPDATE returns it,
// where DO NOTHING would return nothing); new users are inserted in one order so two batches cannot
// deadlock on them.
const WRITE_EVENTS_SQL = `WITH input AS MATERIALIZED (
       SELECT * FROM json_to_recordset($2::json) AS i(
         "eventId" uuid, "externalId" text, "appEventId" uuid, "name" text, "payload" jsonb,
         "validation" jsonb, "source" text, "idempotencyKey" text, "requestHash" text)
     ), known_users AS (
       SELECT u."id", u."externalId", u."lastSeenAt" < now() - interval '1 minute' AS "seenLongAgo"
       FROM "ConnectedUser" u
       WHERE u."projectId" = $1::uuid AND u."externalId" IN (SELECT "externalId" FROM input)
     ), new_users AS (
       INSERT INTO "ConnectedUser" ("id", "projectId", "externalId")
       SELECT gen_random_uuid(), $1::uuid, n."externalId"
       FROM (SELECT DISTINCT "externalId" FROM input) n
       WHERE NOT EXISTS (SELECT 1 FROM known_users k WHERE k."externalId" = n."externalId")
       ORDER BY n."externalId"
       ON CONFLICT ("projectId", "externalId") DO UPDATE SET "lastSeenAt" = now()
       RETURNING "id", "externalId"
     ), users AS (
       SELECT "id", "externalId", "seenLongAgo" FROM known_users
       UNION ALL SELECT "id", "externalId", false FROM new_users
     ), occurrences AS (
       SELECT i."eventId", u."id" AS "connectedUserId", 'app_event' AS "triggerType", i."appEventId"::text AS "triggerKey",
              jsonb_build_object('type', 'app_event', 'payload', i."payload") AS "input", 'event:' || i."eventId" AS "triggerRef", NULL::timestamptz AS "scheduledAt",
              false AS "held"
       FROM input i JOIN users u ON u."externalId" = i."externalId"
     ), ${dispatchOccurrencesSql({ occurrences: "occurrences", projectId: "$1::uuid" })}, responses AS (
       SELECT i."eventId", json_build_object('eventId', i."eventId", 'runs', coalesce(
         (SELECT json_agg(json_build_object('runId', d."runId", 'workflowId', d."workflowId") ORDER BY d."workflowCreatedAt", d."runId")
          FROM dispatched d WHERE d."eventId" = i."eventId"),
         '[]'::json)) AS "response"
       FROM input i
     ), events AS (
       INSERT INTO "Event" ("id", "projectId", "appEventId", "name", "connectedUserId", "payload", "validation", "source", "idempotencyKey", "requestHash", "response")
       SELECT i."eventId", $1::uuid, i."appEventId", i."name", u."id", i."payload", i."validation", i."source", i."idempotencyKey", i."requestHash", r."response"::jsonb
       FROM input i JOIN users u ON u."externalId" = i."externalId" JOIN responses r ON r."eventId" = i."eventId"
     )
     SELECT i."eventId", r."response", u."seenLongAgo"
     FROM input i JOIN users u ON u."externalId" = i."externalId" JOIN responses r ON r."eventId" = i."eventId"
     CROSS JOIN dispatched_jobs`;

/** An event row as writeEvents takes it: serialised once, so a batch can be sized by its bytes. */
export function eventRowJson(row: TEventRow): string {
  return JSON.stringify(row);
}

/**
 * Writes App Events of one project (each from eventRowJson), their new users, their runs and the runs' jobs
 * in ONE statement: one round trip and one commit whatever the number of events. Prepared once per pooled
 * connection. Answers by event id.
 */
export async function writeEvents(projectId: string, rowsJson: string[]): Promise<Map<string, TWrittenEvent>> {
  const result = await sqlPool().query<{ eventId: string; response: TTriggerEventResponse; seenLongAgo: boolean }>({
    name: "switchyard_write_events",
    text: WRITE_EVENTS_SQL,
    values: [projectId, `[${rowsJson.join(",")}]`],
  });
  return new Map(result.rows.map((row) => [row.eventId, { response: row.response, userSeenLongAgo: row.seenLongAgo }]));
}

/** lastSeenAt to the minute: one short write a minute per user, never inside an event's transaction. */
export async function touchUsers(projectId: string, externalIds: string[]): Promise<void> {
  if (externalIds.length === 0) return;
  await sqlPool().query({
    name: "switchyard_touch_users",
    text: `UPDATE "ConnectedUser" SET "lastSeenAt" = now()
           WHERE "projectId" = $1::uuid AND "externalId" = ANY($2::text[]) AND "lastSeenAt" < now() - interval '1 minute'`,
    values: [projectId, externalIds],
  });
}
