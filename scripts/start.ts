// `npm start` (production) and `npm run dev`: embedded PostgreSQL unless DATABASE_URL is set, migrations,
// the demo on a fresh database, then the web server and one worker, all stopped together on Ctrl-C/SIGTERM.
import path from "node:path";
import { isProcessAlive, readRuntimeInfo, removeRuntimeInfo, resolveAuthSecret, resolveDataDir, writeRuntimeInfo } from "@/lib/config/runtime";
import { disconnectDb } from "@/lib/db/client";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoIfFresh } from "@/lib/demo/seed-demo";
import { buildIfStale } from "./lib/build-if-stale";
import { startChild, stopChildren, stopOrphans, type TChild, waitForHealth } from "./lib/supervise";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[switchyard] ${line}`);

const dataDir = resolveDataDir();
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
// Only shown to the person starting it. AUTH_URL is not derived from it: Auth.js (trustHost) then takes the origin
// from each request, so signing in works at http://localhost:3000 and at http://127.0.0.1:3000 alike; a fixed
// default put the session cookie on the other host, and sign-in at the README's URL silently failed.
const loopback = host === "127.0.0.1" || host === "0.0.0.0" || host === "localhost" || host === "::1";
const appUrl = process.env.AUTH_URL ?? `http://${loopback ? "localhost" : host}:${port}`;

let embedded: TEmbeddedDatabase | null = null;
const children: TChild[] = [];
const abort = new AbortController();

/** Brings everything up, step by step; each step first checks that no stop was requested meanwhile. */
async function startUp(): Promise<void> {
  const previous = readRuntimeInfo(dataDir);
  if (previous && isProcessAlive(previous.supervisorPid)) {
    throw new Error(`Switchyard is already running from ${dataDir} (pid ${previous.supervisorPid}). Stop it or use another DATA_DIR.`);
  }
  if (previous?.childPids?.length) await stopOrphans(previous.childPids, log);

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log(`starting embedded PostgreSQL in ${path.join(dataDir, "postgres")}`);
    embedded = await startEmbeddedDatabase({ dataDir, log });
    databaseUrl = embedded.databaseUrl;
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET = resolveAuthSecret(dataDir);
  if (abort.signal.aborted) return;

  const migrated = await migrateDatabase({ databaseUrl, log });
  log(`database ready (${migrated.applied.length} migration(s) applied, ${migrated.alreadyApplied} already in place)`);
  const demo = await seedDemoIfFresh();
  await disconnectDb();
  if (demo) log("created a demo builder and project for this fresh database; its sign-in is printed once the app is ready");
  const runtime = { databaseUrl, embeddedPostgresPid: embedded?.pid, supervisorPid: process.pid, appUrl, startedAt: new Date().toISOString() };
  writeRuntimeInfo(dataDir, runtime);
  if (abort.signal.aborted) return;

  if (!dev) await buildIfStale({ log, signal: abort.signal });
  if (abort.signal.aborted) return;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    SWITCHYARD_SUPERVISOR_PID: String(process.pid),
  };
  // A larger young generation: request handling allocates a lot of short-lived objects, and the default
  // 16 MiB semi-space made the web process spend ~12% more CPU per ingested event (bench:events).
  const webEnv = { ...env, NODE_OPTIONS: [process.env.NODE_OPTIONS, "--max-semi-space-size=64"].filter(Boolean).join(" ") };
  // Production runs scripts/web.ts: Next behind our own listener, which serves event ingestion without Next's
  // request pipeline. NODE_ENV=production, as `next start` would set it.
  const web = dev
    ? [require.resolve("next/dist/bin/next"), "dev", "-p", String(port), "-H", host]
    : ["--conditions=react-server", "--import", "tsx", "scripts/web.ts"];
  children.push(startChild("web", web, dev ? webEnv : { ...webEnv, NODE_ENV: "production", HOST: host }));
  children.push(startChild("worker", ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], env));
  writeRuntimeInfo(dataDir, { ...runtime, childPids: children.flatMap((child) => child.process.pid ?? []) });
  for (const child of children) {
    child.process.once("exit", (code, signal) => {
      if (abort.signal.aborted) return;
      log(`${child.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    });
  }

  if (!(await waitForHealth(`http://127.0.0.1:${port}/api/health`, dev ? 180_000 : 90_000, abort.signal))) {
    if (!abort.signal.aborted) throw new Error("the app did not become healthy in time; see the output above");
    return;
  }
  log(`ready at ${appUrl}`);
  if (demo) {
    // Printed after the build's output, not before it, so it is the last thing on the screen; shown only this once.
    const lines = [`Sign in at ${appUrl}/sign-in`, `  email     ${demo.email}`, `  password  ${demo.password}`, "The password is shown only now.", "Try the API: npm run --silent demo:token"];
    const width = Math.max(...lines.map((line) => line.length));
    log(`┌${"─".repeat(width + 2)}┐`);
    for (const line of lines) log(`│ ${line.padEnd(width)} │`);
    log(`└${"─".repeat(width + 2)}┘`);
  }
}

const startup = startUp();

/** Stops in order: wait for the start-up step in flight, then web and worker, then the database. */
async function shutdown(code: number): Promise<void> {
  if (abort.signal.aborted) return;
  abort.abort();
  log("stopping…");
  await startup.catch(() => {});
  await stopChildren(children);
  await disconnectDb().catch(() => {});
  await embedded?.stop().catch((error: unknown) => log(`could not stop PostgreSQL: ${(error as Error).message}`));
  removeRuntimeInfo(dataDir);
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
startup.catch((error: unknown) => {
  console.error(`[switchyard] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
