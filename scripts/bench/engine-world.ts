// The engine benchmarks' shared world: the three-step workflow on a local stub, and a CPU meter that says
// which process (load generator, workers, PostgreSQL) used the shared cores.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import { deployedTriggerColumns } from "@/lib/workflows/deployed-trigger";

/** A stub that answers every request 200 {"ok":true}, as the Request step's target. */
export async function startBenchStub(): Promise<{ url: string; close: () => void }> {
  const stub = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`, close: () => stub.close() };
}

export async function createBenchWorkflow(stubUrl: string) {
  const builder = await db.builder.create({ data: { email: `bench-${Date.now()}@example.test`, name: "Bench" } });
  const project = await db.project.create({ data: { name: "Bench", concurrencyLimit: Number(process.env.BENCH_PROJECT_LIMIT ?? 1000), memberships: { create: { builderId: builder.id, role: "owner" } } } });
  const event = await db.appEvent.create({ data: { projectId: project.id, name: "Contact Created", example: {}, jsonSchema: {} } });
  const graph = {
    trigger: { type: "app_event", appEventId: event.id },
    steps: [
      { id: "map", name: "Map", type: "function", config: { code: "function (params, context) { return { email: context.trigger.payload.email.toLowerCase() } }", params: [] } },
      { id: "check", name: "Has email", type: "conditional", config: { condition: { combinator: "and", rules: [{ left: "{{steps.map.output.email}}", operator: "contains", right: "@" }] } } },
      { id: "send", name: "Send", type: "request", config: { method: "POST", url: `${stubUrl}/contacts`, headers: [], query: [], body: { kind: "json", json: '{"email":"{{steps.map.output.email}}"}' }, auth: { type: "none" }, timeoutMs: 10000 } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "map" },
      { id: "e2", source: "map", target: "check" },
      { id: "e3", source: "check", target: "send", branch: "true" },
    ],
  };
  const workflow = await db.workflow.create({ data: { projectId: project.id, name: "Bench", draft: graph, enabledForAllUsers: true } });
  const version = await db.workflowVersion.create({ data: { projectId: project.id, workflowId: workflow.id, version: 1, graph } });
  await db.workflow.update({ where: { id: workflow.id }, data: { deployedVersionId: version.id, ...deployedTriggerColumns(workflow.id, { type: "app_event", appEventId: event.id }) } });
  const user = await db.connectedUser.create({ data: { projectId: project.id, externalId: "bench-user" } });
  return {
    occurrence: (i: number) => ({
      projectId: project.id,
      connectedUserId: user.id,
      trigger: { type: "app_event" as const, appEventId: event.id },
      payload: { name: `Contact ${i}`, email: `Contact${i}@Example.com` },
    }),
  };
}

/**
 * CPU seconds used by each part of the benchmark since the last lap: this process (the load generator),
 * the worker processes and PostgreSQL (the postmaster's children), read from /proc. On 2 shared cores,
 * this says who ate the CPU.
 */
export function cpuMeter(dataDir: string, workers: ChildProcess[]) {
  const ticks = Number(process.env.BENCH_CLK_TCK ?? 100);
  const procCpu = (pid: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return 0;
    }
  };
  const postgresCpu = () => {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    let total = procCpu(postmaster);
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
        if (Number(stat[1]) === postmaster) total += procCpu(Number(entry));
      } catch {
        // The process ended meanwhile.
      }
    }
    return total;
  };
  // Per worker pid, since workers are replaced between phases: a new one counts from zero.
  let workerCpu = new Map<number, number>();
  const read = () => ({
    loadgen: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage()),
    workers: new Map(workers.map((worker) => [worker.pid as number, procCpu(worker.pid as number)])),
    postgres: postgresCpu(),
    at: Date.now(),
  });
  let last = read();
  workerCpu = last.workers;
  return {
    lap() {
      const now = read();
      const workersUsed = [...now.workers].reduce((sum, [pid, used]) => sum + used - (workerCpu.get(pid) ?? 0), 0);
      workerCpu = now.workers;
      const figure = {
        wall: Number(((now.at - last.at) / 1000).toFixed(2)),
        loadgen: Number((now.loadgen - last.loadgen).toFixed(2)),
        workers: Number(workersUsed.toFixed(2)),
        postgres: Number((now.postgres - last.postgres).toFixed(2)),
        loadavg: os.loadavg().map((load) => Number(load.toFixed(2))),
      };
      last = now;
      return figure;
    },
  };
}

