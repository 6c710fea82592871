import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-that-is-long-enough-for-hkdf";
process.env.DATABASE_POOL_SIZE ??= "4";
