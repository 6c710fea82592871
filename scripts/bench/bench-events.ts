// `npm run bench:events`: accepted App Events per second and latency on the production build, 50
// connections, each request a valid signed event of the demo project that starts one run; and the same
// load tool's figure for GET /api/health in the same run, the framework's own ceiling here. Events are
// measured twice: with the worker executing the runs (it competes for the same cores), and with the
// worker paused (SIGSTOP), which is what ingestion alone can take. Each figure carries the load average and
// the CPU each process spent per request, since other work on the machine moves the rates a lot.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readRuntimeInfo } from "@/lib/config/runtime";
import { measureCpuBoundRuns } from "./cpu-step-phase";
import { runLoad } from "./load";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3310);
const CPU_RUNS = Number(process.env.BENCH_CPU_RUNS ?? 300);

const print = (figure: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: "events", ...figure, loadavg: os.loadavg().map((load) => Number(load.toFixed(2))) }));

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
 * and the load generator (this process). Unlike requests per second, this hardly depends on what else the
 * machine is running at the time.
 */
async function withCpuPerRequest<T extends { ok: number }>(processes: Record<string, number>, measure: () => Promise<T>): Promise<T & { cpuMsPerRequest: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, treeCpuSeconds(pid)]));
  const generatorBefore = process.cpuUsage();
  const result = await measure();
  const generator = process.cpuUsage(generatorBefore);
  const perRequest = (seconds: number) => Number(((seconds * 1000) / Math.max(1, result.ok)).toFixed(3));
  const cpuMsPerRequest = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, perRequest(treeCpuSeconds(pid) - before[name])]));
  cpuMsPerRequest.generator = perRequest((generator.user + generator.system) / 1e6);
  return { ...result, cpuMsPerRequest };
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-events-"));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: "127.0.0.1" };
  const app: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  let pausedWorker: number | undefined;
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
    ) as { projectId: string; token: string; apiKey: string };
    const runtime = readRuntimeInfo(dataDir);
    const workerPid = runtime?.childPids?.find((pid) => commandLine(pid).includes("scripts/worker.ts"));
    const webPid = runtime?.childPids?.find((pid) => pid !== workerPid);
    if (!workerPid || !webPid || !runtime?.embeddedPostgresPid) throw new Error("could not find the web, worker and database processes of this start");
    const processes = { web: webPid, worker: workerPid, postgres: runtime.embeddedPostgresPid };
    const base = `http://127.0.0.1:${PORT}`;
    // Warm-up, so the first compile of each route is not measured.
    await runLoad({ url: `${base}/api/health`, connections: 5, seconds: 2 });
    const eventUrl = `${base}/projects/${demo.projectId}/sdk/events/trigger`;
    const headers = { authorization: `Bearer ${demo.token}` };
    let n = 0;
    const body = () => JSON.stringify({ name: "Contact Created", payload: { name: `Contact ${n}`, email: `contact${n++}@example.com` } });
    await runLoad({ url: eventUrl, method: "POST", headers, body, connections: 5, seconds: 2 });

    const health = await withCpuPerRequest(processes, () => runLoad({ url: `${base}/api/health`, connections: CONNECTIONS, seconds: SECONDS }));
    print({ endpoint: "GET /api/health", worker: "running", connections: CONNECTIONS, ...health });
    const withWorker = await withCpuPerRequest(processes, () => runLoad({ url: eventUrl, method: "POST", headers, body, connections: CONNECTIONS, seconds: SECONDS }));
    print({ endpoint: "POST /projects/:id/sdk/events/trigger", worker: "running", connections: CONNECTIONS, ...withWorker });
    const cpuPhase = await measureCpuBoundRuns({ base, projectId: demo.projectId, apiKey: demo.apiKey, token: demo.token, databaseUrl: runtime.databaseUrl, runs: CPU_RUNS });
    print({ phase: "cpu-bound Function step", worker: "running", ...cpuPhase });
    process.kill(workerPid, "SIGSTOP");
    pausedWorker = workerPid;
    const ingestionOnly = await withCpuPerRequest(processes, () => runLoad({ url: eventUrl, method: "POST", headers, body, connections: CONNECTIONS, seconds: SECONDS }));
    print({ endpoint: "POST /projects/:id/sdk/events/trigger", worker: "paused", connections: CONNECTIONS, ...ingestionOnly });
    print({
      metric: "events_vs_health_ratio",
      withWorker: Number((withWorker.perSecond / health.perSecond).toFixed(2)),
      ingestionOnly: Number((ingestionOnly.perSecond / health.perSecond).toFixed(2)),
    });
    print({ metric: "machine", cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, nodeOptions: process.env.NODE_OPTIONS ?? "", poolSize: process.env.DATABASE_POOL_SIZE ?? "default", runtime: "npm start (web + 1 worker, embedded PostgreSQL)" });
  } finally {
    // A stopped worker cannot act on SIGTERM; let it go on so that it stops with the rest.
    if (pausedWorker) process.kill(pausedWorker, "SIGCONT");
    app.kill("SIGTERM");
    await new Promise((resolve) => (app.exitCode !== null ? resolve(null) : app.once("exit", resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
