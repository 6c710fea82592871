// `npm run bench:webhooks`: on the production build (`npm start`: web + one worker, embedded PostgreSQL), with
// 50 connections:
//   - GET /api/health, the framework's own ceiling here, in the same run;
//   - signed GitHub-style deliveries to an app-level endpoint: each verified (X-Hub-Signature-256 over the raw
//     body), deduplicated by its own X-GitHub-Delivery, routed to its user by installation.id and committed
//     with the one run it starts before the 200;
//   - the Request trigger's round trip for a one-step Function + Response workflow, and its overhead above the
//     steps' own recorded time (scripts/bench/request-trigger-phase.ts).
// Each figure carries the CPU each process spent per request. Printed as JSON lines.
import { createHmac, randomUUID } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { resolveAuthSecret } from "@/lib/config/runtime";
import { machine, startBenchApp, type TBenchApp, withCpuPerRequest } from "./bench-app";
import { runLoad } from "./load";
import { measureRequestTrigger } from "./request-trigger-phase";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3311);
const PHASES = new Set((process.env.BENCH_PHASES ?? "health,deliveries,request").split(","));
const SECRET = "bench-webhook-secret";

const print = (figure: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: "webhooks", ...figure, loadavg: os.loadavg().map((load) => Number(load.toFixed(2))) }));

async function api<T>(base: string, apiKey: string, path: string, method: string, body: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A GitHub endpoint routed by installation.id, the demo user holding installation 42, and a workflow on push.
 * Endpoints hold credentials, so only a signed-in builder may create one over the API: this creates it with the
 * app's own function, against the app's database and secret.
 */
async function setUpDeliveries(app: TBenchApp) {
  const { base, demo } = app;
  const { projectId, apiKey } = demo;
  process.env.DATABASE_URL = app.databaseUrl;
  process.env.AUTH_SECRET = resolveAuthSecret(app.dataDir);
  const { createWebhookEndpoint } = await import("@/lib/webhooks/manage-webhook-endpoints");
  const endpoint = await createWebhookEndpoint({ projectId, origin: base, integration: "github", secret: SECRET, routing: { from: "body", path: "installation.id" } });
  await api(base, apiKey, `/projects/${projectId}/users/${encodeURIComponent(demo.userId)}`, "PATCH", { meta: { providerIds: { github: "42" } } });
  const graph = {
    trigger: { type: "webhook", source: { kind: "integration", integration: "github", event: "push" } },
    steps: [{ id: "f", name: "Note", type: "function", config: { code: "function (params) { return { ref: params.ref } }", params: [{ key: "ref", value: "{{trigger.payload.ref}}" }] } }],
    edges: [{ id: "e", source: "trigger", target: "f" }],
  };
  const workflow = await api<{ id: string }>(base, apiKey, `/projects/${projectId}/workflows`, "POST", { name: "On push", graph, enabledForAllUsers: true });
  await api(base, apiKey, `/projects/${projectId}/workflows/${workflow.id}/deploy`, "POST", {});
  return { endpointUrl: `${base}/projects/${projectId}/webhooks/${endpoint.id}`, endpointId: endpoint.id };
}

async function measureDeliveries(app: TBenchApp, setup: { endpointUrl: string; endpointId: string }, worker: "running" | "paused") {
  const text = JSON.stringify({ ref: "refs/heads/main", before: "0".repeat(40), after: "f".repeat(40), installation: { id: 42 }, repository: { full_name: "octo/hello" } });
  const headers = { "x-github-event": "push", "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(text).digest("hex")}`, "user-agent": "GitHub-Hookshot/bench" };
  const delivery = { url: setup.endpointUrl, method: "POST" as const, headers, body: () => text, headersFor: () => ({ "x-github-delivery": randomUUID() }) };
  await runLoad({ ...delivery, connections: 5, seconds: 2 });
  if (worker === "paused") process.kill(app.processes.worker, "SIGSTOP");
  try {
    const result = await withCpuPerRequest(app.processes, () => runLoad({ ...delivery, connections: CONNECTIONS, seconds: SECONDS }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Every accepted delivery committed with its one run: none without, none with two.
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ accepted: string; withoutOneRun: string }>(
      `SELECT count(*) AS "accepted", count(*) FILTER (WHERE (SELECT count(*) FROM "Run" r WHERE r."eventId" = e."id") <> 1) AS "withoutOneRun"
       FROM "Event" e WHERE e."webhookEndpointId" = $1 AND e."deliveryStatus" = 'accepted'`,
      [setup.endpointId],
    );
    await db.end();
    print({ endpoint: "POST /projects/:id/webhooks/:endpointId (GitHub push, signed)", worker, connections: CONNECTIONS, ...result, acceptedSoFar: Number(rows[0].accepted), acceptedWithoutExactlyOneRun: Number(rows[0].withoutOneRun) });
  } finally {
    if (worker === "paused") process.kill(app.processes.worker, "SIGCONT");
  }
}

async function main() {
  const app = await startBenchApp({ label: "webhooks", port: PORT });
  const { base, demo, processes } = app;
  try {
    await runLoad({ url: `${base}/api/health`, connections: 5, seconds: 2 });
    if (PHASES.has("health")) {
      const health = await withCpuPerRequest(processes, () => runLoad({ url: `${base}/api/health`, connections: CONNECTIONS, seconds: SECONDS }));
      print({ endpoint: "GET /api/health", connections: CONNECTIONS, ...health });
    }
    // The Request trigger first, on a quiet queue (deliveries leave runs queued behind them, which calls would
    // wait for); then deliveries with the worker executing their runs meanwhile (it competes for the same
    // cores), then with the worker paused (SIGSTOP), which is what receiving alone can take, as bench:events
    // measures App Events.
    if (PHASES.has("request")) {
      // At 50 connections a closed loop measures queueing (latency = connections / throughput); one connection
      // measures what the trigger adds to one call.
      let workflowId: string | undefined;
      for (const connections of [1, CONNECTIONS]) {
        const figures = await measureRequestTrigger({ baseUrl: base, projectId: demo.projectId, token: demo.token, apiKey: demo.apiKey, databaseUrl: app.databaseUrl, connections, seconds: SECONDS, workflowId });
        workflowId = figures.workflowId;
        print({ endpoint: "POST /projects/:id/sdk/triggers/:workflowId (Function + Response)", connections, ...figures });
      }
    }
    const deliveries = PHASES.has("deliveries") ? await setUpDeliveries(app) : null;
    if (deliveries) await measureDeliveries(app, deliveries, "running");
    if (deliveries) await measureDeliveries(app, deliveries, "paused");
    print({ metric: "machine", ...machine() });
  } finally {
    await app.stop();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
