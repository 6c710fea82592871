import { describe, expect, it } from "vitest";
import { changeMemberRole, listProjectMembers, removeProjectMember } from "@/lib/accounts/project-members";
import { db } from "@/lib/db/client";
import { addMember } from "@/test/api-helpers";
import { createTestBuilder, createTestProject } from "@/test/factories";
import { outcome } from "./account-helpers";

const LAST_OWNER = { status: 409, error: { code: "conflict", message: "A project must keep at least one owner. Make another member an owner first." } };
const roles = async (projectId: string) =>
  Object.fromEntries((await db.membership.findMany({ where: { projectId }, select: { builderId: true, role: true } })).map((m) => [m.builderId, m.role]));

describe("project members", () => {
  it("lists members, owners first, marking the caller", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const listed = await listProjectMembers({ builderId: member.id, projectId: project.id });
    expect(listed.viewerRole).toBe("member");
    expect(listed.members.map((m) => [m.builderId, m.role, m.isYou])).toEqual([
      [project.ownerId, "owner", false],
      [member.id, "member", true],
    ]);
    const stranger = await createTestBuilder();
    expect(await outcome(() => listProjectMembers({ builderId: stranger.id, projectId: project.id }))).toEqual({ status: 404, error: { code: "not_found", message: "Project not found" } });
  });

  it("an owner changes roles; the last owner cannot be demoted", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    expect(await outcome(() => changeMemberRole({ builderId: project.ownerId, projectId: project.id, targetBuilderId: project.ownerId, role: "member" }))).toEqual(LAST_OWNER);
    expect(await changeMemberRole({ builderId: project.ownerId, projectId: project.id, targetBuilderId: member.id, role: "owner" })).toEqual({ role: "owner" });
    expect(await changeMemberRole({ builderId: project.ownerId, projectId: project.id, targetBuilderId: project.ownerId, role: "member" })).toEqual({ role: "member" });
    expect(await roles(project.id)).toEqual({ [project.ownerId]: "member", [member.id]: "owner" });
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const project = await createTestProject();
    const second = await addMember(project.id);
    await changeMemberRole({ builderId: project.ownerId, projectId: project.id, targetBuilderId: second.id, role: "owner" });
    const results = await Promise.all([
      outcome(() => changeMemberRole({ builderId: project.ownerId, projectId: project.id, targetBuilderId: second.id, role: "member" })),
      outcome(() => changeMemberRole({ builderId: second.id, projectId: project.id, targetBuilderId: project.ownerId, role: "member" })),
    ]);
    expect(Object.values(await roles(project.id)).filter((role) => role === "owner")).toHaveLength(1);
    expect(results.filter((r) => !r.ok).length).toBeLessThanOrEqual(1);
  });

  it("members cannot change roles or remove others (403); strangers get 404; nothing changes", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const other = await addMember(project.id);
    const stranger = await createTestBuilder();
    const before = await roles(project.id);
    expect(await outcome(() => changeMemberRole({ builderId: member.id, projectId: project.id, targetBuilderId: member.id, role: "owner" }))).toEqual({
      status: 403,
      error: { code: "forbidden", message: "Only project owners can change roles" },
    });
    expect(await outcome(() => removeProjectMember({ builderId: member.id, projectId: project.id, targetBuilderId: other.id }))).toEqual({
      status: 403,
      error: { code: "forbidden", message: "Only project owners can remove members" },
    });
    expect(await outcome(() => removeProjectMember({ builderId: stranger.id, projectId: project.id, targetBuilderId: member.id }))).toMatchObject({ status: 404 });
    expect(await outcome(() => changeMemberRole({ builderId: stranger.id, projectId: project.id, targetBuilderId: member.id, role: "member" }))).toMatchObject({ status: 404 });
    expect(await roles(project.id)).toEqual(before);
  });

  it("an owner removes a member; the last owner cannot be removed; a member may leave", async () => {
    const project = await createTestProject();
    const member = await addMember(project.id);
    const leaver = await addMember(project.id);
    expect(await outcome(() => removeProjectMember({ builderId: project.ownerId, projectId: project.id, targetBuilderId: project.ownerId }))).toEqual(LAST_OWNER);
    await removeProjectMember({ builderId: project.ownerId, projectId: project.id, targetBuilderId: member.id });
    await removeProjectMember({ builderId: leaver.id, projectId: project.id, targetBuilderId: leaver.id });
    expect(await roles(project.id)).toEqual({ [project.ownerId]: "owner" });
  });

  it("scopes the target to the caller's project: another project's member or a bad id is 404, and bad roles 422", async () => {
    const project = await createTestProject();
    const elsewhere = await createTestProject();
    const outsider = await addMember(elsewhere.id);
    for (const targetBuilderId of [outsider.id, elsewhere.ownerId, "not-a-uuid"]) {
      expect(await outcome(() => removeProjectMember({ builderId: project.ownerId, projectId: project.id, targetBuilderId }))).toEqual({
        status: 404,
        error: { code: "not_found", message: "That builder is not a member of this project" },
      });
    }
    expect(await outcome(() => changeMemberRole({ builderId: project.ownerId, projectId: project.id, targetBuilderId: outsider.id, role: "owner" }))).toMatchObject({ status: 404 });
    expect(await outcome(() => changeMemberRole({ builderId: project.ownerId, projectId: project.id, targetBuilderId: project.ownerId, role: "admin" }))).toMatchObject({ status: 422 });
    expect(await roles(elsewhere.id)).toEqual({ [elsewhere.ownerId]: "owner", [outsider.id]: "member" });
  });
});
