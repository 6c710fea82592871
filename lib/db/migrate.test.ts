// The migration runner against real, throwaway databases on the test server: one per test.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationError, migrateDatabase, migrationsDir } from "@/lib/db/migrate";
import { createFreshDatabase } from "@/test/api-helpers";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabase(): Promise<string> {
  const database = await createFreshDatabase();
  cleanups.push(() => database.drop());
  return database.databaseUrl;
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** migration_name → number of finished rows */
async function recordedCounts(databaseUrl: string): Promise<Record<string, number>> {
  const rows = await query<{ migration_name: string; count: string }>(
    databaseUrl,
    `SELECT migration_name, count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY migration_name`,
  );
  return Object.fromEntries(rows.map((row) => [row.migration_name, Number(row.count)]));
}

function repositoryMigrations(): { name: string; checksum: string }[] {
  return fs
    .readdirSync(migrationsDir())
    .filter((name) => fs.existsSync(path.join(migrationsDir(), name, "migration.sql")))
    .sort()
    .map((name) => ({ name, checksum: createHash("sha256").update(fs.readFileSync(path.join(migrationsDir(), name, "migration.sql"))).digest("hex") }));
}

function tempMigrations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-migrations-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const tableExists = async (databaseUrl: string, table: string) =>
  (await query<{ found: string | null }>(databaseUrl, `SELECT to_regclass('public."${table}"')::text AS found`))[0].found !== null;

describe("migrateDatabase", () => {
  it("applies every migration once and records it with the file's sha256", async () => {
    const databaseUrl = await freshDatabase();
    const expected = repositoryMigrations();
    expect(expected.length).toBeGreaterThan(0);

    const first = await migrateDatabase({ databaseUrl });
    expect(first).toEqual({ applied: expected.map((m) => m.name), alreadyApplied: 0 });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      databaseUrl,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }))).toEqual(expected);
    expect(rows.every((row) => row.finished_at !== null && row.applied_steps_count === 1)).toBe(true);
    expect(await tableExists(databaseUrl, "Builder")).toBe(true);

    const second = await migrateDatabase({ databaseUrl });
    expect(second).toEqual({ applied: [], alreadyApplied: expected.length });
    expect(await recordedCounts(databaseUrl)).toEqual(Object.fromEntries(expected.map((m) => [m.name, 1])));
  });

  it("has the queue's add_jobs plan every call afresh, and restores that after the function is recreated", async () => {
    const databaseUrl = await freshDatabase();
    const addJobsConfig = async () =>
      (
        await query<{ config: string[] | null }>(
          databaseUrl,
          `SELECT p.proconfig AS config FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'graphile_worker' AND p.proname = 'add_jobs'`,
        )
      ).map((row) => row.config);
    await migrateDatabase({ databaseUrl });
    expect(await addJobsConfig()).toEqual([["plan_cache_mode=force_custom_plan"]]);

    // As a graphile-worker upgrade would leave it: the same function without the setting.
    await query(databaseUrl, "ALTER FUNCTION graphile_worker.add_jobs(graphile_worker.job_spec[], boolean) RESET ALL");
    expect(await addJobsConfig()).toEqual([null]);
    await migrateDatabase({ databaseUrl });
    expect(await addJobsConfig()).toEqual([["plan_cache_mode=force_custom_plan"]]);
  });

  it("applies each migration exactly once when two runners start together", async () => {
    const databaseUrl = await freshDatabase();
    const dir = tempMigrations({
      "001_first": `CREATE TABLE "first" (id int);`,
      "002_second": `CREATE TABLE "second" (id int); SELECT pg_sleep(0.2);`,
      "003_third": `CREATE TABLE "third" (id int);`,
    });
    const results = await Promise.all([migrateDatabase({ databaseUrl, dir }), migrateDatabase({ databaseUrl, dir })]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(["001_first", "002_second", "003_third"]);
    expect(await recordedCounts(databaseUrl)).toEqual({ "001_first": 1, "002_second": 1, "003_third": 1 });
  });

  it("refuses a migration that was edited after it was applied, naming it", async () => {
    const databaseUrl = await freshDatabase();
    const original = `CREATE TABLE "edited" (id int);`;
    const dir = tempMigrations({ "001_edited": original });
    await migrateDatabase({ databaseUrl, dir });

    const changed = `CREATE TABLE "edited" (id int, extra int);`;
    writeMigration(dir, "001_edited", changed);
    writeMigration(dir, "002_later", `CREATE TABLE "later" (id int);`);
    const run = migrateDatabase({ databaseUrl, dir });
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(
      `Migration 001_edited was changed after it was applied (checksum ${sha256(original).slice(0, 12)}… in the database, ` +
        `${sha256(changed).slice(0, 12)}… on disk). Applied migrations must never be edited: restore the file and put the change in a new migration.`,
    );
    expect(await tableExists(databaseUrl, "later")).toBe(false);
    expect(await recordedCounts(databaseUrl)).toEqual({ "001_edited": 1 });
  });

  it("rolls back a failing migration entirely and throws", async () => {
    const databaseUrl = await freshDatabase();
    const dir = tempMigrations({
      "001_ok": `CREATE TABLE "ok_table" (id int);`,
      "002_bad": `CREATE TABLE "half_applied" (id int);\nINSERT INTO "ok_table" VALUES (1);\nSELECT 1 / 0;`,
      "003_after": `CREATE TABLE "after_bad" (id int);`,
    });
    const run = migrateDatabase({ databaseUrl, dir });
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow("Migration 002_bad failed and was rolled back: division by zero");
    expect(await tableExists(databaseUrl, "half_applied")).toBe(false);
    expect(await tableExists(databaseUrl, "after_bad")).toBe(false);
    expect(await query(databaseUrl, `SELECT * FROM "ok_table"`)).toEqual([]);
    expect(await recordedCounts(databaseUrl)).toEqual({ "001_ok": 1 });
    expect(await query(databaseUrl, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '002_bad'`)).toEqual([]);

    writeMigration(dir, "002_bad", `CREATE TABLE "half_applied" (id int);`);
    expect(await migrateDatabase({ databaseUrl, dir })).toEqual({ applied: ["002_bad", "003_after"], alreadyApplied: 1 });
  });

  it("applies each migration exactly once when two `db:migrate` processes run together", async () => {
    const databaseUrl = await freshDatabase();
    const runScript = () =>
      new Promise<{ code: number | null; output: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/migrate.ts"], {
          cwd: process.cwd(),
          env: { ...process.env, DATABASE_URL: databaseUrl },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("error", reject);
        child.on("exit", (code) => resolve({ code, output }));
      });
    const runs = await Promise.all([runScript(), runScript()]);
    for (const run of runs) expect(run.code, run.output).toBe(0);

    const expected = repositoryMigrations();
    expect(await recordedCounts(databaseUrl)).toEqual(Object.fromEntries(expected.map((m) => [m.name, 1])));
    const summaries = runs.map((run) => /(\d+) applied, (\d+) already applied/.exec(run.output)?.slice(1).map(Number));
    expect(summaries.map((s) => s?.[0]).reduce((a = 0, b = 0) => a + b, 0)).toBe(expected.length);
  }, 120_000);
});
