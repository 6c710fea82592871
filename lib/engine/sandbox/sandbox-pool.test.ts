import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFunction, type TRunFunctionInput, type TRunFunctionResult } from "./run-function";
import { createSandboxPool, SandboxBusyError, type TSandboxPool } from "./sandbox-pool";

const context = {
  user: { id: "u1", metadata: { plan: "pro" } },
  settings: { channel: "#general" },
  trigger: { payload: { amount: 42 } },
  steps: { fetch: { output: { items: [1, 2, 3] } } },
};
const FIXTURE = path.join(import.meta.dirname, "sandbox-thread-fixture.cjs");
/** Keeps a thread busy in QuickJS for `ms`, reading the clock the sandbox has. */
const spin = (ms: number) => `function () { const end = Date.now() + ${ms}; while (Date.now() < end) {} return "done" }`;
const call = (code: string, limits?: TRunFunctionInput["limits"]): TRunFunctionInput => ({ code, params: { name: "Ada" }, context, limits });
/** What a result says, whoever ran it: the duration is the one figure that differs. */
const outcome = (result: TRunFunctionResult) => ({ ...result, durationMs: 0 });

let pool: TSandboxPool;

beforeAll(async () => {
  pool = createSandboxPool({ threads: 2, maxQueue: 100 });
  await pool.warmUp();
});

afterAll(() => pool.close());

describe("the pool answers as runFunction does", () => {
  it.each<[string, string, TRunFunctionInput["limits"]?]>([
    ["a value from params and context", "function (params, context) { return params.name + ' ' + context.trigger.payload.amount }"],
    ["an async function", "async function (params) { const x = await Promise.resolve(2); return x * 21 }"],
    ["a thrown error, with its stack", "function (params) {\n  throw new TypeError('bad input')\n}"],
    ["console lines with their levels", "function (p) { console.log('hi', p.name, { a: 1 }); console.warn('careful'); console.error(new Error('boom')); return 1 }"],
    ["logs kept when the function fails", "function () { console.log('before'); throw new Error('x') }"],
    ["a memory bomb", "function () { let a = []; for (;;) a.push(new Array(1e6).fill(1)) }", { timeoutMs: 20_000 }],
    ["an endless loop", "function () { while (true) {} }", { timeoutMs: 200 }],
    ["deep recursion", "function f(n) { return f(n + 1) + 1 }"],
    ["process through the Function constructor", "function () { return this.constructor.constructor('return process')().env }"],
    ["require and process", "function () { return [typeof require, typeof process, typeof globalThis.process, typeof fetch] }"],
    ["an output over the limit", "function () { return 'x'.repeat(600) }", { maxOutputBytes: 100 }],
  ])("for %s", async (_name, code, limits) => {
    const [inThread, inPool] = [await runFunction(call(code, limits)), await pool.run(call(code, limits))];
    expect(outcome(inPool)).toEqual(outcome(inThread));
  });

  it("reads inputs that structured clone refuses as JSON does, dropping the functions", async () => {
    const input = { ...call("function (params) { return params }"), params: { name: "Ada", greet: () => "hi" } };
    expect(outcome(await pool.run(input))).toEqual(outcome(await runFunction(input)));
    expect(await pool.run(input)).toMatchObject({ ok: true, value: { name: "Ada" } });
  });

  it("names the limits a builder hits as the engine does", async () => {
    const [bomb, loop] = await Promise.all([
      pool.run(call("function () { let a = []; for (;;) a.push(new ArrayBuffer(1e6)) }", { timeoutMs: 20_000 })),
      pool.run(call("function () { for (;;) { try { while (true) {} } catch (e) {} } }", { timeoutMs: 200 })),
    ]);
    expect(bomb).toMatchObject({ ok: false, error: { name: "MemoryLimitError", message: "The function ran out of memory (limit 32 MiB)" } });
    expect(loop).toMatchObject({ ok: false, error: { name: "TimeoutError", message: "The function timed out after 200 ms" } });
  });

  it("runs calls side by side on its threads, each in a clean sandbox", async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(call(`function () { globalThis.seen = (globalThis.seen || 0) + 1; return [${n}, globalThis.seen] }`))));
    expect(results.map((result) => result.ok && result.value)).toEqual([[1, 1], [2, 1], [3, 1], [4, 1], [5, 1]]);
  });
});

