// bench:events' phase with CPU-bound user code: a workflow whose one step is a Function that keeps the CPU
// busy for 100 ms. A backlog of its runs is sent, and while the worker drains it, GET /api/health is loaded
// with a few connections: how many such runs complete per second, and whether the rest of the app stays
// responsive meanwhile (the health answer also says whether the worker's heartbeat is fresh).
import pg from "pg";
import { runLoad } from "./load";

const BUSY_MS = 100;
const BUSY_CODE = `function () { const end = Date.now() + ${BUSY_MS}; let spins = 0; while (Date.now() < end) spins++; return { spins } }`;

type TPhaseOptions = { base: string; projectId: string; apiKey: string; token: string; databaseUrl: string; runs: number };

async function api(base: string, apiKey: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}/api/v1${path}`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export async function measureCpuBoundRuns(options: TPhaseOptions) {
  const { base, projectId, apiKey } = options;
  const event = await api(base, apiKey, `/projects/${projectId}/app-events`, { name: `CPU bound ${Date.now()}`, example: { n: 1 } });
  const graph = {
    trigger: { type: "app_event", appEventId: event.id },
    steps: [{ id: "busy", name: "Busy", type: "function", config: { code: BUSY_CODE, params: [] } }],
    edges: [{ id: "e1", source: "trigger", target: "busy" }],
  };
  const workflow = await api(base, apiKey, `/projects/${projectId}/workflows`, { name: "CPU bound", graph, enabledForAllUsers: true });
  await api(base, apiKey, `/projects/${projectId}/workflows/${workflow.id}/deploy`, {});

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // Starts on an idle engine: whatever an earlier phase queued drains first.
    for (let waited = 0; Number((await client.query(`SELECT count(*) AS n FROM "Run" WHERE "status" IN ('queued', 'running', 'waiting')`)).rows[0].n) > 0; waited += 1) {
      if (waited > 600) throw new Error("the earlier phases' runs did not drain within 10 minutes");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const sent = Date.now();
    for (let i = 0; i < options.runs; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, options.runs - i) }, (_, j) =>
          fetch(`${base}/projects/${projectId}/sdk/events/trigger`, {
            method: "POST",
            headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
            body: JSON.stringify({ name: event.name, payload: { n: i + j } }),
          }).then((response) => response.arrayBuffer()),
        ),
      );
    }
    const unfinished = async () =>
      Number((await client.query(`SELECT count(*) AS n FROM "Run" WHERE "workflowId" = $1 AND "status" IN ('queued', 'running', 'waiting')`, [workflow.id])).rows[0].n);
    // Health under the drain, in slices, until the backlog is gone.
    const health: number[] = [];
    const statuses: Record<number, number> = {};
    let drainedAt = 0;
    while (!drainedAt) {
      const slice = await runLoad({ url: `${base}/api/health`, connections: 5, seconds: 2 });
      for (const [status, count] of Object.entries(slice.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
      health.push(slice.p99, slice.max);
      if ((await unfinished()) === 0) drainedAt = Date.now();
      if (Date.now() - sent > 600_000) throw new Error("the CPU-bound backlog did not drain within 10 minutes");
    }
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE "status" = 'succeeded') AS succeeded, count(*) AS runs, min("startedAt") AS first, max("finishedAt") AS last
       FROM "Run" WHERE "workflowId" = $1`,
      [workflow.id],
    );
    const seconds = (new Date(rows[0].last).getTime() - new Date(rows[0].first).getTime()) / 1000;
    return {
      busyMsPerRun: BUSY_MS,
      runs: Number(rows[0].runs),
      succeeded: Number(rows[0].succeeded),
      drainSeconds: Number(seconds.toFixed(2)),
      runsPerSecond: Number((Number(rows[0].succeeded) / seconds).toFixed(1)),
      // The worst 2-second slice's p99 and max, in ms, with 5 connections on the health endpoint.
      healthP99Ms: Math.max(...health.filter((_, i) => i % 2 === 0)),
      healthMaxMs: Math.max(...health.filter((_, i) => i % 2 === 1)),
      healthStatuses: statuses,
    };
  } finally {
    await client.end();
  }
}
