// The durable walker. Each time a run's job executes, the walk starts again from the trigger; steps with a
// persisted result are not executed again but replayed from that result, so a worker that died mid-run
// loses nothing and repeats no finished step. Delays and retry back-offs suspend the walk until a time.
import { evaluateCondition } from "@/lib/engine/evaluate-condition";
import { nextRetryAt, retryPolicyOf } from "@/lib/engine/retry-policy";
import { resolveTemplate, TemplateError } from "@/lib/engine/template/resolve-template";
import { delaySecondsOf, type TEdge, type TStep } from "@/lib/schemas/workflow";
import { ENGINE_LIMIT_DEFAULTS } from "@/lib/engine/limits";
import { type TLeafAttempt, type TRunContext, type TStepError, type TStepOutcome, type TWalkerEnvironment, type TWalkResult, WalkAborted } from "./types";

class Suspend {
  constructor(readonly resumeAt: Date) {}
}

class StepFailed {
  constructor(readonly error: TStepError & { stepId: string; lane: string }) {}
}

type TScope = Record<string, unknown> & { steps: Record<string, { output: unknown }> };
type TChainResult = { last: unknown };

/** The step error recorded for an exception a step threw: a template error names its path; anything else may be retried. */
export function stepErrorOf(error: unknown): TStepError {
  if (error instanceof TemplateError) {
    return { code: `template_${error.code}`, message: error.message, details: { path: error.path }, retryable: false };
  }
  return { code: "internal_error", message: error instanceof Error ? error.message : String(error), retryable: true };
}

