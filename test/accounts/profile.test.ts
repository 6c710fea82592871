import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/accounts/change-password";
import { updateBuilderName } from "@/lib/accounts/update-builder-name";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { createTestBuilder } from "@/test/factories";
import { createBuilderWithPassword, outcome, PASSWORD, signedInBrowser } from "./account-helpers";

const hashOf = async (id: string) => (await db.builder.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash as string;

describe("profile", () => {
  it("changes the display name, trimmed", async () => {
    const builder = await createTestBuilder("Before");
    expect(await updateBuilderName({ builderId: builder.id, name: "  Ada Lovelace " })).toEqual({ name: "Ada Lovelace" });
    expect((await db.builder.findUniqueOrThrow({ where: { id: builder.id } })).name).toBe("Ada Lovelace");
  });

  it("refuses a blank, too long or unstorable name and writes nothing", async () => {
    const builder = await createTestBuilder("Unchanged");
    const cases: [unknown, number, string][] = [
      ["   ", 422, "validation_failed"],
      ["x".repeat(101), 422, "validation_failed"],
      [undefined, 422, "validation_failed"],
      ["nul\u0000name", 400, "bad_request"],
    ];
    for (const [name, status, code] of cases) {
      const result = await outcome(() => updateBuilderName({ builderId: builder.id, name }));
      expect(result).toMatchObject({ status, error: { code } });
    }
    expect((await outcome(() => updateBuilderName({ builderId: builder.id, name: " " }))).error).toEqual({
      code: "validation_failed",
      message: "The request is not valid",
      details: [{ path: "name", message: "Enter your name" }],
    });
    expect((await db.builder.findUniqueOrThrow({ where: { id: builder.id } })).name).toBe("Unchanged");
  });
});

describe("password change", () => {
  it("sets the new password and signs out the other sessions, keeping this one", async () => {
    const builder = await createBuilderWithPassword();
    const current = await signedInBrowser(builder.id);
    const other = await signedInBrowser(builder.id);
    expect(await changePassword({ builderId: builder.id, sessionId: current.sessionId, currentPassword: PASSWORD, newPassword: "a brand new passphrase" })).toEqual({ signedOut: 1 });
    const hash = await hashOf(builder.id);
    expect(await verifyPassword(hash, "a brand new passphrase")).toBe(true);
    expect(await verifyPassword(hash, PASSWORD)).toBe(false);
    expect((await db.builderSession.findMany({ where: { builderId: builder.id }, select: { id: true } })).map((s) => s.id)).toEqual([current.sessionId]);
    expect(other.sessionId).not.toBe(current.sessionId);
  });

  it("refuses a wrong current password on that field, and changes nothing", async () => {
    const builder = await createBuilderWithPassword();
    const current = await signedInBrowser(builder.id);
    const other = await signedInBrowser(builder.id);
    const before = await hashOf(builder.id);
    expect(await outcome(() => changePassword({ builderId: builder.id, sessionId: current.sessionId, currentPassword: "wrong password", newPassword: "a brand new passphrase" }))).toEqual({
      status: 422,
      error: { code: "validation_failed", message: "The current password is not correct", details: [{ path: "currentPassword", message: "The current password is not correct" }] },
    });
    expect(await hashOf(builder.id)).toBe(before);
    expect(await db.builderSession.count({ where: { id: { in: [current.sessionId, other.sessionId] } } })).toBe(2);
  });

  it("holds the new password to the sign-up rules, and refuses reusing the current one", async () => {
    const builder = await createBuilderWithPassword();
    const before = await hashOf(builder.id);
    expect(await outcome(() => changePassword({ builderId: builder.id, sessionId: null, currentPassword: PASSWORD, newPassword: "short" }))).toEqual({
      status: 422,
      error: { code: "validation_failed", message: "The request is not valid", details: [{ path: "newPassword", message: "Use at least 10 characters" }] },
    });
    expect(await outcome(() => changePassword({ builderId: builder.id, sessionId: null, currentPassword: "", newPassword: "long enough password" }))).toMatchObject({
      status: 422,
      error: { details: [{ path: "currentPassword", message: "Enter your current password" }] },
    });
    expect(await outcome(() => changePassword({ builderId: builder.id, sessionId: null, currentPassword: PASSWORD, newPassword: PASSWORD }))).toMatchObject({
      status: 422,
      error: { details: [{ path: "newPassword", message: "Choose a password different from the current one" }] },
    });
    expect(await hashOf(builder.id)).toBe(before);
  });

  it("tells a builder who signs in only with GitHub or Google that there is no password to change", async () => {
    const builder = await createTestBuilder();
    expect(await outcome(() => changePassword({ builderId: builder.id, sessionId: null, currentPassword: "anything", newPassword: "a brand new passphrase" }))).toMatchObject({
      status: 409,
      error: { code: "conflict" },
    });
    expect((await db.builder.findUniqueOrThrow({ where: { id: builder.id } })).passwordHash).toBeNull();
  });
});
