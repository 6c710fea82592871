// The demo seed only acts on a database without builders, so this file runs against one of its own.
import { createHash, createPublicKey } from "node:crypto";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { openSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { createDemoToken, DEMO_USER_ID } from "@/lib/demo/create-demo-token";
import { DEMO_EMAIL, seedDemoIfFresh } from "@/lib/demo/seed-demo";
import { createFreshDatabase, useDatabase } from "@/test/api-helpers";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
const sharedUrl = process.env.DATABASE_URL as string;

beforeAll(async () => {
  database = await createFreshDatabase({ migrate: true });
  await useDatabase(database.databaseUrl);
});

afterAll(async () => {
  await useDatabase(sharedUrl);
  await database.drop();
});

describe.sequential("demo seed", () => {
  it("creates nothing but a fresh database's demo, once, even when two starts race", async () => {
    await expect(createDemoToken()).rejects.toThrow(
      "This database has no demo project (it is created on the first `npm start` of a fresh database).",
    );
    const results = await Promise.all([seedDemoIfFresh(), seedDemoIfFresh()]);
    const seeded = results.filter((result) => result !== null);
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toEqual({ email: DEMO_EMAIL, password: expect.any(String), projectId: expect.any(String) });

    expect(await db.builder.count()).toBe(1);
    const builder = await db.builder.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    expect(await verifyPassword(builder.passwordHash as string, seeded[0]?.password as string)).toBe(true);

    const projects = await db.project.findMany({ include: { memberships: true } });
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ id: seeded[0]?.projectId, isDemo: true });
    expect(projects[0].memberships.map((m) => [m.builderId, m.role])).toEqual([[builder.id, "owner"]]);
  });

  it("keeps the demo signing key's private half sealed, never as plaintext PEM", async () => {
    const keys = await db.signingKey.findMany();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ source: "generated", revokedAt: null });
    expect(key.encryptedPrivateKey).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(key.encryptedPrivateKey).not.toContain("PRIVATE KEY");

    const privatePem = openSecret(key.encryptedPrivateKey as string);
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const derivedPublic = createPublicKey(privatePem).export({ format: "pem", type: "spki" }).toString();
    expect(derivedPublic).toBe(key.publicKeyPem);
  });

  it("does nothing on a second call", async () => {
    expect(await seedDemoIfFresh()).toBeNull();
    expect(await db.builder.count()).toBe(1);
    expect(await db.project.count()).toBe(1);
    expect(await db.signingKey.count()).toBe(1);
  });

  it("mints a 1-hour token for demo-user that verifies against the stored public key, and a demo-cli API key", async () => {
    const project = await db.project.findFirstOrThrow({ where: { isDemo: true } });
    const key = await db.signingKey.findFirstOrThrow({ where: { projectId: project.id } });
    const demo = await createDemoToken();
    expect(demo).toMatchObject({ projectId: project.id, userId: DEMO_USER_ID });
    expect(DEMO_USER_ID).toBe("demo-user");

    const { payload, protectedHeader } = await jwtVerify(demo.token, await importJWK(key.publicJwk as { kty: string }, "RS256"));
    expect(protectedHeader).toEqual({ alg: "RS256", kid: key.id });
    expect(decodeProtectedHeader(demo.token).kid).toBe(key.id);
    expect(payload.sub).toBe("demo-user");
    expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
    expect((await jwtVerify(demo.token, createPublicKey(key.publicKeyPem))).payload.sub).toBe("demo-user");

    const apiKeys = await db.apiKey.findMany({ where: { projectId: project.id } });
    expect(apiKeys.map((k) => k.name)).toEqual(["demo-cli"]);
    expect(apiKeys[0].hash).toBe(createHash("sha256").update(demo.apiKey).digest("hex"));
    expect(apiKeys[0].revokedAt).toBeNull();
  });

  it("refuses to mint once the demo key is revoked", async () => {
    const { revokeSigningKey } = await import("@/lib/signing-keys/revoke-signing-key");
    const key = await db.signingKey.findFirstOrThrow();
    await revokeSigningKey({ projectId: key.projectId, signingKeyId: key.id });
    expect((await db.signingKey.findUniqueOrThrow({ where: { id: key.id } })).encryptedPrivateKey).toBeNull();
    await expect(createDemoToken()).rejects.toThrow("The demo project has no active demo signing key.");
  });
});
