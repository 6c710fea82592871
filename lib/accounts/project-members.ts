import "server-only";
import { db, type TransactionClient } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { ZUuid } from "@/lib/schemas/common";
import type { TMembershipRole } from "@/lib/schemas/project";
import { builderRoleIn, requireProjectOwner } from "./project-access";
import { ZChangeRoleRequest } from "./schemas";

export type TProjectMemberView = { builderId: string; name: string; email: string; role: TMembershipRole; joinedAt: string; isYou: boolean };
export type TPendingInviteView = { id: string; email: string; role: TMembershipRole; createdAt: string; expiresAt: string; invitedBy: string | null };

/** Members of the project (owners first) and its pending invites, for any member of it. */
export async function listProjectMembers(input: { builderId: string; projectId: string }) {
  const viewerRole = await builderRoleIn(input);
  const [memberships, invites] = await Promise.all([
    db.membership.findMany({
      where: { projectId: input.projectId },
      select: { role: true, createdAt: true, builder: { select: { id: true, name: true, email: true } } },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    }),
    db.projectInvite.findMany({
      where: { projectId: input.projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true, email: true } } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const members: TProjectMemberView[] = memberships.map((m) => ({
    builderId: m.builder.id,
    name: m.builder.name,
    email: m.builder.email,
    role: m.role,
    joinedAt: m.createdAt.toISOString(),
    isYou: m.builder.id === input.builderId,
  }));
  const pending: TPendingInviteView[] = invites.map((invite) => ({
    id: invite.id,
    email: invite.email,
    role: invite.role,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    invitedBy: invite.invitedBy ? invite.invitedBy.name || invite.invitedBy.email : null,
  }));
  return { viewerRole, members, invites: pending };
}

const LAST_OWNER = "A project must keep at least one owner. Make another member an owner first.";

/** Serializes membership changes of one project, so two owners demoting each other cannot leave it with none. */
async function lockProject(tx: TransactionClient, projectId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId}::uuid FOR NO KEY UPDATE`;
}

async function targetMembership(tx: TransactionClient, projectId: string, builderId: unknown) {
  const id = ZUuid.safeParse(builderId);
  const membership = id.success ? await tx.membership.findFirst({ where: { projectId, builderId: id.data }, select: { builderId: true, role: true } }) : null;
  if (!membership) throw new AppError("not_found", "That builder is not a member of this project");
  return membership;
}

async function ownerCount(tx: TransactionClient, projectId: string): Promise<number> {
  return tx.membership.count({ where: { projectId, role: "owner" } });
}

export async function changeMemberRole(input: { builderId: string; projectId: string; targetBuilderId: unknown; role: unknown }): Promise<{ role: TMembershipRole }> {
  await requireProjectOwner(input, "change roles");
  const request = ZChangeRoleRequest.parse({ builderId: input.targetBuilderId, role: input.role });
  return db.$transaction(async (tx) => {
    await lockProject(tx, input.projectId);
    const target = await targetMembership(tx, input.projectId, request.builderId);
    if (target.role === "owner" && request.role !== "owner" && (await ownerCount(tx, input.projectId)) <= 1) throw new AppError("conflict", LAST_OWNER);
    await tx.membership.updateMany({ where: { projectId: input.projectId, builderId: target.builderId }, data: { role: request.role } });
    return { role: request.role };
  });
}

/** An owner removes anyone; a member may remove only themselves (leave the project). */
export async function removeProjectMember(input: { builderId: string; projectId: string; targetBuilderId: unknown }): Promise<void> {
  const role = await builderRoleIn(input);
  if (role !== "owner" && input.targetBuilderId !== input.builderId) throw new AppError("forbidden", "Only project owners can remove members");
  await db.$transaction(async (tx) => {
    await lockProject(tx, input.projectId);
    const target = await targetMembership(tx, input.projectId, input.targetBuilderId);
    if (target.role === "owner" && (await ownerCount(tx, input.projectId)) <= 1) throw new AppError("conflict", LAST_OWNER);
    await tx.membership.deleteMany({ where: { projectId: input.projectId, builderId: target.builderId } });
  });
}
