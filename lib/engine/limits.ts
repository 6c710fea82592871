// The bounds a deployed workflow runs within, so that one workflow cannot hold a worker, the queue or the
// database without end. Server-side, but without "server-only" so that tests and the worker can load it;
// the editor uses the client-safe defaults in lib/schemas/workflow.ts instead.
import { integerFromEnv } from "@/lib/config/integer-from-env";
import { DELAY_MAX_SECONDS_DEFAULT, REQUEST_TIMEOUT_MAX_MS } from "@/lib/schemas/workflow";

export const ENGINE_LIMIT_DEFAULTS = {
  maxFanOutItems: 10_000,
  maxDelaySeconds: DELAY_MAX_SECONDS_DEFAULT,
  requestTimeoutMaxMs: REQUEST_TIMEOUT_MAX_MS,
} as const;

export type TEngineLimits = { maxFanOutItems: number; maxDelaySeconds: number };

/**
 * Read from FAN_OUT_MAX_ITEMS and DELAY_MAX_SECONDS when set (positive integers), else the defaults.
 * A value that is set but not a positive integer throws: a typo must not quietly lift or tighten a bound.
 */
export function engineLimits(): TEngineLimits {
  return {
    maxFanOutItems: integerFromEnv("FAN_OUT_MAX_ITEMS", ENGINE_LIMIT_DEFAULTS.maxFanOutItems),
    maxDelaySeconds: integerFromEnv("DELAY_MAX_SECONDS", ENGINE_LIMIT_DEFAULTS.maxDelaySeconds),
  };
}
