// When a failed step runs again. Only the failing step is retried, never the whole run.
import type { TRetry } from "@/lib/schemas/workflow";

/** Paragon's schedule (about 10, 20, 30, 50 and 80 s), which builders moving over will expect. */
export const DEFAULT_BACKOFF_SECONDS: readonly number[] = [10, 20, 30, 50, 80];
export const DEFAULT_MAX_RETRIES = 5;
/** ±10 %, so that steps that failed together (a partner API outage) do not all retry in the same instant. */
export const DEFAULT_JITTER_RATIO = 0.1;

export type TRetryPolicy = { maxRetries: number; backoffSeconds?: readonly number[] };

/** A step without a retry block gets the default policy (5 retries); `maxRetries: 0` turns retries off. */
export function retryPolicyOf(step: { retry?: Partial<TRetry> }): TRetryPolicy {
  if (!step.retry) return { maxRetries: DEFAULT_MAX_RETRIES };
  return { maxRetries: step.retry.maxRetries ?? DEFAULT_MAX_RETRIES, backoffSeconds: step.retry.backoffSeconds };
}

/** The delay before retry number `retry` (1-based). Past the end of the list, the last delay repeats. */
export function backoffSecondsFor(retry: number, policy: TRetryPolicy): number {
  const schedule = policy.backoffSeconds?.length ? policy.backoffSeconds : DEFAULT_BACKOFF_SECONDS;
  return schedule[Math.min(Math.max(retry, 1), schedule.length) - 1];
}

export type TNextRetryInput = {
  /** The 1-based number of the attempt that just failed (1 = the first run). */
  attempt: number;
  policy: TRetryPolicy;
  now: Date;
  /** Returns a number in [0, 1); inject a constant in tests. Defaults to Math.random. */
  random?: () => number;
  /** Largest jitter as a fraction of the delay; 0 turns jitter off. */
  jitterRatio?: number;
};

/** When to retry after a failed attempt, or null when the retries are used up. */
export function nextRetryAt({
  attempt,
  policy,
  now,
  random = Math.random,
  jitterRatio = DEFAULT_JITTER_RATIO,
}: TNextRetryInput): Date | null {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > policy.maxRetries) return null;
  const delayMs = backoffSecondsFor(attempt, policy) * 1000;
  const jitterMs = delayMs * jitterRatio * (2 * random() - 1);
  return new Date(now.getTime() + Math.round(delayMs + jitterMs));
}
