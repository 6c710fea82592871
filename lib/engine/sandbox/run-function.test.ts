import { describe, expect, it } from "vitest";
import { runFunction, type TRunFunctionInput } from "./run-function";

const context = {
  user: { id: "u1", metadata: { plan: "pro" } },
  settings: { channel: "#general" },
  trigger: { payload: { amount: 42 } },
  steps: { fetch: { output: { items: [1, 2, 3] } } },
};

function run(code: string, extra: Partial<TRunFunctionInput> = {}) {
  return runFunction({ code, params: { name: "Ada" }, context, ...extra });
}

describe("runFunction — results", () => {
  it.each<[string, string, unknown]>([
    ["a value from params and context", "function (params, context) { return params.name + ' ' + context.trigger.payload.amount }", "Ada 42"],
    ["an object", "function (p, c) { return { plan: c.user.metadata.plan, n: c.steps.fetch.output.items.length } }", { plan: "pro", n: 3 }],
    ["an async function", "async function (params) { const x = await Promise.resolve(2); return x * 21 }", 42],
    ["an arrow function", "(params) => params.name.length", 3],
    ["a named function with a trailing comment", "function main(p) { return 1 } // done", 1],
    ["a function with a trailing semicolon", "function (p) { return 2 };\n", 2],
    ["undefined as null", "function () {}", null],
    ["functions inside results dropped as JSON does", "function () { return { a: 1, f() {} } }", { a: 1 }],
    ["Dates as ISO strings", "function () { return new Date(0) }", "1970-01-01T00:00:00.000Z"],
    [
      "big JSON work after an await",
      "async function () { await 0; return JSON.stringify('x'.repeat(3e6)).length }",
      3_000_002,
    ],
    ["a chain of promises", "async function () { let n = 0; for (let i = 0; i < 100; i++) n += await i; return n }", 4950],
  ])("returns %s", async (_name, code, expected) => {
    const result = await run(code);
    expect(result).toMatchObject({ ok: true, value: expected });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe("runFunction — failures", () => {
  it.each<[string, string, string, RegExp]>([
    ["a thrown error", "function () { throw new TypeError('bad input') }", "TypeError", /^bad input$/],
    ["a rejected promise", "async function () { await null; throw new RangeError('later') }", "RangeError", /^later$/],
    ["a thrown string", "function () { throw 'plain' }", "Error", /^plain$/],
    ["a syntax error", "function (params) { return params. }", "SyntaxError", /./],
    ["code that is not a function", "42", "TypeError", /must be a function/],
    ["statements instead of a function", "return 1", "SyntaxError", /./],
    ["a circular result", "function () { const a = {}; a.self = a; return a }", "OutputError", /not JSON-serialisable/],
    ["a BigInt result", "function () { return 10n }", "OutputError", /not JSON-serialisable/],
    ["a promise that never settles", "async function () { await new Promise(() => {}) }", "UnsettledPromiseError", /never settles/],
    ["deep recursion", "function f(n) { return f(n + 1) + 1 }", "StackOverflowError", /call stack/],
  ])("reports %s", async (_name, code, name, message) => {
    const result = await run(code);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.name).toBe(name);
    expect(result.error.message).toMatch(message);
  });

  it("keeps the stack of a thrown error", async () => {
    const result = await run("function (params) {\n  throw new Error('here')\n}");
    expect(result).toMatchObject({ ok: false, error: { name: "Error", message: "here" } });
    expect(!result.ok && result.error.stack).toMatch(/function\.js:2/);
  });

  it("refuses inputs that are not JSON", async () => {
    const params: Record<string, unknown> = {};
    params.self = params;
    expect(await runFunction({ code: "function () {}", params, context })).toMatchObject({
      ok: false,
      error: { name: "InputError" },
    });
  });
});

describe("runFunction — isolation", () => {
  it.each([
    ["require", "function () { return typeof require }"],
    ["process", "function () { return typeof process }"],
    ["fetch", "function () { return typeof fetch }"],
    ["setTimeout", "function () { return typeof setTimeout }"],
    ["process through the Function constructor", "function () { return this.constructor.constructor('return typeof process')() }"],
    ["globalThis.process", "function () { return typeof globalThis.process }"],
  ])("%s is undefined", async (_name, code) => {
    expect(await run(code)).toMatchObject({ ok: true, value: "undefined" });
  });

  it("the Function constructor escape reaches nothing", async () => {
    const result = await run("function () { return this.constructor.constructor('return process')().env }");
    expect(result).toMatchObject({ ok: false, error: { name: "ReferenceError" } });
  });

  it("does not share globals between calls", async () => {
    expect(await run("function () { globalThis.leak = 1; return 1 }")).toMatchObject({ ok: true });
    expect(await run("function () { return typeof leak }")).toMatchObject({ ok: true, value: "undefined" });
  });
});

describe("runFunction — limits", () => {
  it("stops an endless loop at the time limit", async () => {
    const result = await run("function () { while (true) {} }", { limits: { timeoutMs: 200 } });
    expect(result).toMatchObject({ ok: false, error: { name: "TimeoutError", message: "The function timed out after 200 ms" } });
    expect(result.durationMs).toBeGreaterThanOrEqual(200);
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it("stops an endless loop the code tries to catch", async () => {
    const code = "function () { for (;;) { try { while (true) {} } catch (e) {} } }";
    expect(await run(code, { limits: { timeoutMs: 200 } })).toMatchObject({ ok: false, error: { name: "TimeoutError" } });
  });

  it("stops an endless chain of promise jobs", async () => {
    const code = "async function () { for (;;) await null }";
    expect(await run(code, { limits: { timeoutMs: 200 } })).toMatchObject({ ok: false, error: { name: "TimeoutError" } });
  });

  it.each([
    ["big arrays", "function () { let a = []; for (;;) a.push(new Array(1e6).fill(1)) }"],
    ["buffers", "function () { let a = []; for (;;) a.push(new ArrayBuffer(1e6)) }"],
    ["small objects", "function () { let a = []; for (;;) a.push({ x: a.length }) }"],
    ["string doubling", "function () { let s = 'x'; let a = []; for (;;) { s = s + s; a.push(s) } }"],
  ])("ends a memory bomb of %s as out of memory", async (_name, code) => {
    const result = await run(code, { limits: { timeoutMs: 20_000 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(["MemoryLimitError", "InternalError"]).toContain(result.error.name);
    expect(result.error.message).toMatch(/memory|string too long/);
  });

  it("rejects a result over the output limit", async () => {
    const result = await run("function () { return 'x'.repeat(6 * 1024 * 1024) }");
    expect(result).toMatchObject({ ok: false, error: { name: "OutputTooLargeError", message: /5 MiB/ } });
  });

  it("measures the output limit in UTF-8 bytes", async () => {
    const code = "function () { return 'é'.repeat(600) }"; // 600 characters, 1,202 bytes as JSON
    expect(await run(code, { limits: { maxOutputBytes: 1000 } })).toMatchObject({ ok: false, error: { name: "OutputTooLargeError" } });
    expect(await run(code, { limits: { maxOutputBytes: 2000 } })).toMatchObject({ ok: true });
  });
});

describe("runFunction — console", () => {
  it("captures console lines with their levels", async () => {
    const code = `function (params) {
      console.log("hello", params.name, { a: 1 }, [1, 2], 3, null, undefined);
      console.info("info");
      console.warn("careful");
      console.error(new Error("boom"));
      console.debug("debug");
      return 1;
    }`;
    expect((await run(code)).logs).toEqual([
      { level: "log", message: 'hello Ada {"a":1} [1,2] 3 null undefined' },
      { level: "info", message: "info" },
      { level: "warn", message: "careful" },
      { level: "error", message: "Error: boom" },
      { level: "log", message: "debug" },
    ]);
  });

  it("keeps logs when the function fails", async () => {
    const result = await run("function () { console.log('before'); throw new Error('x') }");
    expect(result).toMatchObject({ ok: false, logs: [{ level: "log", message: "before" }] });
  });

  it("caps the number and size of lines", async () => {
    const code = "function () { for (let i = 0; i < 500; i++) console.log('line ' + i); console.log('y'.repeat(5000)); }";
    const { logs } = await run(code, { limits: { maxLogLines: 10, maxLogLineChars: 100 } });
    expect(logs).toHaveLength(11);
    expect(logs[9]).toEqual({ level: "log", message: "line 9" });
    expect(logs[10]).toEqual({ level: "warn", message: "491 more console lines were dropped" });

    const long = await run("function () { console.log('y'.repeat(5000)) }", { limits: { maxLogLineChars: 100 } });
    expect(long.logs).toEqual([{ level: "log", message: "y".repeat(100) }]);
  });
});

describe("runFunction — the host stays healthy", () => {
  it("runs normally after timeouts, memory bombs, overflows and huge outputs", async () => {
    await run("function () { while (true) {} }", { limits: { timeoutMs: 100 } });
    await run("function () { let a = []; for (;;) a.push(new Array(1e6).fill(1)) }");
    await run("function f() { return f() }");
    await run("function () { return 'x'.repeat(6 * 1024 * 1024) }");
    const results = await Promise.all([1, 2, 3].map((n) => run(`function () { return ${n} * 2 }`)));
    expect(results.map((r) => r.ok && r.value)).toEqual([2, 4, 6]);
  });
});
