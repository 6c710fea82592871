// The delivery statement is prepared once per connection with a generic plan (lib/db/sql.ts), made while the
// tables may be empty. That plan must still find keys, provider ids and users by their keys: a scan of the
// project's rows of any of them would grow with every delivery and user.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RAW_SQL_CONNECTION_OPTIONS } from "@/lib/db/sql";
import { WRITE_DELIVERIES_SQL } from "@/lib/webhooks/write-deliveries";
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

it("looks up delivery keys, provider ids and users by their keys, and scans none of those tables", async () => {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (GENERIC_PLAN, COSTS OFF) ${WRITE_DELIVERIES_SQL}`);
  const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
  expect(plan).toMatch(/Index (Only )?Scan using "?WebhookDeliveryKey_pkey"?/);
  expect(plan).toMatch(/Index (Only )?Scan using "?ConnectedUserProviderId_pkey"?/);
  expect(plan).toMatch(/Index (Only )?Scan using "?ConnectedUser_pkey"?/);
  expect(plan).not.toMatch(/Seq Scan on "?(WebhookDeliveryKey|ConnectedUserProviderId|ConnectedUser)"?\b/);
});
