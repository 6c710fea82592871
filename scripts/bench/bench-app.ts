// What the HTTP benchmarks share: `npm start` (production build, web + one worker, embedded PostgreSQL) on a
// fresh DATA_DIR with the demo project's token and API key, its processes' pids, and the CPU each of them spends
// per request, since other work on the machine moves rates a lot and CPU per request hardly at all.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readRuntimeInfo } from "@/lib/config/runtime";

export type TBenchApp = {
  base: string;
  dataDir: string;
  demo: { projectId: string; userId: string; token: string; apiKey: string };
  databaseUrl: string;
  processes: { web: number; worker: number; postgres: number };
  stop: () => Promise<void>;
};

export async function startBenchApp(options: { label: string; port: number }): Promise<TBenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-bench-${options.label}-`));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(options.port), HOST: "127.0.0.1" };
  const app: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  const stop = async () => {
    app.kill("SIGTERM");
    await new Promise((resolve) => (app.exitCode !== null ? resolve(null) : app.once("exit", resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      app.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready at")) resolve();
      });
      app.once("exit", () => reject(new Error("the app exited before it was ready")));
    });
    const demo = JSON.parse(
      await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/demo-token.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (chunk) => (out += chunk));
        child.on("exit", () => resolve(out));
      }),
    ) as TBenchApp["demo"];
    const runtime = readRuntimeInfo(dataDir);
    const workerPid = runtime?.childPids?.find((pid) => commandLine(pid).includes("scripts/worker.ts"));
    const webPid = runtime?.childPids?.find((pid) => pid !== workerPid);
    if (!workerPid || !webPid || !runtime?.embeddedPostgresPid) throw new Error("could not find the web, worker and database processes of this start");
    return {
      base: `http://127.0.0.1:${options.port}`,
      dataDir,
      demo,
      databaseUrl: runtime.databaseUrl,
      processes: { web: webPid, worker: workerPid, postgres: runtime.embeddedPostgresPid },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/**
 * CPU seconds (user + system) used so far by `root` and every process below it, from /proc, including the
 * processes that ended and were reaped by one of them (PostgreSQL backends of closed connections).
 */
function treeCpuSeconds(root: number): number {
  const stats = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        // Fields after the parenthesised command name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").pop()!.split(" ");
        const ticks = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks }];
      } catch {
        return [];
      }
    });
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const stat of stats) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  // Linux reports these in clock ticks of 1/100 s.
  return stats.filter((stat) => inTree.has(stat.pid)).reduce((sum, stat) => sum + stat.ticks, 0) / 100;
}

/**
 * Where the CPU went during `measure`, in ms per successful request: the web server, the worker, PostgreSQL
 * and the load generator (this process).
 */
export async function withCpuPerRequest<T extends { ok: number }>(processes: Record<string, number>, measure: () => Promise<T>): Promise<T & { cpuMsPerRequest: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, treeCpuSeconds(pid)]));
  const generatorBefore = process.cpuUsage();
  const result = await measure();
  const generator = process.cpuUsage(generatorBefore);
  const perRequest = (seconds: number) => Number(((seconds * 1000) / Math.max(1, result.ok)).toFixed(3));
  const cpuMsPerRequest = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, perRequest(treeCpuSeconds(pid) - before[name])]));
  cpuMsPerRequest.generator = perRequest((generator.user + generator.system) / 1e6);
  return { ...result, cpuMsPerRequest };
}

export function machine(): Record<string, unknown> {
  return { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, runtime: "npm start (web + 1 worker, embedded PostgreSQL)" };
}
