// The script of a sandbox pool thread (sandbox-pool.ts): the app's own runFunction, one call at a time.
// Plain CommonJS, because a thread gets neither vitest's transform nor Next's bundle: it loads the TypeScript
// source itself through tsx's require hook. (tsx's ESM route, tsx/esm/api, failed here on Node 20 with
// ERR_REQUIRE_CYCLE_MODULE for run-function.ts, and its loader thread tripled the start-up time.)
"use strict";
const { parentPort } = require("node:worker_threads");
require("tsx/cjs/api").register();
const { runFunction, warmUpSandbox } = require("./run-function.ts");

// runFunction turns every failure of user code into a result. Were it ever to reject, the rejection goes
// unhandled, which ends the thread, and the pool answers that call with a SandboxError and replaces the thread.
parentPort.on("message", ({ id, input }) => {
  void runFunction(input).then((result) => parentPort.postMessage({ id, result }));
});

// The WASM is compiled and instantiated before the thread says it is ready, so no call's deadline pays for it.
void warmUpSandbox().then(() => parentPort.postMessage({ type: "ready" }));
