// Function steps run in a pool of worker_threads, off the calling process's event loop. QuickJS evaluates
// synchronously: on the main thread, code spinning near its time limit stopped heartbeats, HTTP and every
// other run for seconds. Each thread runs the same runFunction (run-function.ts), with the same limits, in
// its own WASM instance; the pool adds what only the main thread can do: a bound on waiting calls, and a
// wall-clock deadline that terminates a thread stuck beyond QuickJS's interrupt handler.
//
// A small wrapper rather than piscina: the deadline counts from the moment a thread starts a call, not from
// when the call was queued (piscina's abort signal also covers the wait in its queue); a thread takes work
// only once it has compiled the WASM; and a thread lost mid-call answers with a result, never a rejection.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { integerFromEnv } from "@/lib/config/integer-from-env";
import { DEFAULT_FUNCTION_LIMITS, type TRunFunctionInput, type TRunFunctionResult } from "./run-function";

/** The pool's queue is full: the call was refused without running. */
export class SandboxBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxBusyError";
  }
}

export type TSandboxPool = {
  /** Runs a call as runFunction would; `input.clock` cannot cross into a thread and is ignored. */
  run(input: TRunFunctionInput): Promise<TRunFunctionResult>;
  /** Starts every thread and waits until each has compiled and instantiated the WASM. */
  warmUp(): Promise<void>;
  /** Terminates the threads; calls still queued or running resolve with a SandboxError. */
  close(): Promise<void>;
  stats(): { threads: number; busy: number; queued: number };
};

export type TSandboxPoolOptions = {
  threads: number;
  /** Calls that may wait for a thread; one more is refused with SandboxBusyError. */
  maxQueue: number;
  /** How long past its own time limit a call may hold its thread before the thread is terminated. */
  graceMs?: number;
  /** The thread's script; tests swap in a fixture that can misbehave. */
  threadEntry?: string;
};

// Located from the working directory, not from this module: inside the production web server this module
// is bundled into .next/server chunks, where import.meta.url says nothing about where the source tree is.
// Every process kind (vitest, `npm run worker`, scripts/web.ts, the benches) runs from the repository root.
const threadEntryPath = () => path.join(process.cwd(), "lib/engine/sandbox/sandbox-thread.cjs");

type TThreadInput = Omit<TRunFunctionInput, "clock">;
type TThreadMessage = { type: "ready" } | { type?: undefined; id: number; result: TRunFunctionResult };
type TCall = { input: TThreadInput; timeoutMs: number; resolve: (result: TRunFunctionResult) => void };
type TThread = {
  worker: Worker;
  isReady: boolean;
  /** Settles once the thread can take calls; awaited by warmUp only. */
  ready: Promise<void>;
  settleBoot: (error?: Error) => void;
  running?: { id: number; call: TCall; startedAt: number; timer: NodeJS.Timeout };
};

const failure = (name: string, message: string, durationMs: number): TRunFunctionResult => ({
  ok: false,
  error: { name, message },
  logs: [],
  durationMs: Math.max(0, Math.round(durationMs)),
});

