import { describe, expect, it } from "vitest";
import { GET as listProjects } from "@/app/api/v1/projects/route";
import { listBuilderSessions, revokeBuilderSession } from "@/lib/accounts/list-builder-sessions";
import { revokeBuilderSessions } from "@/lib/accounts/revoke-sessions";
import { SESSION_MAX_AGE_SECONDS, verifySessionClaims } from "@/lib/auth/builder-sessions";
import { db } from "@/lib/db/client";
import { callRoute, createTestBuilder, sessionCookie } from "@/test/factories";
import { outcome, signedInBrowser } from "./account-helpers";

const status = async (cookie: string) => (await callRoute(listProjects, { headers: { cookie } })).status;

describe("server-side builder sessions", () => {
  it("accepts a cookie while its session exists, and refuses it once that session is revoked", async () => {
    const builder = await createTestBuilder();
    const laptop = await signedInBrowser(builder.id);
    const phone = await signedInBrowser(builder.id, "Mozilla/5.0 (iPhone) Safari/604.1");
    expect(await status(laptop.cookie)).toBe(200);
    expect(await status(phone.cookie)).toBe(200);

    await revokeBuilderSession({ builderId: builder.id, sessionId: phone.sessionId });
    expect(await status(phone.cookie)).toBe(401);
    expect(await status(laptop.cookie)).toBe(200);
  });

  it("lists the builder's sessions with the current one first and marked", async () => {
    const builder = await createTestBuilder();
    const first = await signedInBrowser(builder.id, "Firefox/133.0");
    const second = await signedInBrowser(builder.id, "Chrome/130.0");
    await signedInBrowser((await createTestBuilder()).id);
    const sessions = await listBuilderSessions({ builderId: builder.id, currentSessionId: first.sessionId });
    expect(sessions.map((s) => [s.id, s.userAgent, s.current])).toEqual([
      [first.sessionId, "Firefox/133.0", true],
      [second.sessionId, "Chrome/130.0", false],
    ]);
    expect(sessions[0]).toMatchObject({ ipAddress: "127.0.0.1", createdAt: expect.any(String), lastSeenAt: expect.any(String) });
  });

  it("will not revoke another builder's session (404, nothing deleted), nor a malformed id", async () => {
    const builder = await createTestBuilder();
    const other = await signedInBrowser((await createTestBuilder()).id);
    for (const sessionId of [other.sessionId, "not-a-uuid", 42]) {
      expect(await outcome(() => revokeBuilderSession({ builderId: builder.id, sessionId }))).toEqual({
        status: 404,
        error: { code: "not_found", message: "That session has already ended" },
      });
    }
    expect(await db.builderSession.count({ where: { id: other.sessionId } })).toBe(1);
    expect(await status(other.cookie)).toBe(200);
  });

  it("signs out all other sessions, keeping the current one, and refuses cookies from before server-side sessions", async () => {
    const builder = await createTestBuilder();
    const current = await signedInBrowser(builder.id);
    const other = await signedInBrowser(builder.id);
    const legacy = await sessionCookie(builder.id);
    expect(await status(legacy)).toBe(200);
    // A legacy cookie issued in the same second as the revocation counts as before it.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(await revokeBuilderSessions({ builderId: builder.id, keepSessionId: current.sessionId })).toBe(1);
    expect(await status(current.cookie)).toBe(200);
    expect(await status(other.cookie)).toBe(401);
    expect(await status(legacy)).toBe(401);
  });

  it("refuses a session cookie presented as another builder's (sid of one, sub of another)", async () => {
    const owner = await createTestBuilder();
    const intruder = await createTestBuilder();
    const browser = await signedInBrowser(owner.id);
    expect(await verifySessionClaims({ sub: intruder.id, sid: browser.sessionId })).toBeNull();
    expect(await verifySessionClaims({ sub: owner.id, sid: browser.sessionId })).toMatchObject({ builderId: owner.id, sessionId: browser.sessionId });
  });

  it("records when a session was last seen, at most once a minute, and ends one unseen for the session lifetime", async () => {
    const builder = await createTestBuilder();
    const browser = await signedInBrowser(builder.id);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.builderSession.update({ where: { id: browser.sessionId }, data: { lastSeenAt: twoMinutesAgo } });
    expect(await status(browser.cookie)).toBe(200);
    const seen = await db.builderSession.findUniqueOrThrow({ where: { id: browser.sessionId } });
    expect(seen.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);

    await db.builderSession.update({ where: { id: browser.sessionId }, data: { lastSeenAt: new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000) } });
    expect(await status(browser.cookie)).toBe(401);
    expect(await listBuilderSessions({ builderId: builder.id, currentSessionId: null })).toEqual([]);
  });

  it("refuses the cookies of a deleted builder, and a cookie whose sub is not a builder id", async () => {
    const builder = await createTestBuilder();
    const browser = await signedInBrowser(builder.id);
    const legacy = await sessionCookie(builder.id);
    await db.builder.delete({ where: { id: builder.id } });
    expect(await status(browser.cookie)).toBe(401);
    expect(await status(legacy)).toBe(401);
    expect(await status(await sessionCookie("not-a-uuid"))).toBe(401);
    expect(await verifySessionClaims({ sub: 42 })).toBeNull();
    expect(await verifySessionClaims(null)).toBeNull();
  });
});
