// A benchmark phase for the Request trigger: `connections` closed-loop connections calling a one-step Function +
// Response workflow (POST /projects/:id/sdk/triggers/:workflowId) for `seconds`, each waiting for its answer.
// The figure that matters is the overhead: the round trip minus the steps' own recorded time (each StepRun's
// finishedAt − startedAt, summed per run), i.e. what dispatch, the queue, the claim, the answer's commit, the
// notification and HTTP add to the workflow. Target on 2 cores with 50 connections: p50 ≤ 15 ms, p99 ≤ 50 ms.
// The server under test must run with its worker; this shares the machine's cores with them.
import pg from "pg";
import { runLoad, type TLoadResult } from "./load";

export type TRequestTriggerPhaseOptions = {
  baseUrl: string;
  projectId: string;
  /** A user token of the project (its `sub` is the user the runs are for). */
  token: string;
  connections: number;
  seconds: number;
  /** A project API key, to create and deploy the workflow (unless `workflowId` names one already deployed). */
  apiKey: string;
  /** The server's database, where the steps' recorded times are read. */
  databaseUrl: string;
  workflowId?: string;
};

export type TRequestTriggerPhaseResult = {
  workflowId: string;
  /** Round trip of a call, as the load generator measured it. */
  p50Ms: number;
  p99Ms: number;
  rps: number;
  /** The steps' own time per run, from their records. */
  stepMsP50: number;
  stepMsP99: number;
  /** p50Ms − stepMsP50 and p99Ms − stepMsP99: what the Request trigger adds to the workflow. */
  overheadP50Ms: number;
  overheadP99Ms: number;
  runsMeasured: number;
  load: TLoadResult;
};

const GREET = "function (params) { return { greeting: 'Hi ' + params.name } }";

async function api(options: TRequestTriggerPhaseOptions, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${options.baseUrl}/api/v1/projects/${options.projectId}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** A deployed Function + Response workflow on for every user. */
async function deployBenchWorkflow(options: TRequestTriggerPhaseOptions): Promise<string> {
  const graph = {
    trigger: { type: "request", method: "POST" },
    steps: [
      { id: "greet", name: "Greet", type: "function", config: { code: GREET, params: [{ key: "name", value: "{{trigger.body.name}}" }] } },
      { id: "reply", name: "Reply", type: "response", config: { statusCode: 200, headers: [], body: "{{steps.greet.output}}" } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "greet" },
      { id: "e2", source: "greet", target: "reply" },
    ],
  };
  const workflow = await api(options, "/workflows", { name: `Request trigger bench ${Date.now()}`, graph, enabledForAllUsers: true });
  await api(options, `/workflows/${String(workflow.id)}/deploy`, {});
  return String(workflow.id);
}

export async function measureRequestTrigger(options: TRequestTriggerPhaseOptions): Promise<TRequestTriggerPhaseResult> {
  const workflowId = options.workflowId ?? (await deployBenchWorkflow(options));
  const url = `${options.baseUrl}/projects/${options.projectId}/sdk/triggers/${workflowId}`;
  const headers = { authorization: `Bearer ${options.token}` };
  let n = 0;
  const body = () => JSON.stringify({ name: `caller ${n++}` });
  // Warm-up: the route, the version's cache, the web's LISTEN connection and the worker's pools.
  await runLoad({ url, method: "POST", headers, body, connections: 5, seconds: 2 });

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { rows: [{ from }] } = await client.query<{ from: Date }>("SELECT clock_timestamp() AS from");
    const load = await runLoad({ url, method: "POST", headers, body, connections: options.connections, seconds: options.seconds });
    const { rows: [steps] } = await client.query<{ runs: number; p50: number | null; p99: number | null }>(
      `SELECT count(*)::int AS runs,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (
         SELECT sum(extract(epoch FROM s."finishedAt" - s."startedAt") * 1000) AS ms
         FROM "Run" r JOIN "StepRun" s ON s."runId" = r."id"
         WHERE r."workflowId" = $1::uuid AND r."createdAt" >= $2::timestamptz AND s."finishedAt" IS NOT NULL
         GROUP BY r."id"
       ) per_run`,
      [workflowId, from],
    );
    const round = (ms: number) => Number(ms.toFixed(2));
    const stepMsP50 = round(Number(steps.p50 ?? 0));
    const stepMsP99 = round(Number(steps.p99 ?? 0));
    return {
      workflowId,
      p50Ms: load.p50,
      p99Ms: load.p99,
      rps: load.perSecond,
      stepMsP50,
      stepMsP99,
      overheadP50Ms: round(load.p50 - stepMsP50),
      overheadP99Ms: round(load.p99 - stepMsP99),
      runsMeasured: steps.runs,
      load,
    };
  } finally {
    await client.end();
  }
}
