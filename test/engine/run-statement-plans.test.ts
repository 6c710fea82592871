// The engine's run statements are prepared once per connection with generic plans (lib/db/sql.ts), so a
// plan made while the tables are empty, as on a fresh install, serves every later run on that connection.
// Such a plan must still find a run by its primary key: one that walked a ("projectId", …) index instead
// read every run of the project for each statement (bench:engine: 1,039 buffers, 7 ms, for one finish).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RAW_SQL_CONNECTION_OPTIONS } from "@/lib/db/sql";
import { RUN_LOOKUP_STATEMENTS } from "@/lib/runs/advance-run";
import { createFreshDatabase } from "@/test/fresh-database";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  database = await createFreshDatabase({ migrate: true });
  client = new pg.Client({ connectionString: database.databaseUrl, options: RAW_SQL_CONNECTION_OPTIONS });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/** The indexes a statement's generic plan scans, as EXPLAIN names them. */
async function indexesScanned(statement: string): Promise<string[]> {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (GENERIC_PLAN, COSTS OFF) ${statement}`);
  return rows.flatMap((row) => [...row["QUERY PLAN"].matchAll(/Index (?:Only )?Scan using "?([\w]+)"?/g)].map((match) => match[1]));
}

describe("the engine's run statements, planned on empty tables", () => {
  it.each(Object.entries(RUN_LOOKUP_STATEMENTS))("%s finds runs by primary key only", async (_name, statement) => {
    const scanned = await indexesScanned(statement);
    expect(scanned).toContain("Run_pkey");
    expect(scanned.filter((index) => index.startsWith("Run_") && index !== "Run_pkey")).toEqual([]);
  });

  it("claim joins the run's user and activation by their keys", async () => {
    const scanned = await indexesScanned(RUN_LOOKUP_STATEMENTS.claim);
    expect(scanned).toContain("ConnectedUser_pkey");
    expect(scanned).toContain("WorkflowActivation_pkey");
  });
});
