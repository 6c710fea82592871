// A thread script for sandbox-pool.test.ts only: the real thread, plus two calls that no user code can make,
// since QuickJS gives code no way out of its interrupt handler or its instance. `test:block` blocks the thread
// synchronously, as a hang in native code would; `test:crash` throws on the thread, as an abort would.
"use strict";
const { parentPort } = require("node:worker_threads");

// Registered before the real thread's listener, so it sees each call first.
parentPort.on("message", ({ input }) => {
  if (input.code === "test:block") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  if (input.code === "test:crash") throw new Error("the thread crashed");
});

require("./sandbox-thread.cjs");
