import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { SignJWT, importJWK, importPKCS8, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { GET as listKeys, POST as generateKey } from "@/app/api/v1/projects/[projectId]/signing-keys/route";
import { POST as importKey } from "@/app/api/v1/projects/[projectId]/signing-keys/import/route";
import { POST as revokeKey } from "@/app/api/v1/projects/[projectId]/signing-keys/[signingKeyId]/revoke/route";
import { db } from "@/lib/db/client";
import { rsaPublicKeyPem } from "@/test/api-helpers";
import { callRoute, createTestProject, sessionCookie } from "@/test/factories";

async function ownedProject() {
  const project = await createTestProject();
  return { projectId: project.id, cookie: await sessionCookie(project.ownerId) };
}

async function importAs(projectId: string, cookie: string, body: unknown) {
  const response = await callRoute(importKey, { params: { projectId }, headers: { cookie }, body });
  return { status: response.status, body: response.body };
}

const refused = (message: string) => ({
  status: 422,
  body: { error: { code: "validation_failed", message, details: [{ path: "publicKey", message }] } },
});

describe("generated signing keys", () => {
  it("returns the PKCS#8 private key once and stores only the public key", async () => {
    const { projectId, cookie } = await ownedProject();
    const generated = await callRoute(generateKey, { params: { projectId }, headers: { cookie }, body: { name: "Production" } });
    expect(generated.status).toBe(201);
    expect(generated.headers.get("cache-control")).toBe("no-store");
    expect(generated.body).toMatchObject({ name: "Production", source: "generated", revokedAt: null });
    expect(generated.body.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);

    const row = await db.signingKey.findUniqueOrThrow({ where: { id: generated.body.id } });
    expect(row.encryptedPrivateKey).toBeNull();
    expect(JSON.stringify(row)).not.toContain("PRIVATE KEY");

    const listed = await callRoute(listKeys, { params: { projectId }, headers: { cookie } });
    expect(listed.body.signingKeys).toHaveLength(1);
    expect(listed.body.signingKeys[0]).not.toHaveProperty("privateKeyPem");
    expect(JSON.stringify(listed.body)).not.toContain("PRIVATE KEY");
    const { privateKeyPem: _secret, ...publicPart } = generated.body;
    expect(listed.body.signingKeys[0]).toEqual(publicPart);
  });

  it("signs tokens that verify against the stored public JWK and PEM", async () => {
    const { projectId, cookie } = await ownedProject();
    const generated = await callRoute(generateKey, { params: { projectId }, headers: { cookie }, body: {} });
    expect(generated.body.name).toBe("Signing key");
    const privateKey = await importPKCS8(generated.body.privateKeyPem, "RS256");
    const token = await new SignJWT({ scope: "test" }).setProtectedHeader({ alg: "RS256" }).setSubject("user-1").setExpirationTime("5m").sign(privateKey);

    const row = await db.signingKey.findUniqueOrThrow({ where: { id: generated.body.id } });
    const fromJwk = await jwtVerify(token, await importJWK(row.publicJwk as { kty: string }, "RS256"));
    expect(fromJwk.payload).toMatchObject({ sub: "user-1", scope: "test" });
    const fromPem = await jwtVerify(token, createPublicKey(row.publicKeyPem));
    expect(fromPem.payload.sub).toBe("user-1");

    const der = createPublicKey(row.publicKeyPem).export({ format: "der", type: "spki" });
    expect(row.fingerprint).toBe(createHash("sha256").update(der).digest("base64url"));

    // A token signed by some other key does not verify.
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const forged = await new SignJWT({}).setProtectedHeader({ alg: "RS256" }).setSubject("user-1").sign(stranger);
    await expect(jwtVerify(forged, createPublicKey(row.publicKeyPem))).rejects.toThrow();
  });
});

describe("imported signing keys", () => {
  it("imports a PEM public key and a JWK, storing the same normalised material", async () => {
    const { projectId, cookie } = await ownedProject();
    const pem = rsaPublicKeyPem();
    const fromPem = await importAs(projectId, cookie, { name: "pem", publicKey: pem });
    expect(fromPem.status).toBe(201);
    expect(fromPem.body).toMatchObject({ name: "pem", source: "uploaded", publicKeyPem: pem, revokedAt: null });

    const jwk = createPublicKey(rsaPublicKeyPem()).export({ format: "jwk" });
    const fromJwk = await importAs(projectId, cookie, { publicKey: { ...jwk, alg: "RS256", use: "sig", kid: "their-kid" } });
    expect(fromJwk.status).toBe(201);
    expect(fromJwk.body).toMatchObject({ name: "Uploaded key", source: "uploaded", publicJwk: { kty: "RSA", n: jwk.n, e: jwk.e } });
    expect(createPublicKey(fromJwk.body.publicKeyPem).export({ format: "jwk" })).toEqual(jwk);

    expect(await db.signingKey.count({ where: { projectId } })).toBe(2);
  });

  it("refuses the same public key twice with 409, as PEM or as JWK", async () => {
    const { projectId, cookie } = await ownedProject();
    const pem = rsaPublicKeyPem();
    expect((await importAs(projectId, cookie, { name: "first", publicKey: pem })).status).toBe(201);
    const conflict = { status: 409, body: { error: { code: "conflict", message: 'This public key is already active as "first"' } } };
    expect(await importAs(projectId, cookie, { name: "again", publicKey: pem })).toEqual(conflict);
    expect(await importAs(projectId, cookie, { name: "again", publicKey: createPublicKey(pem).export({ format: "jwk" }) })).toEqual(conflict);
    expect(await db.signingKey.count({ where: { projectId } })).toBe(1);
  });

  it("stores a public key once when the same key is imported concurrently", async () => {
    // Open the pool's connections first so the requests really run side by side.
    await Promise.all([1, 2, 3, 4].map(() => db.$queryRaw`SELECT 1`));
    for (let round = 0; round < 5; round += 1) {
      const { projectId, cookie } = await ownedProject();
      const pem = rsaPublicKeyPem();
      const results = await Promise.all([1, 2, 3, 4].map((i) => importAs(projectId, cookie, { name: `race ${i}`, publicKey: pem })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(await db.signingKey.count({ where: { projectId } })).toBe(1);
    }
  });

  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const rsaPair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateJwk = rsaPair.privateKey.export({ format: "jwk" });
  const privateKeyMessage = "That is a private key. Upload only the public key; keep the private key on your servers.";
  const cases: [string, unknown, ReturnType<typeof refused>][] = [
    ["a PKCS#8 private key PEM", rsaPair.privateKey.export({ format: "pem", type: "pkcs8" }), refused(privateKeyMessage)],
    ["a PKCS#1 private key PEM", rsaPair.privateKey.export({ format: "pem", type: "pkcs1" }), refused(privateKeyMessage)],
    ["a private JWK", privateJwk, refused(privateKeyMessage)],
    ["an EC public key PEM", ec.publicKey.export({ format: "pem", type: "spki" }), refused("User tokens are RS256, so the key must be an RSA key")],
    [
      "a 1024-bit RSA public key",
      generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "pem", type: "spki" }),
      refused("The RSA key has 1024 bits; at least 2048 are required"),
    ],
    ["text that is not a PEM", "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----", refused("The text is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)")],
    [
      "an EC JWK",
      ec.publicKey.export({ format: "jwk" }),
      { status: 422, body: { error: { code: "validation_failed", message: "The request is not valid", details: [{ path: "publicKey", message: "Invalid input" }] } } },
    ],
  ];
  it.each(cases)("refuses %s with 422 and stores nothing", async (_label, publicKey, expected) => {
    const { projectId, cookie } = await ownedProject();
    expect(await importAs(projectId, cookie, { publicKey })).toEqual(expected);
    expect(await db.signingKey.count({ where: { projectId } })).toBe(0);
  });
});

describe("revoking signing keys", () => {
  it("sets revokedAt once, keeps it on a second revoke, and lets the key be imported again", async () => {
    const { projectId, cookie } = await ownedProject();
    const pem = rsaPublicKeyPem();
    const imported = await importAs(projectId, cookie, { name: "to revoke", publicKey: pem });
    const params = { projectId, signingKeyId: imported.body.id };

    const first = await callRoute(revokeKey, { method: "POST", params, headers: { cookie } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ...imported.body, revokedAt: expect.any(String) });
    const row = await db.signingKey.findUniqueOrThrow({ where: { id: imported.body.id } });
    expect(row.revokedAt?.toISOString()).toBe(first.body.revokedAt);

    const second = await callRoute(revokeKey, { method: "POST", params, headers: { cookie } });
    expect({ status: second.status, body: second.body }).toEqual({ status: 200, body: first.body });

    const listed = await callRoute(listKeys, { params: { projectId }, headers: { cookie } });
    expect(listed.body.signingKeys).toEqual([first.body]);
    expect((await importAs(projectId, cookie, { name: "back", publicKey: pem })).status).toBe(201);
  });

  it("404 for a signing key of another project, which stays active", async () => {
    const mine = await ownedProject();
    const theirs = await ownedProject();
    const foreign = await importAs(theirs.projectId, theirs.cookie, { publicKey: rsaPublicKeyPem() });
    const response = await callRoute(revokeKey, { method: "POST", params: { projectId: mine.projectId, signingKeyId: foreign.body.id }, headers: { cookie: mine.cookie } });
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: { error: { code: "not_found", message: "Signing key not found" } } });
    expect((await db.signingKey.findUniqueOrThrow({ where: { id: foreign.body.id } })).revokedAt).toBeNull();
  });
});
