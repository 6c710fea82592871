"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { TRunDetail, TStepRun } from "@/lib/schemas/run";
import type { TStep } from "@/lib/schemas/workflow";
import { ConditionOutcome } from "./condition-outcome";
import { JsonView } from "./json-view";
import { formatDuration, formatTime, STEP_TYPE_LABELS, TRIGGER_LABELS } from "./run-format";
import { defaultLane, type TNodeState, type TStepTrace } from "./run-path";

const LANE_DOT: Record<TNodeState, string> = {
  succeeded: "bg-success-500",
  failed: "bg-danger-500",
  retrying: "bg-warning-500",
  running: "bg-accent-500",
  not_run: "bg-neutral-300",
};

type TStepPanelProps = { run: TRunDetail; selection: string; trace: TStepTrace | undefined; runActive: boolean };

/** What the selected node saw and did: the trigger's payload, or a step's attempts with their data. */
export function StepPanel({ run, selection, trace, runActive }: TStepPanelProps) {
  if (selection === "trigger") return <TriggerPanel run={run} />;
  const step = run.graph.steps.find((candidate) => candidate.id === selection);
  if (!step) return null;
  // Keyed by step so lane and attempt choices start fresh for each step.
  return <StepDetails key={step.id} step={step} trace={trace} runActive={runActive} />;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-5 first:mt-0">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-neutral-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

function Muted({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-neutral-500">{children}</p>;
}

function TriggerPanel({ run }: { run: TRunDetail }) {
  // A tick carries its data beside the type ({{trigger.scheduledAt}}…), not in a payload.
  const { type: _type, payload, ...data } = run.input;
  const hasPayload = payload !== undefined || Object.keys(data).length === 0;
  return (
    <Card>
      <CardHeader title="Trigger" description={`${TRIGGER_LABELS[run.triggerType]} · what the run started with`} />
      <CardBody>
        {run.error && (
          <Section title="Why the run failed">
            <p className="mb-2 text-sm break-words text-danger-700">
              Step <code className="font-mono">{run.error.lane}{run.error.stepId}</code>: {run.error.message}
            </p>
            <JsonView value={run.error} label="run error" />
          </Section>
        )}
        {hasPayload ? (
          <Section title="Payload">
            <JsonView value={payload ?? null} label="trigger payload" />
          </Section>
        ) : (
          <Section title="Trigger data">
            <JsonView value={data} label="trigger data" />
          </Section>
        )}
        <Section title="Run output">
          {run.status === "succeeded" ? <JsonView value={run.output} label="run output" /> : <Muted>{run.status === "failed" || run.status === "cancelled" ? "The run has no output." : "The run has no output yet."}</Muted>}
        </Section>
      </CardBody>
    </Card>
  );
}

const OUTPUT_ABSENT: Record<Exclude<TStepRun["status"], "succeeded">, string> = {
  running: "Still running.",
  failed: "A failed attempt has no output.",
  interrupted: "The worker executing this attempt was lost before it finished, so its answer was never recorded; the next attempt sent it again (with the same Idempotency-Key, unless the step switches that header off).",
};

function AttemptBadge({ attempt }: { attempt: TStepRun }) {
  if (attempt.status === "running") return <Badge variant="accent">Running</Badge>;
  if (attempt.status === "succeeded") return <Badge variant="success">Succeeded</Badge>;
  if (attempt.status === "interrupted") return <Badge variant="warning">Interrupted (worker lost)</Badge>;
  return attempt.retryAt ? <Badge variant="warning">Failed, retrying</Badge> : <Badge variant="danger">Failed</Badge>;
}

function StepDetails({ step, trace, runActive }: { step: TStep; trace: TStepTrace | undefined; runActive: boolean }) {
  const [laneKey, setLaneKey] = useState<string | null>(null);
  const [attemptNo, setAttemptNo] = useState<number | null>(null);
  const header = <CardHeader title={step.name} description={`${STEP_TYPE_LABELS[step.type]} · id ${step.id}`} />;

  if (!trace) {
    return (
      <Card>
        {header}
        <CardBody>
          <Muted>{runActive ? "The run has not reached this step yet." : "This step did not run: the run took another path or stopped before it."}</Muted>
        </CardBody>
      </Card>
    );
  }

  const lane = trace.lanes.find((candidate) => candidate.lane === laneKey) ?? defaultLane(trace);
  // No explicit choice follows the latest attempt, so a retry appears as soon as it is recorded.
  const attempt = lane.attempts.find((candidate) => candidate.attempt === attemptNo) ?? lane.latest;
  const inLanes = trace.lanes.length > 1 || lane.lane !== "";

  return (
    <Card>
      {header}
      <CardBody>
        {inLanes && (
          <Section title={`Lanes (${trace.lanes.length})`}>
            <ul className="flex max-h-40 flex-wrap gap-1.5 overflow-auto p-0.5">
              {trace.lanes.map((candidate) => (
                <li key={candidate.lane}>
                  <button
                    type="button"
                    aria-pressed={candidate.lane === lane.lane}
                    onClick={() => {
                      setLaneKey(candidate.lane);
                      setAttemptNo(null);
                    }}
                    className={cn(
                      "flex items-center gap-1.5 rounded-md border px-2 py-1 font-mono text-xs",
                      candidate.lane === lane.lane ? "border-accent-500 bg-accent-50 text-accent-800" : "border-neutral-200 bg-white text-neutral-700 hover:bg-neutral-50",
                    )}
                  >
                    <span
                      aria-hidden
                      className={cn("size-2 rounded-full", LANE_DOT[candidate.state])}
                    />
                    {candidate.lane || "(outside fan-out)"}
                    <span className="sr-only"> {candidate.state}</span>
                  </button>
                </li>
              ))}
            </ul>
          </Section>
        )}

        <Section title={`Attempts${inLanes ? ` in ${lane.lane}` : ""}`}>
          <ol className="divide-y divide-neutral-200 rounded-md border border-neutral-200">
            {lane.attempts.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  aria-pressed={candidate.attempt === attempt.attempt}
                  onClick={() => setAttemptNo(candidate.attempt)}
                  className={cn(
                    "flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-left text-sm",
                    candidate.attempt === attempt.attempt ? "bg-accent-50/60" : "hover:bg-neutral-50",
                  )}
                >
                  <span className="font-medium text-neutral-900">Attempt {candidate.attempt}</span>
                  <AttemptBadge attempt={candidate} />
                  <span className="text-xs text-neutral-500">{formatTime(candidate.startedAt)}</span>
                  <span className="text-xs text-neutral-500 tabular-nums">{formatDuration(candidate.durationMs)}</span>
                  {candidate.error && <span className="basis-full text-xs break-words text-danger-700">{candidate.error.message}</span>}
                  {candidate.retryAt && <span className="basis-full text-xs text-warning-800">Next attempt at {formatTime(candidate.retryAt)}</span>}
                </button>
              </li>
            ))}
          </ol>
        </Section>

        {attempt.error && (
          <Section title={`Error (attempt ${attempt.attempt})`}>
            <JsonView value={attempt.error} label="error" />
          </Section>
        )}
        <Section title={`Input (attempt ${attempt.attempt})`}>
          {attempt.input === null ? <Muted>Not recorded for this kind of step.</Muted> : <JsonView value={attempt.input} label="input" />}
        </Section>
        {attempt.status === "succeeded" && (step.type === "conditional" || step.type === "switch") && (
          <Section title={`Rules (attempt ${attempt.attempt})`}>
            <ConditionOutcome step={step} output={attempt.output} />
          </Section>
        )}
        <Section title={`Output (attempt ${attempt.attempt})`}>
          {attempt.status === "succeeded" ? <JsonView value={attempt.output} label="output" /> : <Muted>{OUTPUT_ABSENT[attempt.status]}</Muted>}
        </Section>
        <Section title="Logs">
          {attempt.logs && attempt.logs.length > 0 ? (
            <ol className="max-h-64 overflow-auto rounded-md border border-neutral-200 bg-neutral-950 px-3 py-2 font-mono text-xs leading-5 text-neutral-100">
              {attempt.logs.map((line, index) => (
                <li key={index} className="break-all whitespace-pre-wrap">
                  <span className={cn("mr-2 select-none", line.level === "error" ? "text-danger-300" : line.level === "warn" ? "text-warning-300" : "text-neutral-400")}>
                    {line.level}
                  </span>
                  {line.message}
                </li>
              ))}
            </ol>
          ) : (
            <Muted>No logs.</Muted>
          )}
        </Section>
      </CardBody>
    </Card>
  );
}
