import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { advanceRun } from "@/lib/runs/advance-run";
import { dispatchTrigger } from "@/lib/runs/dispatch-trigger";
import { createDeployedWorkflow, createTestAppEvent, createTestUser } from "@/test/engine-factories";
import { createTestProject } from "@/test/factories";

let stub: http.Server;
let stubUrl = "";
const received: unknown[] = [];

beforeAll(async () => {
  stub = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push(JSON.parse(body || "null"));
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: 42 }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  process.env.REQUEST_ALLOW_HOSTS = "127.0.0.1";
});

afterAll(async () => {
  stub.close();
});

describe("engine smoke", () => {
  it("runs Function → Conditional → Request for an App Event and records every step", async () => {
    const project = await createTestProject();
    const event = await createTestAppEvent(project.id);
    const user = await createTestUser(project.id);
    const { workflowId } = await createDeployedWorkflow({
      projectId: project.id,
      graph: {
        trigger: { type: "app_event", appEventId: event.id },
        steps: [
          { id: "map", name: "Map", type: "function", config: { code: "function (params) { return { email: params.email.toUpperCase() } }", params: [{ key: "email", value: "{{trigger.payload.email}}" }] } },
          { id: "check", name: "Check", type: "conditional", config: { condition: { combinator: "and", rules: [{ left: "{{steps.map.output.email}}", operator: "contains", right: "@" }] } } },
          { id: "send", name: "Send", type: "request", config: { method: "POST", url: `${stubUrl}/contacts`, headers: [], query: [], body: { kind: "json", json: '{"email": "{{steps.map.output.email}}"}' } } },
        ],
        edges: [
          { id: "e1", source: "trigger", target: "map" },
          { id: "e2", source: "map", target: "check" },
          { id: "e3", source: "check", target: "send", branch: "true" },
        ],
      },
    });
    const runs = await db.$transaction((tx) =>
      dispatchTrigger(tx, { projectId: project.id, connectedUserId: user.id, trigger: { type: "app_event", appEventId: event.id }, payload: { email: "a@b.co" } }),
    );
    expect(runs).toEqual([{ runId: expect.any(String), workflowId }]);
    await advanceRun(runs[0].runId);
    const run = await db.run.findUniqueOrThrow({ where: { id: runs[0].runId }, include: { steps: { orderBy: { startedAt: "asc" } } } });
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((step) => [step.stepId, step.status])).toEqual([["map", "succeeded"], ["check", "succeeded"], ["send", "succeeded"]]);
    expect(received).toContainEqual({ email: "A@B.CO" });
    expect(run.output).toMatchObject({ statusCode: 200, body: { id: 42 } });
  });
});
