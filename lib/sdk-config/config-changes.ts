import "server-only";
import pg from "pg";
import type { TransactionClient } from "@/lib/db/client";

/**
 * Web processes cache what the SDK endpoints read on every request (signing keys, App Events). A write
 * that changes it announces the project on this channel in its own transaction; every process listening
 * drops its cached copy on commit. A TTL on the cache covers a listener that lost its connection.
 */
const CHANNEL = "switchyard_project_config";

export async function announceConfigChange(tx: Pick<TransactionClient, "$executeRaw">, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${projectId})`;
}

let listening: Promise<void> | undefined;

/** Starts (once per process) a LISTEN connection that calls `onChange(projectId)` for each announcement. */
export function listenForConfigChanges(onChange: (projectId: string) => void, onLost: () => void): Promise<void> {
  listening ??= (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const lost = () => {
      listening = undefined;
      onLost();
      client.end().catch(() => {});
    };
    client.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload) onChange(message.payload);
    });
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  })().catch((error: unknown) => {
    listening = undefined;
    throw error;
  });
  return listening;
}
