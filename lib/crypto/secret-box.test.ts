import { afterEach, describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";

const originalSecret = process.env.AUTH_SECRET;
afterEach(() => {
  if (originalSecret === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = originalSecret;
});

/** Flips one bit of the base64url part `index` (1 iv, 2 tag, 3 body) of a sealed secret. */
function tamper(sealed: string, index: 1 | 2 | 3): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index], "base64url");
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  const plaintext = "-----BEGIN PRIVATE KEY-----\nsecret material ✓\n-----END PRIVATE KEY-----\n";

  it("opens what it sealed, and never shows the plaintext", () => {
    const sealed = sealSecret(plaintext);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(openSecret(sealed)).toBe(plaintext);
  });

  it("seals the same plaintext differently each time", () => {
    const first = sealSecret(plaintext);
    const second = sealSecret(plaintext);
    expect(first).not.toBe(second);
    expect(openSecret(second)).toBe(plaintext);
  });

  it.each([
    ["iv", 1],
    ["auth tag", 2],
    ["ciphertext", 3],
  ] as const)("refuses a sealed secret whose %s was tampered with", (_part, index) => {
    const sealed = sealSecret(plaintext);
    expect(() => openSecret(tamper(sealed, index))).toThrow();
  });

  it("refuses a sealed secret with a different AUTH_SECRET", () => {
    const sealed = sealSecret(plaintext);
    process.env.AUTH_SECRET = "a-different-secret-that-is-long-enough";
    expect(() => openSecret(sealed)).toThrow();
    process.env.AUTH_SECRET = originalSecret;
    expect(openSecret(sealed)).toBe(plaintext);
  });

  it.each(["", "v2.a.b.c", "v1.a.b", "plaintext"])("refuses %j as unrecognised", (sealed) => {
    expect(() => openSecret(sealed)).toThrow("Unrecognised sealed secret");
  });

  it("refuses to seal or open without AUTH_SECRET", () => {
    const sealed = sealSecret(plaintext);
    delete process.env.AUTH_SECRET;
    expect(() => sealSecret(plaintext)).toThrow("AUTH_SECRET is not set");
    expect(() => openSecret(sealed)).toThrow("AUTH_SECRET is not set");
  });
});
