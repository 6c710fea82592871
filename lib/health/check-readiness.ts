import "server-only";
import pg from "pg";
import { migrationsDir, readMigrations } from "@/lib/db/migrate";

/**
 * How long readiness waits for the database, for the connection and for its one statement. A probe that
 * hangs for the TCP timeout during an outage would tell the proxy nothing; an answer within this bound says
 * "take me out of rotation".
 */
export const READINESS_DB_TIMEOUT_MS = 2_000;

export type TReadinessCheck = { status: "ok" | "failing" | "skipped"; reason?: string };
export type TMigrationsCheck = TReadinessCheck & { pending?: string[]; changed?: string[] };
export type TReadiness = {
  status: "ready" | "unready";
  checks: { database: TReadinessCheck; migrations: TMigrationsCheck };
};

type TMigrationOnDisk = { name: string; checksum: string };

const globalForReadiness = globalThis as unknown as {
  switchyardReadinessPool?: { url: string; pool: pg.Pool };
  switchyardMigrationsOnDisk?: { dir: string; migrations: TMigrationOnDisk[] };
};

/**
 * Its own one-connection pool, not the app's: the app's pools wait for a connection as long as it takes,
 * and a probe must neither queue behind the app's queries nor leave stuck connection attempts in their pools.
 * Keyed by URL so that a process (or a test) pointed at another database gets a fresh pool.
 */
function readinessPool(databaseUrl: string): pg.Pool {
  const current = globalForReadiness.switchyardReadinessPool;
  if (current?.url === databaseUrl) return current.pool;
  void current?.pool.end().catch(() => {});
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: READINESS_DB_TIMEOUT_MS,
    query_timeout: READINESS_DB_TIMEOUT_MS,
    statement_timeout: READINESS_DB_TIMEOUT_MS,
    application_name: "switchyard-readiness",
  });
  pool.on("error", () => {});
  globalForReadiness.switchyardReadinessPool = { url: databaseUrl, pool };
  return pool;
}

/**
 * The migrations lib/db/migrate.ts applies (each folder of prisma/migrations holding a migration.sql, with the
 * same sha256 checksum), read once per process: the files cannot change under a running process.
 */
function migrationsOnDisk(dir = migrationsDir()): TMigrationOnDisk[] {
  const cached = globalForReadiness.switchyardMigrationsOnDisk;
  if (cached?.dir === dir) return cached.migrations;
  const migrations = readMigrations(dir).map(({ name, checksum }) => ({ name, checksum }));
  globalForReadiness.switchyardMigrationsOnDisk = { dir, migrations };
  return migrations;
}

/** A reason safe to show to anyone who can reach the endpoint: no host names, users or SQL. */
function describeDatabaseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout/i.test(message)) return `no answer within ${READINESS_DB_TIMEOUT_MS} ms`;
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ECONNRESET") return `unreachable (${code})`;
  if (code === "3D000") return "database does not exist";
  if (code === "28P01" || code === "28000") return "authentication failed";
  if (code === "57P03") return "database is starting up";
  return "query failed";
}

/**
 * Ready when the database answers and every migration on disk is recorded as finished (not rolled back) in
 * `_prisma_migrations` with the checksum of the file: the state lib/db/migrate.ts leaves, and the one it
 * refuses to start from otherwise. One statement on one connection.
 */
export async function checkReadiness(options: { databaseUrl?: string; migrationsDir?: string } = {}): Promise<TReadiness> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) return unready({ status: "failing", reason: "DATABASE_URL is not set" }, { status: "skipped" });
  const onDisk = migrationsOnDisk(options.migrationsDir);
  let rows: { migration_name: string; checksum: string }[];
  try {
    const result = await readinessPool(databaseUrl).query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    rows = result.rows;
  } catch (error) {
    // No migrations table: the database answers, nothing was ever migrated.
    if ((error as { code?: string }).code === "42P01") rows = [];
    else return unready({ status: "failing", reason: describeDatabaseError(error) }, { status: "skipped" });
  }
  const recorded = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  const pending = onDisk.filter((migration) => !recorded.has(migration.name)).map((migration) => migration.name);
  const changed = onDisk.filter((migration) => recorded.has(migration.name) && recorded.get(migration.name) !== migration.checksum).map((migration) => migration.name);
  if (pending.length === 0 && changed.length === 0) return { status: "ready", checks: { database: { status: "ok" }, migrations: { status: "ok" } } };
  const reason = [pending.length ? `${pending.length} not applied` : "", changed.length ? `${changed.length} changed since applied` : ""].filter(Boolean).join(", ");
  return unready({ status: "ok" }, { status: "failing", reason, ...(pending.length ? { pending } : {}), ...(changed.length ? { changed } : {}) });
}

function unready(database: TReadinessCheck, migrations: TMigrationsCheck): TReadiness {
  return { status: "unready", checks: { database, migrations } };
}

/** Closes the readiness connection (on shutdown, and in tests). */
export async function closeReadinessPool(): Promise<void> {
  const current = globalForReadiness.switchyardReadinessPool;
  globalForReadiness.switchyardReadinessPool = undefined;
  await current?.pool.end();
}
