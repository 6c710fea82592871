// Authors migration SQL offline: `npm run db:diff -- <name>` diffs prisma/schema.prisma against the
// snapshot kept beside the latest migration and writes prisma/migrations/<timestamp>_<name>/. Prisma's
// adapter mode only diffs datamodels, and it still wants a database to connect to, so a throwaway
// embedded PostgreSQL is started for it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrationsDir } from "@/lib/db/migrate";

const SNAPSHOT = "schema.prisma";

function latestSnapshot(): string | null {
  const dirs = fs.existsSync(migrationsDir()) ? fs.readdirSync(migrationsDir()).sort().reverse() : [];
  for (const dir of dirs) {
    const file = path.join(migrationsDir(), dir, SNAPSHOT);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:diff -- <snake_case_name>");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-diff-"));
  fs.chmodSync(dataDir, 0o755);
  const db = await startEmbeddedDatabase({ dataDir });
  try {
    const from = latestSnapshot();
    const engine = path.resolve("package.json");
    const sql = execFileSync(
      "npx",
      [
        "prisma", "migrate", "diff",
        ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
        "--to-schema-datamodel", "prisma/schema.prisma", "--script",
      ],
      {
        env: { ...process.env, DATABASE_URL: db.databaseUrl, PRISMA_SCHEMA_ENGINE_BINARY: engine, PRISMA_QUERY_ENGINE_LIBRARY: engine },
        encoding: "utf8",
      },
    );
    if (!sql.trim() || sql.includes("This is an empty migration")) {
      console.log("schema.prisma matches the latest migration; nothing to write");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir(), `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.copyFileSync("prisma/schema.prisma", path.join(dir, SNAPSHOT));
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
