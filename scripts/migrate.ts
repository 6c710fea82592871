// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the running app's embedded database).
import { resolveDatabaseUrl } from "@/lib/config/runtime";
import { migrateDatabase } from "@/lib/db/migrate";

migrateDatabase({ databaseUrl: resolveDatabaseUrl(), log: (line) => console.log(line) })
  .then((result) => console.log(`${result.applied.length} applied, ${result.alreadyApplied} already applied`))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
