import "server-only";
import type { TSql } from "@/lib/db/sql";
import { dispatchOccurrencesSql } from "@/lib/runs/dispatch-trigger";
import type { TScheduleTrigger } from "@/lib/schemas/workflow";

/** SQL: a timestamptz parameter as the ISO 8601 text JavaScript writes (UTC, milliseconds, Z), or NULL. */
const iso = (parameter: string) => `to_char(${parameter}::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One tick of one zone stream of a schedule, as one statement: the runs of every user it is for (those whose
 * zone is the stream's, when times depend on the zone) who has the workflow on, through the dispatch every
 * trigger shares, and the tick's record. A user whose previous run of the workflow is still going ("busy") gets,
 * by the overlap policy: no run (skip); a run held back until that one ends (buffer_all, and buffer_one unless
 * one is held back already); a run at once (allow_all).
 * 10,000 users cost one statement, not 10,000. A user who already has a run of this tick gets none: the unique
 * index on (workflow, user, scheduledAt) is the guarantee, and this check keeps a repeat from failing.
 * $1 project, $2 workflow, $3 scheduledAt, $4 previousScheduledAt, $5 the stream's zone, $6 the workflow's zone,
 * $7 whether times depend on the zone, $8 the valid zones users name, $9 the overlap policy, $10 the version,
 * $11 how the tick ran (schedule, catch_up, backfill).
 */
const FIRE_TICK_SQL = `
  WITH zone_users AS MATERIALIZED (
    -- Each user's latest scheduled run of the workflow, found in one probe of the (workflow, user, tick) index:
    -- it is this tick's (the user has run, gets none) or says whether the user's previous run is still going.
    SELECT u."id" AS "connectedUserId", latest."scheduledAt" AS "latestTick", latest."status" IN ('queued', 'running', 'waiting') AS "busy"
    FROM "ConnectedUser" u
    LEFT JOIN LATERAL (
      SELECT r."scheduledAt", r."status" FROM "Run" r
      WHERE r."workflowId" = $2::uuid AND r."connectedUserId" = u."id" AND r."scheduledAt" IS NOT NULL
      ORDER BY r."scheduledAt" DESC LIMIT 1
    ) latest ON true
    WHERE u."projectId" = $1::uuid
      AND (NOT $7::boolean OR COALESCE(CASE WHEN u."metadata"->>'timezone' = ANY ($8::text[]) THEN u."metadata"->>'timezone' END, $6::text) = $5::text)
  ), busy AS MATERIALIZED (
    SELECT z."connectedUserId", $9::text <> 'allow_all' AND COALESCE(z."busy", false) AS "busy"
    FROM zone_users z
    -- Not run for this tick yet (a backfill may reach a tick after later ones ran: then the exact check decides).
    WHERE (z."latestTick" IS NULL OR z."latestTick" < $3::timestamptz OR (z."latestTick" > $3::timestamptz AND NOT EXISTS (
      SELECT 1 FROM "Run" r WHERE r."workflowId" = $2::uuid AND r."connectedUserId" = z."connectedUserId" AND r."scheduledAt" = $3::timestamptz)))
  ), overlap AS MATERIALIZED (
    SELECT b."connectedUserId", b."busy" AS "held",
           b."busy" AND ($9::text = 'skip' OR ($9::text = 'buffer_one' AND EXISTS (
             SELECT 1 FROM "BufferedRun" x WHERE x."workflowId" = $2::uuid AND x."connectedUserId" = b."connectedUserId"))) AS "leftOut"
    FROM busy b
  ), occurrences AS (
    SELECT NULL::uuid AS "eventId", o."connectedUserId", 'schedule' AS "triggerType", $2::text AS "triggerKey",
           jsonb_build_object('type', 'schedule', 'scheduledAt', ${iso("$3")}, 'previousScheduledAt', ${iso("$4")}, 'timezone', $5::text) AS "input",
           'schedule:' || $5::text AS "triggerRef", $3::timestamptz AS "scheduledAt", o."held"
    FROM overlap o WHERE NOT o."leftOut"
  ), ${dispatchOccurrencesSql({ occurrences: "occurrences", projectId: "$1::uuid" })}, tick AS (
    INSERT INTO "ScheduleTick" ("id", "projectId", "workflowId", "versionId", "timezone", "scheduledAt", "outcome", "reason", "runs", "overlapped")
    SELECT gen_random_uuid(), $1::uuid, $2::uuid, $10::uuid, $5::text, $3::timestamptz, 'ran', $11::text,
           (SELECT count(*) FROM dispatched), (SELECT count(*) FROM overlap WHERE "leftOut")
    ON CONFLICT ("workflowId", "timezone", "scheduledAt") DO NOTHING
  )
  SELECT (SELECT count(*)::int FROM dispatched) AS "runs", (SELECT count(*)::int FROM overlap WHERE "leftOut") AS "overlapped" FROM dispatched_jobs`;

const SKIP_TICKS_SQL = `
  INSERT INTO "ScheduleTick" ("id", "projectId", "workflowId", "versionId", "timezone", "scheduledAt", "outcome", "reason")
  SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4::text, t, 'skipped', $6::text FROM unnest($5::timestamptz[]) AS t
  ON CONFLICT ("workflowId", "timezone", "scheduledAt") DO NOTHING`;

export type TTickStream = {
  projectId: string;
  workflowId: string;
  versionId: string;
  /** The stream's zone, and the workflow's own (users naming no valid zone fire in it). */
  zone: string;
  workflowZone: string;
  zoneDependent: boolean;
  userZones: string[];
  trigger: TScheduleTrigger;
};

/** Fires one tick of a stream; answers how many runs it started and how many users it left out for overlap. */
export async function fireScheduleTick(
  tx: TSql,
  stream: TTickStream,
  tick: { scheduledAt: Date; previousScheduledAt: Date | null; reason: "schedule" | "catch_up" | "backfill" },
): Promise<{ runs: number; overlapped: number }> {
  const [result] = await tx.query<{ runs: number; overlapped: number }>(FIRE_TICK_SQL, [
    stream.projectId,
    stream.workflowId,
    tick.scheduledAt,
    tick.previousScheduledAt,
    stream.zone,
    stream.workflowZone,
    stream.zoneDependent,
    stream.userZones,
    stream.trigger.overlap,
    stream.versionId,
    tick.reason,
  ]);
  return result ?? { runs: 0, overlapped: 0 };
}

/** Records ticks as skipped, with why (missed_while_down, outside_catch_up_window, collapsed_into_one…). */
export async function skipScheduleTicks(tx: TSql, stream: TTickStream, ticks: Date[], reason: string): Promise<void> {
  if (ticks.length === 0) return;
  await tx.query(SKIP_TICKS_SQL, [stream.projectId, stream.workflowId, stream.versionId, stream.zone, ticks, reason]);
}
