// Where local state lives and how processes started by `npm start` find each other. Shared by the
// supervisor, the worker, the CLI scripts and the test setup, so it imports nothing server-only.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type TRuntimeInfo = {
  databaseUrl: string;
  embeddedPostgresPid?: number;
  supervisorPid: number;
  /** The web and worker processes of that start, stopped by the next start if their supervisor died. */
  childPids?: number[];
  appUrl: string;
  startedAt: string;
};

export function resolveDataDir(): string {
  return path.resolve(process.env.DATA_DIR || ".data");
}

function runtimeFile(dataDir: string): string {
  return path.join(dataDir, "runtime.json");
}

export function writeRuntimeInfo(dataDir: string, info: TRuntimeInfo): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(runtimeFile(dataDir), JSON.stringify(info, null, 2), { mode: 0o600 });
}

export function readRuntimeInfo(dataDir: string): TRuntimeInfo | null {
  try {
    return JSON.parse(fs.readFileSync(runtimeFile(dataDir), "utf8")) as TRuntimeInfo;
  } catch {
    return null;
  }
}

export function removeRuntimeInfo(dataDir: string): void {
  fs.rmSync(runtimeFile(dataDir), { force: true });
}

/** The database a CLI script should use: DATABASE_URL, or the one a running `npm start` recorded. */
export function resolveDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const info = readRuntimeInfo(resolveDataDir());
  if (info && isProcessAlive(info.supervisorPid)) return info.databaseUrl;
  throw new Error(
    `No database: DATABASE_URL is unset and no running Switchyard was found in ${resolveDataDir()}. ` +
      "Start the app with `npm start` (same DATA_DIR) or set DATABASE_URL.",
  );
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The secret that signs builder sessions and encrypts stored secrets. AUTH_SECRET wins; otherwise a
 * random one is created once in DATA_DIR so a single-machine install works without configuration.
 */
export function resolveAuthSecret(dataDir: string): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}
