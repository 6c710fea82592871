import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as testStep } from "@/app/api/v1/projects/[projectId]/workflows/[workflowId]/test-step/route";
import { webSandboxPool } from "@/lib/engine/sandbox/sandbox-pool";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";

// Read when the web pool is first created, which is in this file: one thread, one call waiting.
const previousEnv = { threads: process.env.SANDBOX_WEB_THREADS, queue: process.env.SANDBOX_WEB_QUEUE_LIMIT };
process.env.SANDBOX_WEB_THREADS = "1";
process.env.SANDBOX_WEB_QUEUE_LIMIT = "1";

const SPIN = "function () { const end = Date.now() + 1500; while (Date.now() < end) {} return 'spun' }";
const QUICK = "function () { return 'quick' }";
const functionStep = (id: string, code: string) => ({ id, name: id, type: "function", config: { code, params: [] } });

let project: Awaited<ReturnType<typeof createTestProject>>;
let cookie: string;
let workflowId: string;

beforeAll(async () => {
  project = await createTestProject();
  cookie = await sessionCookie(project.ownerId);
  const graph = { trigger: { type: "request" }, steps: [functionStep("spin", SPIN), functionStep("quick", QUICK)], edges: [] };
  workflowId = (await createWorkflow({ projectId: project.id, name: "Busy", graph: graph as unknown as TWorkflowGraph })).id;
});

afterAll(async () => {
  await webSandboxPool().close();
  for (const [name, value] of [["SANDBOX_WEB_THREADS", previousEnv.threads], ["SANDBOX_WEB_QUEUE_LIMIT", previousEnv.queue]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const post = (stepId: string) => callRoute(testStep, { params: { projectId: project.id, workflowId }, headers: { cookie }, body: { stepId, triggerPayload: {} } });

async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() - started > 10_000) throw new Error(`the web sandbox pool never got there: ${JSON.stringify(webSandboxPool().stats())}`);
  }
}

describe("testing a Function step while the web sandbox pool is full", () => {
  it("answers 503 unavailable with Retry-After, and runs steps again once the pool has room", async () => {
    const spinning = post("spin");
    await until(() => webSandboxPool().stats().busy === 1);
    const waiting = post("quick");
    await until(() => webSandboxPool().stats().queued === 1);

    const refused = await post("quick");
    expect({ status: refused.status, body: refused.body, retryAfter: refused.headers.get("retry-after") }).toEqual({
      status: 503,
      body: { error: { code: "unavailable", message: "Too many steps are being tested right now; try again in a few seconds" } },
      retryAfter: "5",
    });

    expect(await spinning).toMatchObject({ status: 200, body: { status: "succeeded", output: "spun" } });
    expect(await waiting).toMatchObject({ status: 200, body: { status: "succeeded", output: "quick" } });
    expect(await post("quick")).toMatchObject({ status: 200, body: { status: "succeeded", output: "quick" } });
  });
});
