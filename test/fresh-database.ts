// Throwaway databases on the test run's PostgreSQL server, for tests that need a database to themselves.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { disconnectDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

/** A new database on the test server, optionally migrated. Drop it when done. */
export async function createFreshDatabase(options: { migrate?: boolean } = {}) {
  const base = process.env.DATABASE_URL as string;
  const name = `sy_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  if (options.migrate) await migrateDatabase({ databaseUrl });
  return {
    name,
    databaseUrl,
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Points this test process's database clients at another database. */
export async function useDatabase(databaseUrl: string): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
}