export async function walkRun(context: TRunContext, env: TWalkerEnvironment): Promise<TWalkResult> {
  const limits = env.limits ?? ENGINE_LIMIT_DEFAULTS;
  const steps = new Map(context.graph.steps.map((step) => [step.id, step]));
  const outEdges = new Map<string, TEdge[]>();
  for (const edge of context.graph.edges) outEdges.set(edge.source, [...(outEdges.get(edge.source) ?? []), edge]);
  let response: unknown;

  const nextStep = (sourceId: string, branch: string | undefined): TStep | undefined => {
    const edge = (outEdges.get(sourceId) ?? []).find((candidate) => (candidate.branch ?? undefined) === branch);
    return edge ? steps.get(edge.target) : undefined;
  };

  /** Runs one step (or replays it) and returns its output and the branch to follow. */
  const runStep = async (step: TStep, lane: string, scope: TScope): Promise<{ output: unknown; branch?: string }> => {
    const previous = env.latest(step.id, lane);
    let attempt = 1;
    let retryAttempt = 1;
    if (previous?.status === "succeeded") return replay(step, previous.output);
    if (previous?.status === "failed") {
      if (previous.retryAt && previous.retryAt > env.now()) throw new Suspend(previous.retryAt);
      if (!previous.retryAt) return finalFailure(step, lane, previous.error as TStepError);
      attempt = previous.attempt + 1;
      retryAttempt = previous.retryAttempt + 1;
    } else if (previous?.status === "interrupted") {
      // Cut off by a crash: the same retry attempt runs again (same Idempotency-Key, same place in the policy).
      attempt = previous.attempt + 1;
      retryAttempt = previous.retryAttempt;
    }
    await env.checkCancelled();
    const startedAt = env.now();
    let outcome: TStepOutcome;
    try {
      outcome = await executeStep(step, { lane, attempt, retryAttempt, startedAt }, scope);
    } catch (error) {
      if (error instanceof Suspend || error instanceof StepFailed || error instanceof WalkAborted) throw error;
      outcome = { ok: false, error: stepErrorOf(error) };
    }
    const finishedAt = env.now();
    if (outcome.ok) {
      await env.record({ stepId: step.id, lane, attempt, retryAttempt, status: "succeeded", output: outcome.output, input: outcome.input, logs: outcome.logs, startedAt, finishedAt });
      return replay(step, outcome.output);
    }
    const retryAt = outcome.error.retryable ? nextRetryAt({ attempt: retryAttempt, policy: retryPolicyOf(step), now: finishedAt, random: env.random }) : null;
    await env.record({ stepId: step.id, lane, attempt, retryAttempt, status: "failed", error: outcome.error, retryAt, input: outcome.input, logs: outcome.logs, startedAt, finishedAt });
    if (retryAt) throw new Suspend(retryAt);
    return finalFailure(step, lane, outcome.error);
  };

  const finalFailure = (step: TStep, lane: string, error: TStepError) => {
    if (step.continueOnFailure) return { output: { error } };
    throw new StepFailed({ ...error, stepId: step.id, lane });
  };

  const replay = (step: TStep, output: unknown): { output: unknown; branch?: string } => {
    if (step.type === "delay") {
      const resumeAt = new Date(String((output as { resumeAt: string }).resumeAt));
      if (resumeAt > env.now()) throw new Suspend(resumeAt);
    }
    if (step.type === "response" && response === undefined) response = output;
    const branch = step.type === "conditional" || step.type === "switch" ? String((output as { branch: string }).branch) : undefined;
    return { output, branch };
  };

  const executeStep = async (step: TStep, leafAttempt: TLeafAttempt, scope: TScope): Promise<TStepOutcome> => {
    const { lane, startedAt } = leafAttempt;
    switch (step.type) {
      case "conditional": {
        const evaluation = evaluateCondition(step.config.condition, scope);
        return { ok: true as const, output: { branch: String(evaluation.result), ...evaluation } };
      }
      case "switch": {
        const cases = step.config.cases.map((candidate) => ({ id: candidate.id, evaluation: evaluateCondition(candidate.condition, scope) }));
        const chosen = cases.find((candidate) => candidate.evaluation.result);
        return { ok: true as const, output: { branch: chosen?.id ?? "default", cases } };
      }
      case "delay": {
        const delayMs = delaySecondsOf(step.config) * 1000;
        if (delayMs > limits.maxDelaySeconds * 1000) {
          const message = `The delay is longer than the longest allowed (${limits.maxDelaySeconds} s)`;
          return { ok: false as const, error: { code: "delay_too_long", message, details: { maxDelaySeconds: limits.maxDelaySeconds }, retryable: false } };
        }
        return { ok: true as const, output: { resumeAt: new Date(startedAt.getTime() + delayMs).toISOString() } };
      }
      case "fan_out": {
        const items = resolveTemplate(step.config.items, scope);
        if (!Array.isArray(items)) {
          const error = { code: "fan_out_not_array", message: `“${step.config.items}” resolved to ${items === null ? "null" : typeof items}, not an array`, retryable: false };
          return { ok: false as const, error };
        }
        if (items.length > limits.maxFanOutItems) {
          const message = `“${step.config.items}” has ${items.length} items; a Fan Out runs at most ${limits.maxFanOutItems}`;
          return { ok: false as const, error: { code: "fan_out_too_many_items", message, details: { items: items.length, maxFanOutItems: limits.maxFanOutItems }, retryable: false } };
        }
        return { ok: true as const, output: await runFanOut(step, items, lane, scope) };
      }
      default:
        return env.executeLeaf(step, scope, leafAttempt);
    }
  };

  const runFanOut = async (step: Extract<TStep, { type: "fan_out" }>, items: unknown[], lane: string, scope: TScope): Promise<unknown[]> => {
    const results: unknown[] = new Array(items.length);
    let earliestResume: Date | undefined;
    let failure: StepFailed | undefined;
    let next = 0;
    const worker = async () => {
      while (next < items.length && !failure) {
        const index = next++;
        const laneScope: TScope = { ...scope, steps: { ...scope.steps }, fanOut: { item: items[index], index } };
        try {
          results[index] = (await runChain(step.id, "each", `${lane}${step.id}[${index}]/`, laneScope)).last;
        } catch (error) {
          if (error instanceof Suspend) earliestResume = earliestResume && earliestResume <= error.resumeAt ? earliestResume : error.resumeAt;
          else if (error instanceof StepFailed) failure ??= error;
          else throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(step.config.concurrency, items.length) }, worker));
    if (failure) throw failure;
    if (earliestResume) throw new Suspend(earliestResume);
    return results;
  };

  /** Follows the chain that starts after `sourceId` on `branch`, within one lane. */
  const runChain = async (sourceId: string, branch: string | undefined, lane: string, scope: TScope): Promise<TChainResult> => {
    let current = nextStep(sourceId, branch);
    let last: unknown = null;
    while (current) {
      const { output, branch: chosen } = await runStep(current, lane, scope);
      scope.steps[current.id] = { output };
      last = output;
      current = nextStep(current.id, chosen);
    }
    return { last };
  };

  const scope: TScope = {
    trigger: context.trigger,
    steps: {},
    user: context.user ?? {},
    settings: context.settings,
  };
  try {
    const { last } = await runChain("trigger", undefined, "", scope);
    return { status: "succeeded", output: last, response };
  } catch (error) {
    if (error instanceof Suspend) return { status: "waiting", resumeAt: error.resumeAt };
    if (error instanceof StepFailed) return { status: "failed", error: error.error };
    throw error;
  }
}
