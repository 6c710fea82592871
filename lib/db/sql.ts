// Raw SQL on the pg driver, for the hot paths (event ingestion, dispatch, run execution). Measured here,
// a Prisma query costs ~1-1.8 ms where the same statement through pg costs ~0.25 ms; everything else
// uses the Prisma client.
import pg from "pg";
import { queryPrepared } from "./prepared";
import type { TransactionClient } from "./transaction-client";

export type TSql = { query: <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]> };

/**
 * Pools keep their idle connections (the pool's size bounds them). pg-pool reuses the most recently used
 * connection and closed the others after 10 s idle, so every burst after a quiet spell opened new ones, and
 * a new connection costs both sides a SCRAM handshake plus a forked PostgreSQL backend: ~70 ms of CPU,
 * measured under load, which is more than a hundred runs' worth of statements.
 */
export const KEEP_IDLE_CONNECTIONS = 0;

/**
 * Connection options of the raw-SQL pools. Their statements are prepared (see prepared.ts), and with the
 * default plan_cache_mode PostgreSQL still plans each one afresh for its first five executions on every
 * connection: measured during bench:engine's drain, planning the claim statement that way cost more CPU
 * than executing it. The hot statements look rows up by key, so the generic plan is the right one anyway.
 */
export const RAW_SQL_CONNECTION_OPTIONS = "-c plan_cache_mode=force_generic_plan";

/**
 * A project check for a row found by its key, written so that the planner cannot make it an index
 * condition (it compares as text). With a generic plan made while a table was small or its statistics
 * stale, the planner rated a ("projectId", …) index as cheap as the primary key and walked all of a
 * project's rows to find one: measured in bench:engine's drain, one run's finish read 1,039 buffers and
 * took 7 ms instead of 11 buffers and 0.1 ms.
 */
export const sameProjectSql = (column: string, projectId: string) => `${column}::text = ${projectId}::text`;

const globalForSql = globalThis as unknown as { switchyardSqlPool?: pg.Pool };

export function sqlPool(): pg.Pool {
  if (!globalForSql.switchyardSqlPool) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20), idleTimeoutMillis: KEEP_IDLE_CONNECTIONS, options: RAW_SQL_CONNECTION_OPTIONS });
    // An idle connection the server closed (a restart, a failover) must not crash the process; the
    // pool drops it and the next query opens a new one.
    pool.on("error", (error) => console.error(`[switchyard] idle database connection lost: ${error.message}`));
    globalForSql.switchyardSqlPool = pool;
  }
  return globalForSql.switchyardSqlPool;
}

/**
 * Opens `count` of the pool's connections now, so that the first statements after a process starts do not
 * each pay for a connection's handshake (SCRAM plus a forked PostgreSQL backend).
 */
export async function openSqlConnections(count: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: Math.min(count, sqlPool().options.max) }, () => sqlPool().connect()));
  for (const client of clients) client.release();
}

export const sql: TSql = {
  query: <T,>(text: string, values: unknown[] = []) => queryPrepared<T>(sqlPool(), text, values),
};

/** Runs `fn` in one transaction on one pooled connection: all of it commits, or none of it. */
export async function sqlTransaction<T>(fn: (tx: TSql) => Promise<T>): Promise<T> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn({ query: <R,>(text: string, values: unknown[] = []) => queryPrepared<R>(client, text, values) });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The same SQL inside a caller's Prisma transaction, for callers that hold one. */
export function toSql(tx: TSql | Pick<TransactionClient, "$queryRawUnsafe">): TSql {
  if ("query" in tx) return tx;
  return { query: <T,>(text: string, values: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...values) };
}

export async function closeSqlPool(): Promise<void> {
  await globalForSql.switchyardSqlPool?.end();
  globalForSql.switchyardSqlPool = undefined;
}
