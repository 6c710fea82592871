// Applies prisma/migrations/*/migration.sql in order. `prisma migrate deploy` cannot run offline here,
// so this runner does its job and keeps `_prisma_migrations` exactly as Prisma would (same columns,
// sha256 checksums, same advisory lock key), so Prisma's own tooling agrees wherever it does run.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";

/** Prisma Migrate's advisory lock key, so this runner and Prisma never migrate at the same time. */
const MIGRATION_LOCK_KEY = 72707369;

export type TMigrationResult = { applied: string[]; alreadyApplied: number };

export class MigrationError extends Error {}

export function migrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

/** Each folder of `dir` holding a migration.sql, in name order, with the sha256 of the file (the checksum recorded). */
export function readMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

export async function migrateDatabase(options: {
  databaseUrl: string;
  dir?: string;
  log?: (line: string) => void;
}): Promise<TMigrationResult> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.dir ?? migrationsDir());
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row]));
    for (const migration of migrations) {
      const record = recorded.get(migration.name);
      if (record?.finished_at && record.checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.name} was changed after it was applied (checksum ${record.checksum.slice(0, 12)}… ` +
            `in the database, ${migration.checksum.slice(0, 12)}… on disk). Applied migrations must never be edited: ` +
            "restore the file and put the change in a new migration.",
        );
      }
      if (record && !record.finished_at) {
        throw new MigrationError(
          `Migration ${migration.name} failed earlier and is recorded as unfinished. Repair the database, ` +
            `then delete its row from _prisma_migrations to retry.`,
        );
      }
      if (record) continue;
      await applyMigration(client, migration);
      applied.push(migration.name);
      log(`applied migration ${migration.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
  // graphile-worker keeps its own schema and takes its own lock.
  // Its default logger prints every step; the supervisor prints its own summary.
  // noHandleSignals: otherwise graphile-worker takes over SIGTERM/SIGINT for the whole process.
  await runWorkerMigrations({ connectionString: options.databaseUrl, noHandleSignals: true, logger: new Logger(() => () => {}) });
  await tuneQueueFunctions(options.databaseUrl);
  return { applied, alreadyApplied: migrations.length - applied.length };
}

/**
 * graphile_worker.add_jobs (every dispatch calls it) caches its statements' plans per connection, and a plan
 * made while the jobs table was small joins it by a full scan. When a backlog grows, every enqueue then scans
 * the whole table until autoanalyze runs (up to a minute later, or never within a short burst): measured with
 * 30,000 queued jobs, 6.5–7.4 ms per batch of 50 instead of ~3 ms. Planning each call afresh sees the table's
 * current size. Set after graphile-worker's own migrations, which may recreate the function; re-checked on
 * every start, and only altered when missing.
 */
async function tuneQueueFunctions(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Under the migrations' lock: two processes altering the function at once fail with "tuple concurrently updated".
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const { rows } = await client.query<{ config: string[] | null }>(
      `SELECT p.proconfig AS config FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'graphile_worker' AND p.proname = 'add_jobs'`,
    );
    if (rows.length > 0 && !rows.every((row) => row.config?.includes("plan_cache_mode=force_custom_plan"))) {
      await client.query("ALTER FUNCTION graphile_worker.add_jobs(graphile_worker.job_spec[], boolean) SET plan_cache_mode = force_custom_plan");
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyMigration(
  client: pg.Client,
  migration: { name: string; sql: string; checksum: string },
): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