describe("the main thread", () => {
  it("keeps turning its event loop while user code spins", async () => {
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    try {
      const result = await pool.run(call(spin(2_000), { timeoutMs: 3_000 }));
      expect(result).toMatchObject({ ok: true, value: "done" });
    } finally {
      clearInterval(interval);
    }
    // Run on this thread, the loop would not have turned once before the call returned.
    expect(ticks).toBeGreaterThan(20);
  });
});

describe("threads that misbehave", () => {
  let fixture: TSandboxPool;

  beforeAll(async () => {
    fixture = createSandboxPool({ threads: 1, maxQueue: 10, graceMs: 200, threadEntry: FIXTURE });
    await fixture.warmUp();
  });

  afterAll(() => fixture.close());

  it("terminates a thread stuck beyond the interrupt handler at the deadline, answers a timeout, and serves the next call", async () => {
    const stuck = fixture.run(call("test:block", { timeoutMs: 100 }));
    const next = fixture.run(call("function () { return 'after' }"));
    expect(await stuck).toEqual({ ok: false, error: { name: "TimeoutError", message: "The function timed out after 100 ms" }, logs: [], durationMs: expect.any(Number) });
    expect(await next).toMatchObject({ ok: true, value: "after" });
    expect(fixture.stats()).toEqual({ threads: 1, busy: 0, queued: 0 });
  });

  it("answers a SandboxError when a thread dies mid-call, and replaces the thread", async () => {
    expect(await fixture.run(call("test:crash"))).toMatchObject({ ok: false, error: { name: "SandboxError", message: "The sandbox failed: the thread crashed" }, logs: [] });
    expect(fixture.stats().threads).toBe(1);
    expect(await fixture.run(call("function () { return 'again' }"))).toMatchObject({ ok: true, value: "again" });
  });

  it("fails the calls waiting for a thread that cannot start, and rejects warmUp with the reason", async () => {
    const entry = path.join(os.tmpdir(), `sandbox-thread-broken-${process.pid}.cjs`);
    writeFileSync(entry, "throw new Error('cannot load the sandbox')\n");
    const broken = createSandboxPool({ threads: 2, maxQueue: 10, threadEntry: entry });
    try {
      const results = await Promise.all([broken.run(call("function () { return 1 }")), broken.run(call("function () { return 2 }"))]);
      for (const result of results) expect(result).toMatchObject({ ok: false, error: { name: "SandboxError", message: "The sandbox could not start: cannot load the sandbox" } });
      await expect(broken.warmUp()).rejects.toThrow("cannot load the sandbox");
    } finally {
      await broken.close();
    }
  });
});

describe("bounds", () => {
  it("refuses a call past the queue bound at once with SandboxBusyError", async () => {
    const small = createSandboxPool({ threads: 1, maxQueue: 1 });
    try {
      await small.warmUp();
      const running = small.run(call(spin(300)));
      const queued = small.run(call("function () { return 'queued' }"));
      expect(small.stats()).toEqual({ threads: 1, busy: 1, queued: 1 });
      await expect(small.run(call("function () { return 'refused' }"))).rejects.toBeInstanceOf(SandboxBusyError);
      expect(await running).toMatchObject({ ok: true, value: "done" });
      expect(await queued).toMatchObject({ ok: true, value: "queued" });
    } finally {
      await small.close();
    }
  });

  it("answers calls still running or queued when it closes, and every call after", async () => {
    const closing = createSandboxPool({ threads: 1, maxQueue: 5 });
    await closing.warmUp();
    const running = closing.run(call(spin(5_000), { timeoutMs: 10_000 }));
    const queued = closing.run(call("function () { return 1 }"));
    await closing.close();
    expect(await running).toMatchObject({ ok: false, error: { name: "SandboxError", message: "The sandbox pool closed while the call ran" } });
    expect(await queued).toMatchObject({ ok: false, error: { name: "SandboxError", message: "The sandbox pool closed before the call ran" } });
    expect(await closing.run(call("function () { return 1 }"))).toMatchObject({ ok: false, error: { name: "SandboxError" } });
    expect(closing.stats()).toEqual({ threads: 0, busy: 0, queued: 0 });
  });
});
