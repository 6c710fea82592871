// `npm run bench:events`: accepted App Events per second and latency on the production build, 50
// connections, each request a valid signed event of the demo project that starts one run; and the same
// load tool's figure for GET /api/health in the same run, the framework's own ceiling here.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readRuntimeInfo } from "@/lib/config/runtime";
import { runLoad } from "./load";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3310);

const print = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: "events", ...figure }));

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-events-"));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: "127.0.0.1" };
  const app: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
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
    ) as { projectId: string; token: string };
    const base = `http://127.0.0.1:${PORT}`;
    // Warm-up, so the first compile of each route is not measured.
    await runLoad({ url: `${base}/api/health`, connections: 5, seconds: 2 });
    const eventUrl = `${base}/projects/${demo.projectId}/sdk/events/trigger`;
    const headers = { authorization: `Bearer ${demo.token}` };
    let n = 0;
    const body = () => JSON.stringify({ name: "Contact Created", payload: { name: `Contact ${n}`, email: `contact${n++}@example.com` } });
    await runLoad({ url: eventUrl, method: "POST", headers, body, connections: 5, seconds: 2 });

    const health = await runLoad({ url: `${base}/api/health`, connections: CONNECTIONS, seconds: SECONDS });
    print({ endpoint: "GET /api/health", connections: CONNECTIONS, ...health });
    const events = await runLoad({ url: eventUrl, method: "POST", headers, body, connections: CONNECTIONS, seconds: SECONDS });
    print({ endpoint: "POST /projects/:id/sdk/events/trigger", connections: CONNECTIONS, ...events });
    print({ metric: "events_vs_health_ratio", ratio: Number((events.perSecond / health.perSecond).toFixed(2)) });
    print({ metric: "machine", cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, runtime: readRuntimeInfo(dataDir) ? "npm start (web + 1 worker, embedded PostgreSQL)" : "unknown" });
  } finally {
    app.kill("SIGTERM");
    await new Promise((resolve) => (app.exitCode !== null ? resolve(null) : app.once("exit", resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
