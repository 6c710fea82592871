import "server-only";
import { db } from "@/lib/db/client";

/**
 * graphile-worker keeps a job locked for hours when its worker dies. A process that stopped beating is
 * dead for our purposes: unlock its jobs so another worker picks them up now, and forget it. SKIP LOCKED
 * lets every worker run this without two of them reaping the same process. Staleness is judged by the
 * database's clock, which also wrote the beats; a worker never reaps itself, whatever its last beat says.
 * Reaping a worker that is in fact alive is harmless: the runs it executes are fenced by their leases.
 */
export async function reapDeadWorkers(options: { staleAfterMs: number; self: string }): Promise<number> {
  return db.$transaction(async (tx) => {
    const dead = await tx.$queryRaw<{ id: string; jobWorkerIds: string[] }[]>`
      SELECT "id", "jobWorkerIds" FROM "WorkerHeartbeat"
      WHERE "beatAt" < now() - make_interval(secs => ${options.staleAfterMs / 1000}) AND "id" <> ${options.self}
      FOR UPDATE SKIP LOCKED`;
    if (dead.length === 0) return 0;
    const workerIds = dead.flatMap((row) => row.jobWorkerIds);
    if (workerIds.length > 0) await tx.$executeRaw`SELECT graphile_worker.force_unlock_workers(${workerIds}::text[])`;
    await tx.workerHeartbeat.deleteMany({ where: { id: { in: dead.map((row) => row.id) } } });
    return dead.length;
  });
}
