import "server-only";
import { deleteInBatches } from "@/lib/db/delete-in-batches";
import { sql } from "@/lib/db/sql";

// Oldest first along the (projectId, createdAt) index; step records go with their run (ON DELETE CASCADE).
const DELETE_RUNS_SQL = `
  DELETE FROM "Run" WHERE "id" IN (
    SELECT r."id" FROM "Run" r
    WHERE r."projectId" = $1::uuid AND r."createdAt" < $3::timestamptz AND r."status" IN ('succeeded', 'failed', 'cancelled')
    ORDER BY r."createdAt" LIMIT $2
  ) RETURNING "id"`;

const DELETE_TICKS_SQL = `
  DELETE FROM "ScheduleTick" WHERE "id" IN (
    SELECT t."id" FROM "ScheduleTick" t WHERE t."projectId" = $1::uuid AND t."scheduledAt" < $3::timestamptz
    ORDER BY t."scheduledAt" LIMIT $2
  ) RETURNING "id"`;

const DELETE_EVENTS_SQL = `
  DELETE FROM "Event" WHERE "id" IN (
    SELECT e."id" FROM "Event" e WHERE e."projectId" = $1::uuid AND e."receivedAt" < $3::timestamptz
    ORDER BY e."receivedAt" LIMIT $2
  ) RETURNING "id"`;

// A webhook delivery id is a duplicate for 24 h only; an older key is taken over by the next delivery of its id,
// and deleted here so the table holds about a day of deliveries.
const DELETE_DELIVERY_KEYS_SQL = `
  DELETE FROM "WebhookDeliveryKey" WHERE ("projectId", "endpointId", "deliveryId") IN (
    SELECT k."projectId", k."endpointId", k."deliveryId" FROM "WebhookDeliveryKey" k
    WHERE k."projectId" = $1::uuid AND k."receivedAt" < $3::timestamptz
    LIMIT $2
  ) RETURNING "deliveryId"`;

/**
 * Deletes finished runs (with their step data), received events and schedule ticks older than each project's retention,
 * project by project, in bounded batches (lib/db/delete-in-batches.ts).
 */
export async function deleteExpiredHistory(options: { now: Date; batchSize?: number }): Promise<{ runs: number; events: number; ticks: number }> {
  const projects = await sql.query<{ id: string; retentionDays: number }>(`SELECT "id", "retentionDays" FROM "Project" ORDER BY "id"`);
  const deleted = { runs: 0, events: 0, ticks: 0 };
  for (const project of projects) {
    const cutoff = new Date(options.now.getTime() - project.retentionDays * 24 * 60 * 60 * 1000);
    deleted.runs += await deleteInBatches(DELETE_RUNS_SQL, project.id, [cutoff], options.batchSize);
    deleted.events += await deleteInBatches(DELETE_EVENTS_SQL, project.id, [cutoff], options.batchSize);
    deleted.ticks += await deleteInBatches(DELETE_TICKS_SQL, project.id, [cutoff], options.batchSize);
    await deleteInBatches(DELETE_DELIVERY_KEYS_SQL, project.id, [new Date(options.now.getTime() - 24 * 60 * 60 * 1000)], options.batchSize);
  }
  return deleted;
}
