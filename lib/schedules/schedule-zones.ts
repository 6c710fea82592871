import "server-only";
import type { TSql } from "@/lib/db/sql";
import { isValidTimeZone, type TSchedule } from "@/lib/schemas/workflow";
import { fireTimesAfter, isZoneDependent } from "./schedule-times";

export type TScheduleRow = { workflowId: string; projectId: string; versionId: string; anchorAt: Date; timezone: string };

/** The time zones the project's users name in their metadata that are real IANA zones (others fall back). */
export async function userTimeZones(tx: TSql, projectId: string): Promise<string[]> {
  const rows = await tx.query<{ zone: string }>(
    `SELECT DISTINCT u."metadata"->>'timezone' AS "zone" FROM "ConnectedUser" u
     WHERE u."projectId" = $1::uuid AND jsonb_typeof(u."metadata"->'timezone') = 'string'`,
    [projectId],
  );
  return rows.map((row) => row.zone).filter((zone) => isValidTimeZone(zone));
}

/**
 * Gives a schedule whose times depend on the zone a stream for each zone its project's users name (each user
 * fires at the schedule's wall-clock times in their own zone), starting at that zone's next tick. Streams are
 * only added: a zone no user names any more fires for nobody, and its ticks are recorded as such.
 */
export async function syncScheduleZones(tx: TSql, options: { schedule: TScheduleRow; spec: TSchedule; now: Date }): Promise<void> {
  const { schedule, spec, now } = options;
  if (!isZoneDependent(spec)) return;
  const zones = (await userTimeZones(tx, schedule.projectId)).filter((zone) => zone !== schedule.timezone);
  if (zones.length === 0) return;
  const rows = zones.map((zone) => ({
    timezone: zone,
    nextTickAt: fireTimesAfter({ schedule: spec, timezone: zone, anchor: schedule.anchorAt, after: now, count: 1 })[0]?.toISOString() ?? null,
  }));
  await tx.query(
    `INSERT INTO "ScheduleZone" ("workflowId", "timezone", "nextTickAt")
     SELECT $1::uuid, z."timezone", z."nextTickAt" FROM jsonb_to_recordset($2::jsonb) AS z("timezone" text, "nextTickAt" timestamptz)
     ON CONFLICT ("workflowId", "timezone") DO NOTHING`,
    [schedule.workflowId, JSON.stringify(rows)],
  );
}

/**
 * Gives every deployed schedule whose times depend on the zone a stream for each zone its users name now, so
 * that a user who names a new zone fires from that zone's next tick (the maintenance sweep, every minute).
 */
export async function syncAllScheduleZones(tx: TSql, options: { now: Date; loadSpec: (schedule: TScheduleRow) => Promise<TSchedule | null> }): Promise<void> {
  const schedules = await tx.query<TScheduleRow>(`SELECT "workflowId", "projectId", "versionId", "anchorAt", "timezone" FROM "Schedule" WHERE "pausedAt" IS NULL`);
  for (const schedule of schedules) {
    const spec = await options.loadSpec(schedule);
    if (spec) await syncScheduleZones(tx, { schedule, spec, now: options.now });
  }
}
