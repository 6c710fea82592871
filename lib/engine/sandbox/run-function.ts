// Runs a Function step's code in QuickJS compiled to WebAssembly. Never Node's `vm`: the code gets a bare
// JavaScript engine with no require, process, fetch, timers or I/O, and JSON in and out.
//
// Every call gets a fresh WebAssembly instance with its own linear memory, capped at a fixed size:
// - QuickJS's own setMemoryLimit undercounts in this build (emscripten has no malloc_usable_size, so each
//   block counts as 8 bytes) and large arrays or buffers slip past it; the WebAssembly.Memory maximum is
//   the limit that actually holds, and malloc failing there is a clean "out of memory" inside QuickJS;
// - deep recursion can exhaust the host's native stack inside WASM, and a WASM abort poisons its instance.
//   Either way the instance is dropped and the next call starts clean. Instantiating from the compiled
//   module costs a few milliseconds.
// Server-side by nature, but without "server-only" so that tests and the worker can load it.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from "quickjs-emscripten";

const KiB = 1024;
const MiB = 1024 * KiB;
const WASM_PAGE = 64 * KiB;
/** The linear memory the QuickJS build starts with (its INITIAL_MEMORY); the limit comes on top. */
const BASE_MEMORY_BYTES = 16 * MiB;

export const DEFAULT_FUNCTION_LIMITS = {
  memoryBytes: 32 * MiB,
  timeoutMs: 5_000,
  maxOutputBytes: 5 * MiB,
  /** Kept well below the host's native stack so QuickJS reports "stack overflow" first in most cases. */
  stackBytes: 256 * KiB,
  maxLogLines: 100,
  maxLogLineChars: 2_000,
  maxLogBytes: 64 * KiB,
};
export type TFunctionLimits = typeof DEFAULT_FUNCTION_LIMITS;

export type TFunctionLog = { level: "log" | "info" | "warn" | "error"; message: string };
export type TFunctionError = { name: string; message: string; stack?: string };
export type TFunctionContext = { user: unknown; settings: unknown; trigger: unknown; steps: unknown };

export type TRunFunctionInput = {
  /** A function expression: `function (params, context) { … }`, `async function …` or an arrow function. */
  code: string;
  params: Record<string, unknown>;
  context: TFunctionContext;
  limits?: Partial<TFunctionLimits>;
  /** Milliseconds from an arbitrary origin; defaults to performance.now. */
  clock?: () => number;
};

export type TRunFunctionResult =
  | { ok: true; value: unknown; logs: TFunctionLog[]; durationMs: number }
  | { ok: false; error: TFunctionError; logs: TFunctionLog[]; durationMs: number };

type TOutcome = { ok: true; value: unknown } | { ok: false; error: TFunctionError };
type TRunState = { timedOut: boolean; limits: TFunctionLimits };

// The one sandbox-side helper: how console shows a value. Compiled in a context only when its code first
// calls console, since compiling source is most of what a context costs (measured: ~0.15 ms per 700 bytes,
// against ~0.2 ms for the context itself). Everything else a call needs (JSON in, the call, settling,
// JSON out) goes through handles to the context's own built-ins, taken before the user's code runs.
// User code can still tamper with shared prototypes, which only garbles its own result or logs, and the
// host re-checks what comes out anyway.
const SHOW_SOURCE = `(function () {
  "use strict";
  const stringify = JSON.stringify, toText = String, ErrorCtor = Error;
  return function show(value) {
    try {
      if (typeof value === "string") return value;
      if (value instanceof ErrorCtor) return value.name + ": " + value.message;
      const json = stringify(value);
      return json === undefined ? toText(value) : json;
    } catch (e) {
      try { return toText(value); } catch (e2) { return "[unprintable]"; }
    }
  };
})()`;

const CONSOLE_LEVELS = { log: "log", info: "info", warn: "warn", error: "error", debug: "log" } as const;

let compiledModule: Promise<WebAssembly.Module> | undefined;

function loadCompiledModule(): Promise<WebAssembly.Module> {
  compiledModule ??= (async () => {
    // Resolved through quickjs-emscripten so it is found whether or not npm hoisted the variant package.
    const fromQuickJS = createRequire(createRequire(import.meta.url).resolve("quickjs-emscripten"));
    const bytes = await readFile(fromQuickJS.resolve("@jitl/quickjs-wasmfile-release-sync/wasm"));
    return WebAssembly.compile(new Uint8Array(bytes));
  })().catch((error: unknown) => {
    compiledModule = undefined;
    throw error;
  });
  return compiledModule;
}

