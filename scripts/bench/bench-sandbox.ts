// `npm run bench:sandbox`: what running Function steps in the worker-thread pool (lib/engine/sandbox/
// sandbox-pool.ts) costs against calling runFunction on the calling thread: the per-call overhead of a
// trivial function, calls/s with 1 and N threads for a trivial and a 100 ms CPU-bound function, and how long
// the calling thread's event loop was held meanwhile. Prints one JSON line per figure. A measurement, not a
// test: nothing here passes or fails.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { runFunction, type TRunFunctionInput, type TRunFunctionResult } from "@/lib/engine/sandbox/run-function";
import { createSandboxPool } from "@/lib/engine/sandbox/sandbox-pool";

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const CPU_CALLS = Number(process.env.BENCH_CPU_CALLS ?? 40);
const THREADS = Number(process.env.BENCH_THREADS ?? os.availableParallelism());
/** Calls kept in flight for the throughput figures, enough to keep every thread busy. */
const IN_FLIGHT = 64;

const TRIVIAL = "function (params) { return params.n + 1 }";
const CPU_100MS = "function () { const end = Date.now() + 100; let n = 0; while (Date.now() < end) n++; return n }";

const print = (figure: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: "sandbox", ...figure, loadavg: os.loadavg().map((load) => Number(load.toFixed(2))) }));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (value: number) => Math.round(value);

type TRunner = (input: TRunFunctionInput) => Promise<TRunFunctionResult>;
const input = (code: string, n: number): TRunFunctionInput => ({ code, params: { n }, context: { user: null, settings: {}, trigger: null, steps: {} } });

function check(result: TRunFunctionResult): void {
  if (!result.ok) throw new Error(`The benchmark's function failed: ${result.error.name}: ${result.error.message}`);
}

/**
 * One call at a time, the latency a single Function step sees, in microseconds: calls on this thread and
 * through the pool alternate, so that both see the same noise from other work on the machine.
 */
async function latencies(viaPool: TRunner, calls: number): Promise<{ direct: number[]; pooled: number[] }> {
  const direct: number[] = [];
  const pooled: number[] = [];
  for (let n = 0; n < calls; n++) {
    for (const [run, micros] of [[runFunction, direct], [viaPool, pooled]] as const) {
      const started = performance.now();
      check(await run(input(TRIVIAL, n)));
      micros.push((performance.now() - started) * 1000);
    }
  }
  return { direct: direct.sort((a, b) => a - b), pooled: pooled.sort((a, b) => a - b) };
}

/**
 * The longest gap between turns of the event loop, from a 5 ms interval. (perf_hooks' monitorEventLoopDelay
 * reported 0 for calls on this thread: a run of calls settling through promise jobs alone never lets its timer fire.)
 */
function stallMeter(): () => number {
  let last = performance.now();
  let longest = 0;
  const interval = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(interval);
    return Math.max(longest, performance.now() - last);
  };
}

/** `calls` calls with IN_FLIGHT at once; calls/s, and the longest the calling thread's event loop stalled. */
async function throughput(run: TRunner, code: string, calls: number) {
  const stopMeter = stallMeter();
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < calls) check(await run(input(code, next++)));
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, calls) }, lane));
  const seconds = (performance.now() - started) / 1000;
  return { callsPerSecond: round(calls / seconds), eventLoopMaxStallMs: round(stopMeter()) };
}

async function main() {
  const single = createSandboxPool({ threads: 1, maxQueue: 10_000 });
  const many = createSandboxPool({ threads: THREADS, maxQueue: 10_000 });
  try {
    const warmStart = performance.now();
    await Promise.all([single.warmUp(), many.warmUp()]);
    print({ metric: "warm_up", threads: 1 + THREADS, ms: round(performance.now() - warmStart), note: "both pools, threads started in parallel" });
    // Untimed rounds first: JIT compilation of both paths and the first WASM instances.
    await latencies(single.run, 300);

    const { direct, pooled } = await latencies(single.run, CALLS);
    for (const [runner, sorted] of [["in_thread", direct], ["pool", pooled]] as const) {
      print({ metric: "call_latency_us", runner, calls: CALLS, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) });
    }
    // A difference of percentiles, not a percentile of differences: at p99 it is mostly the machine's noise.
    print({
      metric: "pool_overhead_us",
      p50: round(percentile(pooled, 50) - percentile(direct, 50)),
      p99: round(percentile(pooled, 99) - percentile(direct, 99)),
    });

    for (const [label, code, calls] of [["trivial", TRIVIAL, CALLS], ["cpu_100ms", CPU_100MS, CPU_CALLS]] as const) {
      print({ metric: "throughput", function: label, runner: "in_thread", calls, ...(await throughput(runFunction, code, calls)) });
      print({ metric: "throughput", function: label, runner: "pool", threads: 1, calls, ...(await throughput(single.run, code, calls)) });
      print({ metric: "throughput", function: label, runner: "pool", threads: THREADS, calls, ...(await throughput(many.run, code, calls)) });
    }
  } finally {
    await Promise.all([single.close(), many.close()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
