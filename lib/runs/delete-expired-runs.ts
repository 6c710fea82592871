import "server-only";
import { db } from "@/lib/db/client";

/** Deletes runs (and, by cascade, their step data) older than each project's retention. */
export async function deleteExpiredRuns(options: { now: Date }): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "Run" r USING "Project" p
    WHERE r."projectId" = p."id"
      AND r."createdAt" < ${options.now}::timestamptz - make_interval(days => p."retentionDays")
      AND r."status" IN ('succeeded', 'failed', 'cancelled')`;
}
