// `npm run worker`: one worker process; run as many as you like against the same DATABASE_URL.
import { resolveDatabaseUrl } from "@/lib/config/runtime";
import { disconnectDb } from "@/lib/db/client";
import { startWorker } from "@/lib/jobs/start-worker";

async function main() {
  const databaseUrl = resolveDatabaseUrl();
  process.env.DATABASE_URL = databaseUrl;
  const worker = await startWorker({ databaseUrl });
  console.log(`[worker] ${worker.id} started (pid ${process.pid})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("[worker] finishing running jobs, then stopping…");
    await worker.stop();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  // Started by `npm start`: when that supervisor dies without stopping us (SIGKILL), stop too.
  if (process.env.SWITCHYARD_SUPERVISOR_PID) {
    const supervisor = Number(process.env.SWITCHYARD_SUPERVISOR_PID);
    setInterval(() => {
      if (process.ppid !== supervisor) void stop();
    }, 1_000).unref();
  }
}

main().catch((error) => {
  console.error(`[worker] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