async function newSandboxModule(memoryBytes: number): Promise<QuickJSWASMModule> {
  const initial = BASE_MEMORY_BYTES / WASM_PAGE;
  const wasmMemory = new WebAssembly.Memory({ initial, maximum: initial + Math.ceil(memoryBytes / WASM_PAGE) });
  const variant = newVariant(RELEASE_SYNC, { wasmModule: await loadCompiledModule(), wasmMemory });
  return newQuickJSWASMModuleFromVariant(variant);
}

// Instantiating the WASM module costs milliseconds; a runtime in an existing instance costs ~0.3 ms. An
// instance is reused after calls that ended cleanly, and thrown away after anything else (a limit hit, a
// host failure, a runtime that would not free), so no call inherits a damaged or exhausted instance.
let reusable: { module: QuickJSWASMModule; memoryBytes: number } | undefined;

async function takeSandboxModule(memoryBytes: number): Promise<QuickJSWASMModule> {
  const cached = reusable;
  reusable = undefined;
  if (cached && cached.memoryBytes === memoryBytes) return cached.module;
  return newSandboxModule(memoryBytes);
}

/** Compiles and instantiates the sandbox ahead of the first Function step, which would otherwise pay for it. */
export async function warmUpSandbox(): Promise<void> {
  await runFunction({ code: "function () { return null }", params: {}, context: { user: null, settings: {}, trigger: null, steps: {} } });
}

// One call at a time per process: evaluation is synchronous anyway, and queueing keeps memory at one live
// instance instead of one per concurrent fan-out item.
let queue: Promise<unknown> = Promise.resolve();

export function runFunction(input: TRunFunctionInput): Promise<TRunFunctionResult> {
  const result = queue.then(() => runNow(input));
  queue = result.catch(() => undefined);
  return result;
}

async function runNow(input: TRunFunctionInput): Promise<TRunFunctionResult> {
  const limits: TFunctionLimits = { ...DEFAULT_FUNCTION_LIMITS, ...input.limits };
  const clock = input.clock ?? (() => performance.now());
  const startedAt = clock();
  const logs = new LogCollector(limits);
  const finish = (outcome: TOutcome): TRunFunctionResult => ({
    ...outcome,
    logs: logs.lines(),
    durationMs: Math.max(0, Math.round(clock() - startedAt)),
  });

  let paramsJson: string;
  let contextJson: string;
  try {
    paramsJson = JSON.stringify(input.params ?? {});
    contextJson = JSON.stringify(input.context);
  } catch (error) {
    return finish({ ok: false, error: { name: "InputError", message: `Inputs are not JSON: ${messageOf(error)}` } });
  }

  const state: TRunState = { timedOut: false, limits };
  try {
    const module = await takeSandboxModule(limits.memoryBytes);
    const deadline = clock() + limits.timeoutMs;
    const runtime = module.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    runtime.setInterruptHandler(() => {
      if (clock() > deadline) state.timedOut = true;
      return state.timedOut;
    });
    const context = runtime.newContext();
    const outcome = runInContext({ context, runtime, code: input.code, paramsJson, contextJson, logs, state });
    try {
      context.dispose();
      runtime.dispose();
      const limitHit = !outcome.ok && /^(Timeout|MemoryLimit|StackOverflow)Error$/.test(outcome.error.name);
      if (!limitHit) reusable = { module, memoryBytes: limits.memoryBytes };
    } catch {
      // Every handle is released by now, yet QuickJS itself can leave an object behind (seen with
      // JSON.stringify of multi-megabyte strings inside promise jobs), and freeing the runtime then asserts.
      // The outcome is already complete and this instance is never reused, so the outcome stands.
    }
    return finish(outcome);
  } catch (error) {
    // A host-side failure (native stack exhausted inside WASM, a WASM abort): the instance is abandoned
    // as it is, without disposing, since its state can no longer be trusted. The garbage collector frees it.
    return finish({ ok: false, error: hostFailure(error, state) });
  }
}

