import type { Prisma } from "./generated/client";

/** What a function that must run inside the caller's transaction receives. */
export type TransactionClient = Prisma.TransactionClient;
