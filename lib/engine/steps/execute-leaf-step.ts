// Request, Function and Response steps: the ones that do something beyond choosing a path.
import type { TRunFunctionInput, TRunFunctionResult } from "@/lib/engine/sandbox/run-function";
import { resolveDeep, resolveTemplate, stringifyTemplateValue } from "@/lib/engine/template/resolve-template";
import type { TStep } from "@/lib/schemas/workflow";
import type { TStepOutcome } from "../executor/types";
import { executeRequestStep, type TRequestStepOptions } from "./request-step";

export type TLeafStepOptions = TRequestStepOptions & {
  /** Runs a Function step's code: the process's sandbox pool (lib/engine/sandbox/sandbox-pool.ts) in the app. */
  runFunction: (input: TRunFunctionInput) => Promise<TRunFunctionResult>;
};

export async function executeLeafStep(step: TStep, scope: Record<string, unknown>, options: TLeafStepOptions): Promise<TStepOutcome> {
  switch (step.type) {
    case "request":
      return executeRequestStep(step, scope, options);
    case "function": {
      const params = Object.fromEntries(step.config.params.map(({ key, value }) => [key, resolveTemplate(value, scope)]));
      const result = await options.runFunction({
        code: step.config.code,
        params,
        context: { user: scope.user, settings: scope.settings, trigger: scope.trigger, steps: scope.steps },
      });
      if (result.ok) return { ok: true, input: { params }, output: result.value, logs: result.logs };
      // QuickJS reports some exhaustion as InternalError ("out of memory", "string too long").
      const limitHit =
        /Timeout|MemoryLimit|StackOverflow|OutputTooLarge/.test(result.error.name) ||
        (result.error.name === "InternalError" && /out of memory|too long|stack overflow/i.test(result.error.message));
      return {
        ok: false,
        input: { params },
        logs: result.logs,
        // Same code, same input, same result: a retry cannot fix a function, so none is scheduled.
        error: { code: limitHit ? "function_limit" : "function_error", message: `${result.error.name}: ${result.error.message}`, details: result.error, retryable: false },
      };
    }
    case "response": {
      const headers = Object.fromEntries(step.config.headers.map(({ key, value }) => [key, stringifyTemplateValue(resolveTemplate(value, scope))]));
      return { ok: true, output: { statusCode: step.config.statusCode, headers, body: resolveDeep(step.config.body, scope) } };
    }
    default:
      throw new Error(`executeLeafStep cannot run a ${step.type} step`);
  }
}
