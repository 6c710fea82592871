// One real embedded PostgreSQL for the whole test run, migrated once. Tests isolate their data by
// creating their own builders and projects, never by truncating.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-test-"));
  fs.chmodSync(dataDir, 0o755);
  const db = await startEmbeddedDatabase({ dataDir });
  await migrateDatabase({ databaseUrl: db.databaseUrl });
  project.provide("databaseUrl", db.databaseUrl);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
