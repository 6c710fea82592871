import "server-only";
import pg from "pg";
import { queryPrepared } from "@/lib/db/prepared";
import { KEEP_IDLE_CONNECTIONS, RAW_SQL_CONNECTION_OPTIONS, type TSql } from "@/lib/db/sql";

// A run executes on one connection of its own, held for the whole execution, and every statement of the
// execution goes through it. Its project concurrency slot is a session advisory lock on that connection:
// taken inside the statement that marks the run running and freed inside the statement that finishes it,
// so the slot costs no round trip of its own. A worker that dies drops its connections, and PostgreSQL
// frees its slots with them.
let pool: pg.Pool | undefined;

function runConnectionPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.WORKER_CONCURRENCY ?? 10) + 2, idleTimeoutMillis: KEEP_IDLE_CONNECTIONS, options: RAW_SQL_CONNECTION_OPTIONS });
    // A lost idle connection held no slot worth keeping; never let it crash the worker.
    pool.on("error", (error) => console.error(`[worker] idle run connection lost: ${error.message}`));
  }
  return pool;
}

export type TRunConnection = TSql & {
  /** Back to the pool; with an error the connection is closed instead, which frees any slot it holds. */
  release: (error?: Error) => void;
};

/**
 * Opens every connection of the pool now and runs `prepare` on each, so that the first runs after a worker
 * starts do not each pay for a connection's handshake (SCRAM plus a forked PostgreSQL backend) and for
 * planning the engine's statements on it, on top of their own work.
 */
export async function warmRunConnections(prepare: (connection: TSql) => Promise<void>): Promise<void> {
  const pool = runConnectionPool();
  const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
  try {
    await Promise.all(clients.map((client) => prepare({ query: <T,>(text: string, values: unknown[] = []) => queryPrepared<T>(client, text, values) })));
  } finally {
    for (const client of clients) client.release();
  }
}

export async function openRunConnection(): Promise<TRunConnection> {
  const client = await runConnectionPool().connect();
  let released = false;
  return {
    query: <T,>(text: string, values: unknown[] = []) => queryPrepared<T>(client, text, values),
    release: (error) => {
      if (released) return;
      released = true;
      client.release(error ?? false);
    },
  };
}

/** SQL that takes one of the project's slots (the slot's number) or yields NULL when all are busy. */
export const trySlotSql = (projectId: string, limit: string) => `switchyard_try_run_slot('run-slot:' || ${projectId}::text, ${limit})`;

/** SQL that frees a slot taken with trySlotSql on the same connection. */
export const releaseSlotSql = (projectId: string, slot: string) => `pg_advisory_unlock(hashtext('run-slot:' || ${projectId}::text), ${slot})`;

export async function closeRunSlots(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
