-- One active copy of a public key per project, even when two uploads race. Prisma's schema language cannot
-- express a partial unique index, so it lives here only.
CREATE UNIQUE INDEX "SigningKey_projectId_fingerprint_active_key" ON "SigningKey" ("projectId", "fingerprint") WHERE "revokedAt" IS NULL;
