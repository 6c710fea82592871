// /api/ready on the real PostgreSQL: ready on a migrated database; unready, naming what fails, when a migration
// is missing from _prisma_migrations (in a database of its own) or when the database cannot be reached.
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { findFreePort } from "@/lib/db/embedded";
import { closeReadinessPool, READINESS_DB_TIMEOUT_MS } from "@/lib/health/check-readiness";
import { createFreshDatabase, useDatabase } from "@/test/fresh-database";

const sharedUrl = process.env.DATABASE_URL as string;

async function check() {
  const response = await ready();
  return {
    status: response.status,
    body: await response.json(),
    retryAfter: response.headers.get("retry-after"),
    cacheControl: response.headers.get("cache-control"),
  };
}

afterAll(async () => {
  await closeReadinessPool();
  await useDatabase(sharedUrl);
});

describe("GET /api/ready on a migrated database", () => {
  it("answers 200 ready with every check ok and no Retry-After", async () => {
    expect(await check()).toEqual({
      status: 200,
      body: { status: "ready", checks: { database: { status: "ok" }, migrations: { status: "ok" } } },
      retryAfter: null,
      cacheControl: "no-store",
    });
  });
});

describe.sequential("GET /api/ready with a migration missing from _prisma_migrations", () => {
  let database: Awaited<ReturnType<typeof createFreshDatabase>>;
  beforeAll(async () => {
    database = await createFreshDatabase({ migrate: true });
    await useDatabase(database.databaseUrl);
  });
  afterAll(async () => {
    await closeReadinessPool();
    await useDatabase(sharedUrl);
    await database.drop();
  });

  it("answers 503 naming the migration, with Retry-After", async () => {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      `DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations") RETURNING migration_name`,
    );
    await client.end();
    expect(rows).toHaveLength(1);
    expect(await check()).toEqual({
      status: 503,
      body: {
        status: "unready",
        checks: { database: { status: "ok" }, migrations: { status: "failing", reason: "1 not applied", pending: [rows[0].migration_name] } },
      },
      retryAfter: "5",
      cacheControl: "no-store",
    });
  });

  it("answers 503 naming a migration recorded as unfinished, and one whose file changed after it was applied", async () => {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name LIMIT 2`);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [rows[0].migration_name]);
    await client.query(`UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = $1`, [rows[1].migration_name]);
    await client.end();
    const { status, body } = await check();
    expect(status).toBe(503);
    expect(body.checks.migrations.pending).toContain(rows[0].migration_name);
    expect(body.checks.migrations.changed).toEqual([rows[1].migration_name]);
  });

  it("answers 503 with every migration pending on a database that was never migrated", async () => {
    const empty = await createFreshDatabase();
    try {
      await useDatabase(empty.databaseUrl);
      const { status, body } = await check();
      expect(status).toBe(503);
      expect(body.checks.database).toEqual({ status: "ok" });
      expect(body.checks.migrations.pending.length).toBeGreaterThan(10);
    } finally {
      await closeReadinessPool();
      await useDatabase(database.databaseUrl);
      await empty.drop();
    }
  });
});

describe.sequential("GET /api/ready when the database cannot be reached", () => {
  afterAll(async () => {
    await closeReadinessPool();
    await useDatabase(sharedUrl);
  });

  it("answers 503 at once when nothing listens on the port", async () => {
    await useDatabase(`postgresql://switchyard:switchyard@127.0.0.1:${await findFreePort()}/switchyard`);
    expect(await check()).toEqual({
      status: 503,
      body: { status: "unready", checks: { database: { status: "failing", reason: "unreachable (ECONNREFUSED)" }, migrations: { status: "skipped" } } },
      retryAfter: "5",
      cacheControl: "no-store",
    });
  });

  it("answers 503 within its timeout when the server accepts the connection and never replies", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await useDatabase(`postgresql://switchyard:switchyard@127.0.0.1:${port}/switchyard`);
      const started = performance.now();
      const result = await check();
      // Bounds the wait (the point of the timeout), not a performance figure: without it this hangs until the test times out.
      expect(performance.now() - started).toBeLessThan(READINESS_DB_TIMEOUT_MS + 3_000);
      expect(result.status).toBe(503);
      expect(result.body.checks.database).toEqual({ status: "failing", reason: `no answer within ${READINESS_DB_TIMEOUT_MS} ms` });
      expect(result.retryAfter).toBe("5");
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
