"use client";

import Link from "next/link";
import { JsonView } from "@/components/runs/json-view";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge } from "@/components/ui/badge";
import type { useTestRun } from "./use-test-run";

/** What the latest test run did at one node: the trigger's payload, or each attempt's output or error. */
export function TestResult({ projectId, nodeId, testRun }: { projectId: string; nodeId: string; testRun: ReturnType<typeof useTestRun> }) {
  const run = testRun.run;
  if (!run) return null;
  const attempts = testRun.attemptsByStep.get(nodeId) ?? [];
  return (
    <section aria-label="Test run result" className="flex flex-col gap-2 border-t border-neutral-200 pt-4">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold text-neutral-900">Test run</h3>
        <RunStatusBadge status={run.status} />
        <Link className="ml-auto text-xs font-medium text-accent-700 hover:underline" href={`/${projectId}/runs/${run.id}`}>
          Open in Task History
        </Link>
      </div>
      {nodeId === "trigger" ? (
        <JsonView label="payload" value={run.input.payload} />
      ) : attempts.length === 0 ? (
        <p className="text-xs text-neutral-500">{testRun.active ? "Not reached yet." : "This step did not run."}</p>
      ) : (
        attempts.map((attempt) => (
          <div key={attempt.id} className="flex flex-col gap-1.5">
            <p className="flex items-center gap-2 text-xs text-neutral-600">
              <Badge variant={attempt.status === "failed" ? "danger" : attempt.status === "succeeded" ? "success" : "accent"}>{attempt.status}</Badge>
              Attempt {attempt.attempt}
              {attempt.lane && <span className="font-mono">{attempt.lane}</span>}
              {attempt.durationMs !== null && <span>· {attempt.durationMs} ms</span>}
            </p>
            {attempt.error && <JsonView label="error" value={attempt.error} />}
            {attempt.status === "succeeded" && <JsonView label="output" value={attempt.output} />}
            {attempt.logs && attempt.logs.length > 0 && <JsonView label="logs" value={attempt.logs} />}
          </div>
        ))
      )}
    </section>
  );
}
