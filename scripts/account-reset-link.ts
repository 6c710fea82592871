// `npm run account:reset-link -- <email>`: prints a fresh password reset link (valid 1 h) for a builder, for
// operators of an install without mail. It works while the app runs with the same DATA_DIR/DATABASE_URL.
import { issuePasswordResetLink } from "@/lib/accounts/password-reset";
import { readRuntimeInfo, resolveDatabaseUrl, resolveDataDir } from "@/lib/config/runtime";
import { disconnectDb } from "@/lib/db/client";

async function main() {
  const email = process.argv[2];
  if (!email) throw new Error("usage: npm run account:reset-link -- <email>");
  process.env.DATABASE_URL = resolveDatabaseUrl();
  const origin = readRuntimeInfo(resolveDataDir())?.appUrl ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const link = await issuePasswordResetLink({ email, origin: origin.replace(/\/$/, "") });
  await disconnectDb();
  if (!link) throw new Error(`No builder has the email ${email.trim().toLowerCase()}`);
  console.log(link.url);
  console.error(`Valid until ${link.expiresAt.toISOString()}, once. Using it signs that builder out everywhere.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