function runInContext(args: {
  context: QuickJSContext;
  runtime: QuickJSRuntime;
  code: string;
  paramsJson: string;
  contextJson: string;
  logs: LogCollector;
  state: TRunState;
}): TOutcome {
  const { context, runtime, state } = args;
  const owned: QuickJSHandle[] = [];
  const own = <T extends QuickJSHandle>(handle: T): T => {
    owned.push(handle);
    return handle;
  };
  try {
    // The built-ins the host uses, taken before any user code can replace them.
    const json = own(context.getProp(context.global, "JSON"));
    const [parse, stringify] = [own(context.getProp(json, "parse")), own(context.getProp(json, "stringify"))];
    const promiseCtor = own(context.getProp(context.global, "Promise"));
    const promiseResolve = own(context.getProp(promiseCtor, "resolve"));
    installConsole(context, own, args.logs, state.limits.maxLogLineChars);

    const inputs: QuickJSHandle[] = [];
    for (const text of [args.paramsJson, args.contextJson]) {
      const parsed = context.callFunction(parse, json, own(context.newString(text)));
      if (parsed.error) return { ok: false, error: describeThrown(context, own(parsed.error), state) };
      inputs.push(own(parsed.value));
    }

    // Parentheses make the source an expression; the newline keeps a trailing line comment from eating ")".
    const evaluated = context.evalCode(`(${args.code.replace(/[\s;]+$/, "")}\n)`, "function.js");
    if (evaluated.error) return { ok: false, error: describeThrown(context, own(evaluated.error), state) };
    const fn = own(evaluated.value);
    if (context.typeof(fn) !== "function") {
      return { ok: false, error: { name: "TypeError", message: "The code must be a function: function (params, context) { … }" } };
    }

    const called = context.callFunction(fn, context.undefined, ...inputs);
    if (called.error) return { ok: false, error: describeThrown(context, own(called.error), state) };
    // Promise.resolve settles a value, a promise or any thenable the way `await` would.
    const resolved = context.callFunction(promiseResolve, promiseCtor, own(called.value));
    if (resolved.error) return { ok: false, error: describeThrown(context, own(resolved.error), state) };
    const promise = own(resolved.value);

    // Promise jobs are the only asynchrony in the sandbox: once none are left, the promise has settled or never will.
    while (runtime.hasPendingJob() && !state.timedOut) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) own(jobs.error);
    }
    const settled = context.getPromiseState(promise);
    if (settled.type === "rejected") return { ok: false, error: describeThrown(context, own(settled.error), state) };
    if (settled.type === "pending") {
      if (state.timedOut) return { ok: false, error: timeoutError(state) };
      return { ok: false, error: { name: "UnsettledPromiseError", message: "The function returned a promise that never settles (there are no timers or I/O)" } };
    }
    // Serialised here, outside any promise job: in this QuickJS build, JSON.stringify of a multi-megabyte
    // string inside a promise job leaks an object.
    const serialized = context.callFunction(stringify, json, own(settled.value));
    if (state.timedOut) return { ok: false, error: timeoutError(state) };
    if (serialized.error) {
      const cause = describeThrown(context, own(serialized.error), state);
      return { ok: false, error: { name: "OutputError", message: `The function's result is not JSON-serialisable: ${cause.message}` } };
    }
    const text = own(serialized.value);
    // undefined (or a function) serialises to undefined: the result is null, as a JSON body would have it.
    if (context.typeof(text) !== "string") return { ok: true, value: null };
    // Checked in characters before the string leaves the sandbox, then in UTF-8 bytes.
    if ((context.getLength(text) ?? 0) > state.limits.maxOutputBytes) return { ok: false, error: outputTooLargeError(state) };
    return decodeResult(context.getString(text), state);
  } finally {
    for (const handle of owned.reverse()) if (handle.alive) handle.dispose();
  }
}

/** console.log/info/warn/error/debug as host functions, each line shown the way a browser console would. */
function installConsole(context: QuickJSContext, own: <T extends QuickJSHandle>(handle: T) => T, logs: LogCollector, maxChars: number): void {
  let show: QuickJSHandle | undefined;
  const console = own(context.newObject());
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    const write = own(
      context.newFunction(method, (...values) => {
        const showValue: QuickJSHandle = (show ??= own(context.unwrapResult(context.evalCode(SHOW_SOURCE, "console.js"))));
        let text = "";
        for (let i = 0; i < values.length && text.length <= maxChars; i++) {
          const shown = context.callFunction(showValue, context.undefined, values[i]);
          text += (i ? " " : "") + (shown.error ? (shown.error.dispose(), "[unprintable]") : context.getString(own(shown.value)));
        }
        logs.add(level, text.slice(0, maxChars));
      }),
    );
    context.setProp(console, method, write);
  }
  context.setProp(context.global, "console", console);
}

