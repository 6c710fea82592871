import "server-only";
import { createPrivateKey } from "node:crypto";
import { SignJWT } from "jose";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { openSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";

export const DEMO_USER_ID = "demo-user";

/** A 1-hour user token for `demo-user` of the demo project, and a new API key named `demo-cli`. */
export async function createDemoToken(): Promise<{ projectId: string; userId: string; token: string; apiKey: string }> {
  const project = await db.project.findFirst({ where: { isDemo: true }, select: { id: true } });
  if (!project) throw new Error("This database has no demo project (it is created on the first `npm start` of a fresh database).");
  const key = await db.signingKey.findFirst({
    where: { projectId: project.id, revokedAt: null, encryptedPrivateKey: { not: null } },
    select: { id: true, encryptedPrivateKey: true },
    orderBy: { createdAt: "desc" },
  });
  if (!key?.encryptedPrivateKey) throw new Error("The demo project has no active demo signing key.");
  const privateKey = createPrivateKey(openSecret(key.encryptedPrivateKey));
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid: key.id })
    .setSubject(DEMO_USER_ID)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
  const apiKey = await createApiKey({ projectId: project.id, name: "demo-cli", createdById: null });
  return { projectId: project.id, userId: DEMO_USER_ID, token, apiKey: apiKey.key };
}
