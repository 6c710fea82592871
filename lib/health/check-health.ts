import "server-only";
import { db } from "@/lib/db/client";
import { HEARTBEAT_INTERVAL_MS } from "@/lib/jobs/heartbeat";

export type THealth = { status: "ok" | "unavailable"; db: "ok" | "down"; worker: "ok" | "down" };

/** Ready when the database answers and some worker has beaten within three heartbeat intervals. */
export async function checkHealth(): Promise<THealth> {
  try {
    // The database's clock wrote the beats, so it judges them too.
    const [{ alive }] = await db.$queryRaw<{ alive: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "WorkerHeartbeat" WHERE "beatAt" >= now() - make_interval(secs => ${(3 * HEARTBEAT_INTERVAL_MS) / 1000})) AS "alive"`;
    const worker = alive ? "ok" : "down";
    return { status: worker === "ok" ? "ok" : "unavailable", db: "ok", worker };
  } catch {
    return { status: "unavailable", db: "down", worker: "down" };
  }
}
