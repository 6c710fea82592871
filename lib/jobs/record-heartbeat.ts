import "server-only";
import os from "node:os";
import { sql } from "@/lib/db/sql";

/**
 * Records that worker `id` is alive, with the ids graphile-worker marks its jobs with. The time is the
 * database's own (now()), the clock every reaper compares with, so a worker whose clock is off is never taken
 * for dead. A worker reaped while alive (it stalled, or was cut off) comes back here; its runs were fenced off
 * meanwhile (lib/runs/run-claims.ts).
 */
export async function recordHeartbeat(options: { id: string; jobWorkerIds: string[] }): Promise<void> {
  await sql.query(
    `INSERT INTO "WorkerHeartbeat" ("id", "hostname", "pid", "jobWorkerIds", "startedAt", "beatAt")
     VALUES ($1, $2, $3, $4::text[], now(), now())
     ON CONFLICT ("id") DO UPDATE SET "beatAt" = now(), "jobWorkerIds" = EXCLUDED."jobWorkerIds"`,
    [options.id, os.hostname(), process.pid, options.jobWorkerIds],
  );
}

export async function removeHeartbeat(id: string): Promise<void> {
  await sql.query(`DELETE FROM "WorkerHeartbeat" WHERE "id" = $1`, [id]);
}
