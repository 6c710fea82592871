import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acceptProjectInvite, createProjectInvite, inspectProjectInvite, revokeProjectInvite } from "@/lib/accounts/project-invites";
import { listProjectMembers } from "@/lib/accounts/project-members";
import { hashLinkToken } from "@/lib/accounts/tokens";
import { db } from "@/lib/db/client";
import { addMember } from "@/test/api-helpers";
import { createTestBuilder, createTestProject } from "@/test/factories";
import { outcome } from "./account-helpers";

const ORIGIN = "http://localhost:3000";
const tokenOf = (url: string) => url.split("/invite/")[1];
const memberships = (projectId: string) =>
  db.membership.findMany({ where: { projectId }, select: { builderId: true, role: true }, orderBy: { createdAt: "asc" } });

let log: { mock: { calls: unknown[][] } };
beforeEach(() => {
  log = vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

async function invitee() {
  const project = await createTestProject();
  const builder = await createTestBuilder("Invitee");
  const invite = await createProjectInvite({ builderId: project.ownerId, projectId: project.id, email: builder.email.toUpperCase(), role: "member", origin: ORIGIN });
  return { project, builder, invite, token: tokenOf(invite.url) };
}

describe("project invites", () => {
  it("an owner invites by email: a 7-day invite whose token is kept only as its sha256, printed to the log", async () => {
    const { project, builder, invite, token } = await invitee();
    expect(invite).toEqual({ id: expect.any(String), email: builder.email, role: "member", expiresAt: expect.any(String), url: `${ORIGIN}/invite/${token}` });
    const row = await db.projectInvite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row).toMatchObject({ projectId: project.id, email: builder.email, role: "member", tokenHash: hashLinkToken(token), invitedById: project.ownerId, acceptedAt: null, revokedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    expect(log.mock.calls.some((call) => String(call[0]).includes(invite.url) && String(call[0]).includes("project invite"))).toBe(true);
    expect((await listProjectMembers({ builderId: project.ownerId, projectId: project.id })).invites).toEqual([
      { id: invite.id, email: builder.email, role: "member", createdAt: expect.any(String), expiresAt: invite.expiresAt, invitedBy: "Test Builder" },
    ]);
  });

  it("the invited builder accepts, joins with the invite's role, and the link is spent", async () => {
    const { project, builder, token } = await invitee();
    expect(await inspectProjectInvite(token)).toMatchObject({ state: "valid", projectName: project.name, email: builder.email, role: "member" });
    expect(await acceptProjectInvite({ builderId: builder.id, token })).toEqual({ projectId: project.id });
    expect(await memberships(project.id)).toEqual([
      { builderId: project.ownerId, role: "owner" },
      { builderId: builder.id, role: "member" },
    ]);
    expect(await inspectProjectInvite(token)).toEqual({ state: "used" });
    expect(await outcome(() => acceptProjectInvite({ builderId: builder.id, token }))).toEqual({
      status: 400,
      error: { code: "bad_request", message: "This invite has already been accepted." },
    });
  });

  it("refuses a builder signed in with another email, and changes nothing", async () => {
    const { project, token } = await invitee();
    const stranger = await createTestBuilder("Stranger");
    expect(await outcome(() => acceptProjectInvite({ builderId: stranger.id, token }))).toMatchObject({ status: 403, error: { code: "forbidden" } });
    expect(await memberships(project.id)).toHaveLength(1);
    expect(await inspectProjectInvite(token)).toMatchObject({ state: "valid" });
  });

  it("refuses expired, revoked and unknown links with a clear message, and changes nothing", async () => {
    const expired = await invitee();
    await db.projectInvite.update({ where: { id: expired.invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await invitee();
    await revokeProjectInvite({ builderId: revoked.project.ownerId, projectId: revoked.project.id, inviteId: revoked.invite.id });
    const cases = [
      [expired, "expired", "This invite has expired. Ask a project owner for a new one."],
      [revoked, "revoked", "This invite was revoked. Ask a project owner for a new one."],
    ] as const;
    for (const [seed, state, message] of cases) {
      expect(await inspectProjectInvite(seed.token)).toEqual({ state });
      expect(await outcome(() => acceptProjectInvite({ builderId: seed.builder.id, token: seed.token }))).toEqual({ status: 400, error: { code: "bad_request", message } });
      expect(await memberships(seed.project.id)).toHaveLength(1);
    }
    for (const token of ["B".repeat(43), "", "x/../y", undefined]) {
      expect(await inspectProjectInvite(token)).toEqual({ state: "invalid" });
      expect(await outcome(() => acceptProjectInvite({ builderId: expired.builder.id, token }))).toEqual({ status: 400, error: { code: "bad_request", message: "This invite link is not valid." } });
    }
  });

  it("members cannot invite (403) and strangers learn nothing (404); nothing is written", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const stranger = await createTestBuilder();
    const before = await db.projectInvite.count({ where: { projectId: project.id } });
    expect(await outcome(() => createProjectInvite({ builderId: member.id, projectId: project.id, email: "someone@example.test", role: "member", origin: ORIGIN }))).toEqual({
      status: 403,
      error: { code: "forbidden", message: "Only project owners can invite builders" },
    });
    expect(await outcome(() => createProjectInvite({ builderId: stranger.id, projectId: project.id, email: "someone@example.test", role: "owner", origin: ORIGIN }))).toEqual({
      status: 404,
      error: { code: "not_found", message: "Project not found" },
    });
    expect(await db.projectInvite.count({ where: { projectId: project.id } })).toBe(before);
  });

  it("refuses a bad email or role with 422, and an existing member's email with 409; nothing is written", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const invite = (email: unknown, role: unknown) => outcome(() => createProjectInvite({ builderId: project.ownerId, projectId: project.id, email, role, origin: ORIGIN }));
    expect(await invite("not-an-email", "member")).toMatchObject({ status: 422, error: { details: [{ path: "email", message: "Enter a valid email address" }] } });
    expect(await invite("ok@example.test", "admin")).toMatchObject({ status: 422, error: { details: [{ path: "role" }] } });
    expect(await invite("nul\u0000@example.test", "member")).toMatchObject({ status: 400, error: { code: "bad_request" } });
    expect(await invite(member.email, "owner")).toEqual({ status: 409, error: { code: "conflict", message: `${member.email} is already a member of this project` } });
    expect(await db.projectInvite.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("inviting the same email again replaces the pending invite: only the newest link works", async () => {
    const { project, builder, token: oldToken } = await invitee();
    const again = await createProjectInvite({ builderId: project.ownerId, projectId: project.id, email: builder.email, role: "owner", origin: ORIGIN });
    expect(await inspectProjectInvite(oldToken)).toEqual({ state: "revoked" });
    expect((await listProjectMembers({ builderId: project.ownerId, projectId: project.id })).invites.map((i) => i.id)).toEqual([again.id]);
    await acceptProjectInvite({ builderId: builder.id, token: tokenOf(again.url) });
    expect(await memberships(project.id)).toContainEqual({ builderId: builder.id, role: "owner" });
  });

  it("revoking is scoped to the caller's project: another project's invite id is 404 and stays pending", async () => {
    const mine = await createTestProject();
    const theirs = await invitee();
    expect(await outcome(() => revokeProjectInvite({ builderId: mine.ownerId, projectId: mine.id, inviteId: theirs.invite.id }))).toEqual({
      status: 404,
      error: { code: "not_found", message: "That invite is not pending in this project" },
    });
    expect(await outcome(() => revokeProjectInvite({ builderId: mine.ownerId, projectId: theirs.project.id, inviteId: theirs.invite.id }))).toMatchObject({ status: 404 });
    expect(await outcome(() => revokeProjectInvite({ builderId: mine.ownerId, projectId: mine.id, inviteId: "not-a-uuid" }))).toMatchObject({ status: 404 });
    const member = await addMember(theirs.project.id);
    expect(await outcome(() => revokeProjectInvite({ builderId: member.id, projectId: theirs.project.id, inviteId: theirs.invite.id }))).toMatchObject({ status: 403 });
    expect(await inspectProjectInvite(theirs.token)).toMatchObject({ state: "valid" });
  });

  it("accepting as an existing member raises the role to the invite's, never lowers it", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    await db.membership.update({ where: { projectId_builderId: { projectId: project.id, builderId: member.id } }, data: { role: "owner" } });
    await db.membership.update({ where: { projectId_builderId: { projectId: project.id, builderId: member.id } }, data: { role: "member" } });
    const invite = await db.projectInvite.create({
      data: { projectId: project.id, email: member.email, role: "member", tokenHash: hashLinkToken("C".repeat(43)), expiresAt: new Date(Date.now() + 60_000) },
    });
    await acceptProjectInvite({ builderId: member.id, token: "C".repeat(43) });
    expect(await memberships(project.id)).toContainEqual({ builderId: member.id, role: "member" });
    expect((await db.projectInvite.findUniqueOrThrow({ where: { id: invite.id } })).acceptedById).toBe(member.id);
  });
});