/** The function's result as JSON text, within the output limit in UTF-8 bytes. */
function decodeResult(json: string, state: TRunState): TOutcome {
  if (state.timedOut) return { ok: false, error: timeoutError(state) };
  if (Buffer.byteLength(json) > state.limits.maxOutputBytes) return { ok: false, error: outputTooLargeError(state) };
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch {
    return { ok: false, error: { name: "OutputError", message: "The function's result could not be read as JSON" } };
  }
}

function asFunctionError(value: unknown): TFunctionError {
  if (value === null || typeof value !== "object") return { name: "Error", message: String(value) };
  const { name, message, stack } = value as Record<string, unknown>;
  return {
    name: typeof name === "string" && name ? name : "Error",
    message: typeof message === "string" ? message : JSON.stringify(value),
    ...(typeof stack === "string" && stack ? { stack } : {}),
  };
}

function describeThrown(context: QuickJSContext, handle: QuickJSHandle, state: TRunState): TFunctionError {
  if (state.timedOut) return timeoutError(state);
  const dumped: unknown = context.dump(handle);
  return normalizeError(asFunctionError(dumped), state);
}

/** Maps the engine's own limit errors to names a builder can act on, and trims stacks. */
function normalizeError(error: TFunctionError, state: TRunState): TFunctionError {
  if (state.timedOut) return timeoutError(state);
  if (error.name === "InternalError" && /out of memory/.test(error.message)) return memoryError(state);
  if (error.name === "InternalError" && error.message === "stack overflow") {
    return { name: "StackOverflowError", message: "Maximum call stack size exceeded (too deep a recursion?)" };
  }
  const stack = error.stack?.split("\n").slice(0, 20).join("\n");
  return { name: error.name.slice(0, 200), message: error.message.slice(0, 10_000), ...(stack ? { stack } : {}) };
}

function hostFailure(error: unknown, state: TRunState): TFunctionError {
  if (state.timedOut) return timeoutError(state);
  const message = messageOf(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return { name: "StackOverflowError", message: "Maximum call stack size exceeded (too deep a recursion?)" };
  }
  if (/out of memory|enlarge memory|memory access out of bounds/i.test(message)) return memoryError(state);
  return { name: "SandboxError", message: `The sandbox failed: ${message}` };
}

const timeoutError = (state: TRunState): TFunctionError => ({
  name: "TimeoutError",
  message: `The function timed out after ${state.limits.timeoutMs} ms`,
});
const memoryError = (state: TRunState): TFunctionError => ({
  name: "MemoryLimitError",
  message: `The function ran out of memory (limit ${formatBytes(state.limits.memoryBytes)})`,
});
const outputTooLargeError = (state: TRunState): TFunctionError => ({
  name: "OutputTooLargeError",
  message: `The function's result is larger than ${formatBytes(state.limits.maxOutputBytes)} as JSON`,
});

function formatBytes(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : bytes % KiB === 0 ? `${bytes / KiB} KiB` : `${bytes} bytes`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Keeps console output bounded however chatty the code is, and says how much was dropped. */
class LogCollector {
  private readonly entries: TFunctionLog[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(private readonly limits: TFunctionLimits) {}

  add(level: string, message: string) {
    const text = message.slice(0, this.limits.maxLogLineChars);
    if (this.entries.length >= this.limits.maxLogLines || this.bytes + text.length > this.limits.maxLogBytes) {
      this.dropped++;
      return;
    }
    this.bytes += text.length;
    this.entries.push({ level: isLogLevel(level) ? level : "log", message: text });
  }

  lines(): TFunctionLog[] {
    if (this.dropped === 0) return [...this.entries];
    return [...this.entries, { level: "warn", message: `${this.dropped} more console lines were dropped` }];
  }
}

function isLogLevel(level: string): level is TFunctionLog["level"] {
  return level === "log" || level === "info" || level === "warn" || level === "error";
}
