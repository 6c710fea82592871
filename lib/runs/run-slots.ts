import "server-only";
import pg from "pg";

// Slots are session advisory locks, so they live on connections of their own, held while a run executes.
// A worker that dies drops its connections, and PostgreSQL frees its slots with them.
let pool: pg.Pool | undefined;

function slotPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.WORKER_CONCURRENCY ?? 10) + 2 });
    // A lost idle connection held no slot worth keeping; never let it crash the worker.
    pool.on("error", (error) => console.error(`[worker] idle slot connection lost: ${error.message}`));
  }
  return pool;
}

export type TRunSlot = { release: () => Promise<void> };

/** Takes one of the project's `limit` execution slots, or returns null when all are busy. */
export async function acquireRunSlot(projectId: string, limit: number): Promise<TRunSlot | null> {
  const client = await slotPool().connect();
  const key = `run-slot:${projectId}`;
  try {
    const { rows } = await client.query<{ slot: number | null }>("SELECT switchyard_try_run_slot($1, $2) AS slot", [key, limit]);
    const slot = rows[0].slot;
    if (slot === null) {
      client.release();
      return null;
    }
    return {
      release: async () => {
        try {
          await client.query("SELECT pg_advisory_unlock(hashtext($1), $2)", [key, slot]);
          client.release();
        } catch (error) {
          // A connection that cannot unlock is closed, which frees the lock anyway.
          client.release(error as Error);
        }
      },
    };
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}

export async function closeRunSlots(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
