// `npm run bench:events`: accepted App Events per second and latency on the production build, 50
// connections, each request a valid signed event of the demo project that starts one run; and the same
// load tool's figure for GET /api/health in the same run, the framework's own ceiling here. Events are
// measured twice: with the worker executing the runs (it competes for the same cores), and with the
// worker paused (SIGSTOP), which is what ingestion alone can take. Each figure carries the load average and
// the CPU each process spent per request, since other work on the machine moves the rates a lot.
import os from "node:os";
import { startBenchApp, withCpuPerRequest } from "./bench-app";
import { measureCpuBoundRuns } from "./cpu-step-phase";
import { runLoad } from "./load";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3310);
const CPU_RUNS = Number(process.env.BENCH_CPU_RUNS ?? 300);

const print = (figure: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: "events", ...figure, loadavg: os.loadavg().map((load) => Number(load.toFixed(2))) }));

async function main() {
  const app = await startBenchApp({ label: "events", port: PORT });
  const { demo, processes } = app;
  const workerPid = processes.worker;
  let pausedWorker: number | undefined;
  try {
    const { base } = app;
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
    const cpuPhase = await measureCpuBoundRuns({ base, projectId: demo.projectId, apiKey: demo.apiKey, token: demo.token, databaseUrl: app.databaseUrl, runs: CPU_RUNS });
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
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
