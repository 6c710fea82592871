import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";

export const DEMO_EMAIL = "demo@switchyard.local";

/**
 * On a fresh database (no builders yet) creates the demo builder and project with a signing key, and
 * returns the credentials to print once. Returns null when the database already has builders.
 */
export async function seedDemoIfFresh(): Promise<{ email: string; password: string; projectId: string } | null> {
  if ((await db.builder.count()) > 0) return null;
  const password = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  const seeded = await db.$transaction(async (tx) => {
    // Two supervisors starting on one fresh database: the second waits here, then sees the first's demo.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchyard:seed-demo'))`;
    if ((await tx.builder.count()) > 0) return null;
    const builder = await tx.builder.create({
      data: { email: DEMO_EMAIL, name: "Demo Builder", passwordHash },
      select: { id: true },
    });
    const project = await tx.project.create({
      data: { name: "Demo project", isDemo: true, memberships: { create: { builderId: builder.id, role: "owner" } } },
      select: { id: true },
    });
    await generateSigningKey({ projectId: project.id, name: "Demo key", createdById: builder.id, keepEncryptedPrivateKey: true, tx });
    return { projectId: project.id };
  });
  if (!seeded) return null;
  return { email: DEMO_EMAIL, password, projectId: seeded.projectId };
}
