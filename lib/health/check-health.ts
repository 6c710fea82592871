import "server-only";
import { db } from "@/lib/db/client";
import { HEARTBEAT_INTERVAL_MS } from "@/lib/jobs/heartbeat";

export type THealth = { status: "ok" | "unavailable"; db: "ok" | "down"; worker: "ok" | "down" };

/** Ready when the database answers and some worker has beaten within three heartbeat intervals. */
export async function checkHealth(): Promise<THealth> {
  try {
    const since = new Date(Date.now() - 3 * HEARTBEAT_INTERVAL_MS);
    const alive = await db.workerHeartbeat.count({ where: { beatAt: { gte: since } } });
    const worker = alive > 0 ? "ok" : "down";
    return { status: worker === "ok" ? "ok" : "unavailable", db: "ok", worker };
  } catch {
    return { status: "unavailable", db: "down", worker: "down" };
  }
}
