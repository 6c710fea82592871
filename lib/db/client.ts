// The one Prisma client of a process, on the pg driver adapter (no Rust query engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { closeSqlPool, KEEP_IDLE_CONNECTIONS } from "./sql";

export { Prisma } from "./generated/client";
export type { TransactionClient } from "./transaction-client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set; start Switchyard with `npm start`.");
  const adapter = new PrismaPg({ connectionString, max: Math.ceil(Number(process.env.DATABASE_POOL_SIZE ?? 20) / 2), idleTimeoutMillis: KEEP_IDLE_CONNECTIONS });
  return new PrismaClient({ adapter });
}

type TClient = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { switchyardPrisma?: TClient };

/** Created on first use so that importing a module never needs a database. */
export const db: TClient = new Proxy({} as TClient, {
  get(_target, property) {
    globalForPrisma.switchyardPrisma ??= createClient();
    const value = Reflect.get(globalForPrisma.switchyardPrisma, property);
    return typeof value === "function" ? value.bind(globalForPrisma.switchyardPrisma) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.switchyardPrisma?.$disconnect();
  globalForPrisma.switchyardPrisma = undefined;
  await closeSqlPool();
}
