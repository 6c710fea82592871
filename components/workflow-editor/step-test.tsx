"use client";

import { FlaskConical } from "lucide-react";
import { JsonView } from "@/components/runs/json-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { TTestStepResult } from "@/lib/schemas/workflow-api";
import type { TStep } from "@/lib/schemas/workflow";
import { useTestStep } from "./use-test-step";

type TStepTestProps = {
  projectId: string;
  workflowId: string;
  step: TStep;
  /** Saves the draft first: the server tests the step as saved. */
  flush: () => Promise<boolean>;
  testPayload: { value: unknown } | undefined;
  /** Upstream outputs known from test runs and earlier step tests. */
  outputs: ReadonlyMap<string, unknown>;
  upstream: readonly string[];
  result: TTestStepResult | undefined;
  onResult: (result: TTestStepResult) => void;
};

/** "Test step": runs this one step with the test data and the upstream steps' last test outputs. */
export function StepTest({ projectId, workflowId, step, flush, testPayload, outputs, upstream, result, onResult }: TStepTestProps) {
  const testStep = useTestStep(projectId, workflowId);
  if (step.type !== "request" && step.type !== "function") return null;
  const missing = upstream.filter((id) => !outputs.has(id));

  async function run() {
    if (testPayload === undefined) return;
    if (!(await flush())) return;
    const stepOutputs = Object.fromEntries(upstream.filter((id) => outputs.has(id)).map((id) => [id, outputs.get(id)]));
    testStep.mutate({ stepId: step.id, triggerPayload: testPayload.value, stepOutputs }, { onSuccess: onResult });
  }

  return (
    <section aria-label="Test this step" className="flex flex-col gap-2 border-t border-neutral-200 pt-4">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold text-neutral-900">Test step</h3>
        <Button size="sm" variant="secondary" className="ml-auto" onClick={() => void run()} disabled={testStep.isPending || testPayload === undefined}>
          <FlaskConical aria-hidden /> {testStep.isPending ? "Testing…" : "Test step"}
        </Button>
      </div>
      <p className="text-xs text-neutral-500">
        Runs only this step, once, with the trigger&apos;s test data
        {upstream.length > 0 ? " and the upstream steps' last test outputs" : ""}. Nothing is recorded in Task History.
        {missing.length > 0 && ` No test output yet for ${missing.join(", ")}: run “Test workflow” first if this step reads them.`}
      </p>
      {testPayload === undefined && <p className="text-xs text-danger-700">The trigger&apos;s test data is not valid JSON.</p>}
      {testStep.error && (
        <p role="alert" className="text-xs font-medium text-danger-700">
          {testStep.error.message}
        </p>
      )}
      {result && (
        <div className="flex flex-col gap-1.5" data-testid="step-test-result">
          <p className="flex items-center gap-2 text-xs text-neutral-600">
            <Badge variant={result.status === "failed" ? "danger" : "success"}>{result.status}</Badge>
            <span>{result.durationMs} ms</span>
          </p>
          {result.input !== null && result.input !== undefined && <JsonView label="input" value={result.input} />}
          {result.error && <JsonView label="error" value={result.error} />}
          {result.status === "succeeded" && <JsonView label="output" value={result.output} />}
          {result.logs.length > 0 && <JsonView label="logs" value={result.logs} />}
        </div>
      )}
    </section>
  );
}
