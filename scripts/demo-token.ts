// `npm run --silent demo:token`: one JSON line {projectId, userId, token, apiKey} for the demo project.
import { resolveAuthSecret, resolveDataDir, resolveDatabaseUrl } from "@/lib/config/runtime";
import { disconnectDb } from "@/lib/db/client";
import { createDemoToken } from "@/lib/demo/create-demo-token";

async function main() {
  process.env.DATABASE_URL = resolveDatabaseUrl();
  process.env.AUTH_SECRET = resolveAuthSecret(resolveDataDir());
  console.log(JSON.stringify(await createDemoToken()));
  await disconnectDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