class SandboxPool {
  private readonly threads = new Set<TThread>();
  private readonly queue: TCall[] = [];
  private readonly graceMs: number;
  private readonly entry: string;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: TSandboxPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new Error("A sandbox pool needs at least one thread");
    if (!Number.isInteger(options.maxQueue) || options.maxQueue < 0) throw new Error("A sandbox pool's queue limit must be 0 or more");
    this.graceMs = options.graceMs ?? 1_000;
    this.entry = options.threadEntry ?? threadEntryPath();
    if (!existsSync(this.entry)) throw new Error(`The sandbox thread script is missing: ${this.entry} (start Switchyard from its directory)`);
  }

  run(input: TRunFunctionInput): Promise<TRunFunctionResult> {
    if (this.closed) return Promise.resolve(failure("SandboxError", "The sandbox pool is closed", 0));
    if (!this.idleThread() && this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new SandboxBusyError(`The sandbox is busy: ${this.queue.length} calls are already waiting for a thread`));
    }
    const timeoutMs = input.limits?.timeoutMs ?? DEFAULT_FUNCTION_LIMITS.timeoutMs;
    return new Promise((resolve) => {
      this.queue.push({ input: { code: input.code, params: input.params, context: input.context, limits: input.limits }, timeoutMs, resolve });
      this.pump();
    });
  }

  async warmUp(): Promise<void> {
    if (this.closed) return;
    while (this.threads.size < this.options.threads) this.spawn();
    await Promise.all([...this.threads].map((thread) => thread.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const call of this.queue.splice(0)) call.resolve(failure("SandboxError", "The sandbox pool closed before the call ran", 0));
    const threads = [...this.threads];
    this.threads.clear();
    await Promise.all(
      threads.map((thread) => {
        this.settleRunning(thread, (elapsed) => failure("SandboxError", "The sandbox pool closed while the call ran", elapsed));
        thread.settleBoot(new Error("The sandbox pool closed"));
        return thread.worker.terminate();
      }),
    );
  }

  stats() {
    let busy = 0;
    for (const thread of this.threads) if (thread.running) busy++;
    return { threads: this.threads.size, busy, queued: this.queue.length };
  }

  private idleThread(): TThread | undefined {
    for (const thread of this.threads) if (thread.isReady && !thread.running) return thread;
    return undefined;
  }

  /** Hands queued calls to idle threads, and starts threads (up to the pool's size) for calls still waiting. */
  private pump(): void {
    for (let thread = this.idleThread(); thread && this.queue.length > 0; thread = this.idleThread()) this.start(thread, this.queue.shift()!);
    let booting = 0;
    for (const thread of this.threads) if (!thread.isReady) booting++;
    for (; this.queue.length > booting && this.threads.size < this.options.threads; booting++) this.spawn();
  }

  private start(thread: TThread, call: TCall): void {
    const id = ++this.nextId;
    const timer = setTimeout(() => this.expire(thread), call.timeoutMs + this.graceMs);
    thread.running = { id, call, startedAt: performance.now(), timer };
    // An idle thread must not keep the process alive; a busy one holds it until its call settles.
    thread.worker.ref();
    try {
      thread.worker.postMessage({ id, input: call.input });
    } catch {
      // Structured clone refuses functions and symbols, which JSON, the only way runFunction reads the
      // inputs, drops: the thread gets the inputs' JSON form instead, and reads the very same text from it.
      try {
        const { params, context } = JSON.parse(JSON.stringify({ params: call.input.params ?? {}, context: call.input.context }));
        thread.worker.postMessage({ id, input: { ...call.input, params, context } });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.finish(thread, failure("InputError", `Inputs are not JSON: ${message}`, 0));
      }
    }
  }

  private finish(thread: TThread, result: TRunFunctionResult): void {
    this.settleRunning(thread, () => result);
    thread.worker.unref();
    this.pump();
  }

  /** Past the deadline the thread is stuck beyond the interrupt handler: it is terminated and replaced. */
  private expire(thread: TThread): void {
    this.threads.delete(thread);
    void thread.worker.terminate();
    this.settleRunning(thread, (elapsed, call) => failure("TimeoutError", `The function timed out after ${call.timeoutMs} ms`, elapsed));
    this.replace();
  }

  private onExit(thread: TThread, error: Error): void {
    // A thread the pool retired on purpose has been dealt with already.
    if (!this.threads.delete(thread)) return;
    this.settleRunning(thread, (elapsed) => failure("SandboxError", `The sandbox failed: ${error.message}`, elapsed));
    if (thread.isReady) return this.replace();
    // A thread that cannot even start is not retried in a loop: if none is left to serve the queue, the queued
    // calls fail with the reason, and the next call tries again.
    thread.settleBoot(error);
    if (this.threads.size > 0) return;
    for (const call of this.queue.splice(0)) call.resolve(failure("SandboxError", `The sandbox could not start: ${error.message}`, 0));
  }

  private replace(): void {
    if (!this.closed) this.spawn();
    this.pump();
  }

  private settleRunning(thread: TThread, settle: (elapsedMs: number, call: TCall) => TRunFunctionResult): void {
    const running = thread.running;
    if (!running) return;
    thread.running = undefined;
    clearTimeout(running.timer);
    running.call.resolve(settle(performance.now() - running.startedAt, running.call));
  }

  private spawn(): void {
    // No inherited flags: the thread loads TypeScript itself, whichever loader the parent was started with.
    const worker = new Worker(this.entry, { execArgv: [] });
    let settleBoot: (error?: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      settleBoot = (error) => (error ? reject(error) : resolve());
    });
    // Only warmUp awaits a thread's start; a failed start is otherwise handled in onExit.
    ready.catch(() => undefined);
    const thread: TThread = { worker, isReady: false, ready, settleBoot };
    let lastError: Error | undefined;
    worker.on("message", (message: TThreadMessage) => {
      if (message.type === "ready") {
        thread.isReady = true;
        worker.unref();
        settleBoot();
        this.pump();
      } else if (thread.running?.id === message.id) {
        this.finish(thread, message.result);
      }
    });
    worker.on("error", (error) => {
      lastError = error;
    });
    worker.on("exit", (code) => this.onExit(thread, lastError ?? new Error(`the thread exited with code ${code}`)));
    this.threads.add(thread);
  }
}

/** The methods may be passed on alone, as executeLeafStep's `runFunction` takes `pool.run`. */
export function createSandboxPool(options: TSandboxPoolOptions): TSandboxPool {
  const pool = new SandboxPool(options);
  return { run: (input) => pool.run(input), warmUp: () => pool.warmUp(), close: () => pool.close(), stats: () => pool.stats() };
}

// Kept on globalThis so that a module reloaded in development does not leave a second set of threads behind.
const globalForPools = globalThis as unknown as { switchyardWorkerSandbox?: TSandboxPool; switchyardWebSandbox?: TSandboxPool };

/** The worker process's pool: SANDBOX_THREADS (default os.availableParallelism()), SANDBOX_QUEUE_LIMIT (default 10000). */
export function workerSandboxPool(): TSandboxPool {
  return (globalForPools.switchyardWorkerSandbox ??= createSandboxPool({
    threads: integerFromEnv("SANDBOX_THREADS", os.availableParallelism()),
    maxQueue: integerFromEnv("SANDBOX_QUEUE_LIMIT", 10_000, { min: 0 }),
  }));
}

/** The web process's pool for Test step: SANDBOX_WEB_THREADS (default 1), SANDBOX_WEB_QUEUE_LIMIT (default 4). */
export function webSandboxPool(): TSandboxPool {
  return (globalForPools.switchyardWebSandbox ??= createSandboxPool({
    threads: integerFromEnv("SANDBOX_WEB_THREADS", 1),
    maxQueue: integerFromEnv("SANDBOX_WEB_QUEUE_LIMIT", 4, { min: 0 }),
  }));
}
