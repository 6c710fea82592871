// `npm run worker`: one worker process; run as many as you like against the same DATABASE_URL.
import { resolveDatabaseUrl } from "@/lib/config/runtime";
import { disconnectDb } from "@/lib/db/client";
import { startWorker } from "@/lib/jobs/start-worker";
import { stopWhenTold } from "./lib/stop-when-told";

async function main() {
  const databaseUrl = resolveDatabaseUrl();
  process.env.DATABASE_URL = databaseUrl;
  const worker = await startWorker({ databaseUrl });
  console.log(`[worker] ${worker.id} started (pid ${process.pid})`);
  stopWhenTold(async () => {
    console.log("[worker] finishing running jobs, then stopping…");
    await worker.stop();
    await disconnectDb();
  });
}

main().catch((error) => {
  console.error(`[worker] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
