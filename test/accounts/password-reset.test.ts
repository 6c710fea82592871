import { afterEach, describe, expect, it, vi } from "vitest";
import { inspectPasswordResetToken, issuePasswordResetLink, requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { hashLinkToken } from "@/lib/accounts/tokens";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { createBuilderWithPassword, outcome, PASSWORD, signedInBrowser } from "./account-helpers";

const ORIGIN = "http://localhost:3000";
const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;
const hashOf = async (id: string) => (await db.builder.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash as string;

afterEach(() => vi.restoreAllMocks());

describe("password reset", () => {
  it("prints a link for a known email, keeping only the sha256 of its token, valid for an hour", async () => {
    const builder = await createBuilderWithPassword();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await requestPasswordReset({ email: `  ${builder.email.toUpperCase()} `, origin: ORIGIN });
    const line = log.mock.calls.map((call) => String(call[0])).find((text) => text.includes("password reset link")) as string;
    expect(line).toContain(builder.email);
    const url = /(http:\/\/localhost:3000\/reset-password\?token=\S+)/.exec(line)?.[1] as string;
    const rows = await db.passwordResetToken.findMany({ where: { builderId: builder.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(hashLinkToken(tokenOf(url)));
    expect(rows[0].tokenHash).not.toContain(tokenOf(url));
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(60 * 60 * 1000);
    expect(await inspectPasswordResetToken(tokenOf(url))).toEqual({ state: "valid", email: builder.email });
  });

  it("answers an unknown email the same way, printing and storing nothing", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const before = await db.passwordResetToken.count();
    await expect(requestPasswordReset({ email: "nobody-here@example.test", origin: ORIGIN })).resolves.toBeUndefined();
    expect(log).not.toHaveBeenCalled();
    expect(await db.passwordResetToken.count()).toBe(before);
    expect(await issuePasswordResetLink({ email: "nobody-here@example.test", origin: ORIGIN })).toBeNull();
  });

  it("refuses a malformed email with 422", async () => {
    expect(await outcome(() => requestPasswordReset({ email: "not an email", origin: ORIGIN }))).toMatchObject({ status: 422, error: { details: [{ path: "email", message: "Enter a valid email address" }] } });
  });

  it("sets the new password once, signs out every session and spends every link of the builder", async () => {
    const builder = await createBuilderWithPassword();
    const browsers = [await signedInBrowser(builder.id), await signedInBrowser(builder.id)];
    const first = await issuePasswordResetLink({ email: builder.email, origin: ORIGIN });
    const second = await issuePasswordResetLink({ email: builder.email, origin: ORIGIN });
    expect(await resetPassword({ token: tokenOf(first!.url), password: "reset to this one" })).toEqual({ email: builder.email });
    expect(await verifyPassword(await hashOf(builder.id), "reset to this one")).toBe(true);
    expect(await db.builderSession.count({ where: { id: { in: browsers.map((b) => b.sessionId) } } })).toBe(0);
    expect((await db.builder.findUniqueOrThrow({ where: { id: builder.id } })).sessionsRevokedAt).not.toBeNull();

    const hash = await hashOf(builder.id);
    for (const url of [first!.url, second!.url]) {
      expect(await inspectPasswordResetToken(tokenOf(url))).toEqual({ state: "used" });
      expect(await outcome(() => resetPassword({ token: tokenOf(url), password: "and again this one" }))).toEqual({
        status: 400,
        error: { code: "bad_request", message: "This reset link has already been used. Ask for a new one." },
      });
    }
    expect(await hashOf(builder.id)).toBe(hash);
  });

  it("refuses an expired link, and changes nothing", async () => {
    const builder = await createBuilderWithPassword();
    const browser = await signedInBrowser(builder.id);
    const link = await issuePasswordResetLink({ email: builder.email, origin: ORIGIN });
    await db.passwordResetToken.updateMany({ where: { builderId: builder.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectPasswordResetToken(tokenOf(link!.url))).toEqual({ state: "expired" });
    expect(await outcome(() => resetPassword({ token: tokenOf(link!.url), password: "reset to this one" }))).toEqual({
      status: 400,
      error: { code: "bad_request", message: "This reset link has expired. Ask for a new one." },
    });
    expect(await verifyPassword(await hashOf(builder.id), PASSWORD)).toBe(true);
    expect(await db.builderSession.count({ where: { id: browser.sessionId } })).toBe(1);
    expect((await db.passwordResetToken.findFirstOrThrow({ where: { builderId: builder.id } })).usedAt).toBeNull();
  });

  it("refuses an unknown or malformed token, and a short password without spending the link", async () => {
    const builder = await createBuilderWithPassword();
    const link = await issuePasswordResetLink({ email: builder.email, origin: ORIGIN });
    expect(await outcome(() => resetPassword({ token: "A".repeat(43), password: "reset to this one" }))).toEqual({
      status: 400,
      error: { code: "bad_request", message: "This reset link is not valid. Ask for a new one." },
    });
    expect(await outcome(() => resetPassword({ token: "short", password: "reset to this one" }))).toMatchObject({ status: 422, error: { details: [{ path: "token", message: "This link is not valid" }] } });
    expect(await inspectPasswordResetToken("../../etc")).toEqual({ state: "invalid" });
    expect(await outcome(() => resetPassword({ token: tokenOf(link!.url), password: "short" }))).toMatchObject({
      status: 422,
      error: { details: [{ path: "password", message: "Use at least 10 characters" }] },
    });
    expect(await inspectPasswordResetToken(tokenOf(link!.url))).toEqual({ state: "valid", email: builder.email });
    expect(await verifyPassword(await hashOf(builder.id), PASSWORD)).toBe(true);
  });

  it("lets only one of two simultaneous uses of a link succeed", async () => {
    const builder = await createBuilderWithPassword();
    const link = await issuePasswordResetLink({ email: builder.email, origin: ORIGIN });
    const results = await Promise.all(["first password!", "second password!"].map((password) => outcome(() => resetPassword({ token: tokenOf(link!.url), password }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ status: 400, error: { code: "bad_request", message: expect.stringMatching(/already been used|no longer/) } }]);
  });
});
