// How a child of `npm start` (the web server, a worker) stops: once, on SIGTERM or SIGINT, and also when the
// supervisor that started it is gone (killed with SIGKILL, it could not stop its children itself).

/** Calls `stop` once, on the first of those, and exits when it is done (with 1 if it failed). */
export function stopWhenTold(stop: () => Promise<void>): void {
  let stopping = false;
  const stopOnce = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stopOnce);
  process.on("SIGINT", stopOnce);
  if (process.env.SWITCHYARD_SUPERVISOR_PID) {
    const supervisor = Number(process.env.SWITCHYARD_SUPERVISOR_PID);
    setInterval(() => {
      if (process.ppid !== supervisor) stopOnce();
    }, 1_000).unref();
  }
}
