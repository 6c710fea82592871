import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { refuseUnstorableText } from "@/lib/http/storable-text";
import { ZUuid } from "@/lib/schemas/common";
import type { TMembershipRole } from "@/lib/schemas/project";
import { printAccountLink } from "./print-link";
import { requireProjectOwner } from "./project-access";
import { ZCreateInviteRequest, ZLinkToken } from "./schemas";
import { generateLinkToken, hashLinkToken } from "./tokens";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const inviteUrl = (origin: string, token: string) => `${origin}/invite/${token}`;

/**
 * An owner invites a builder by email. The link is answered once (to show the inviter) and printed to the server
 * log; only its sha256 is kept. A pending invite for the same email is replaced, so the newest link is the one
 * that works.
 */
export async function createProjectInvite(input: { builderId: string; projectId: string; email: unknown; role: unknown; origin: string }) {
  await requireProjectOwner(input, "invite builders");
  refuseUnstorableText({ email: input.email }, "body");
  const request = ZCreateInviteRequest.parse({ email: input.email, role: input.role });
  const alreadyMember = await db.membership.findFirst({ where: { projectId: input.projectId, builder: { email: request.email } }, select: { builderId: true } });
  if (alreadyMember) throw new AppError("conflict", `${request.email} is already a member of this project`);
  const { token, tokenHash } = generateLinkToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const invite = await db.$transaction(async (tx) => {
    await tx.projectInvite.updateMany({
      where: { projectId: input.projectId, email: request.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    return tx.projectInvite.create({
      data: { projectId: input.projectId, email: request.email, role: request.role, tokenHash, invitedById: input.builderId, createdAt: now, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
  });
  const url = inviteUrl(input.origin, token);
  printAccountLink({ purpose: "project invite", email: invite.email, url, expiresAt });
  return { id: invite.id, email: invite.email, role: invite.role, expiresAt: invite.expiresAt.toISOString(), url };
}

export async function revokeProjectInvite(input: { builderId: string; projectId: string; inviteId: unknown }): Promise<void> {
  await requireProjectOwner(input, "revoke invites");
  const id = ZUuid.safeParse(input.inviteId);
  const { count } = id.success
    ? await db.projectInvite.updateMany({ where: { id: id.data, projectId: input.projectId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } })
    : { count: 0 };
  if (count === 0) throw new AppError("not_found", "That invite is not pending in this project");
}

export type TInviteState = "valid" | "expired" | "used" | "revoked" | "invalid";

async function findInvite(token: unknown) {
  const parsed = ZLinkToken.safeParse(token);
  if (!parsed.success) return null;
  return db.projectInvite.findUnique({
    where: { tokenHash: hashLinkToken(parsed.data) },
    select: {
      id: true,
      projectId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      project: { select: { name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
}

function stateOf(invite: Awaited<ReturnType<typeof findInvite>>): TInviteState {
  if (!invite) return "invalid";
  if (invite.acceptedAt) return "used";
  if (invite.revokedAt) return "revoked";
  return invite.expiresAt.getTime() <= Date.now() ? "expired" : "valid";
}

export type TInviteView =
  | { state: Exclude<TInviteState, "valid"> }
  | { state: "valid"; projectName: string; email: string; role: TMembershipRole; invitedBy: string | null; expiresAt: string };

/** What the invite page shows; a link that is not valid reveals nothing about the project. */
export async function inspectProjectInvite(token: unknown): Promise<TInviteView> {
  const invite = await findInvite(token);
  const state = stateOf(invite);
  if (state !== "valid" || !invite) return { state: state as Exclude<TInviteState, "valid"> };
  return {
    state,
    projectName: invite.project.name,
    email: invite.email,
    role: invite.role,
    invitedBy: invite.invitedBy ? invite.invitedBy.name || invite.invitedBy.email : null,
    expiresAt: invite.expiresAt.toISOString(),
  };
}

const REFUSALS: Record<Exclude<TInviteState, "valid">, string> = {
  invalid: "This invite link is not valid.",
  expired: "This invite has expired. Ask a project owner for a new one.",
  used: "This invite has already been accepted.",
  revoked: "This invite was revoked. Ask a project owner for a new one.",
};

/**
 * The signed-in builder joins the project with the invite's role. The invite is for one email: a builder signed
 * in with another is refused, so a forwarded link is no key to the project. Already a member: the role is raised
 * to the invite's, never lowered. The invite is spent by a conditional update in the same transaction.
 */
export async function acceptProjectInvite(input: { builderId: string; token: unknown }): Promise<{ projectId: string }> {
  const invite = await findInvite(input.token);
  const state = stateOf(invite);
  if (state !== "valid" || !invite) throw new AppError("bad_request", REFUSALS[state as Exclude<TInviteState, "valid">]);
  const builder = await db.builder.findUniqueOrThrow({ where: { id: input.builderId }, select: { email: true } });
  if (builder.email !== invite.email) {
    throw new AppError("forbidden", `This invite is for ${invite.email}, and you are signed in as ${builder.email}. Sign in with ${invite.email} to accept it.`);
  }
  const now = new Date();
  await db.$transaction(async (tx) => {
    const spent = await tx.projectInvite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: input.builderId },
    });
    if (spent.count !== 1) throw new AppError("bad_request", "This invite is no longer valid.");
    await tx.membership.upsert({
      where: { projectId_builderId: { projectId: invite.projectId, builderId: input.builderId } },
      create: { projectId: invite.projectId, builderId: input.builderId, role: invite.role },
      update: invite.role === "owner" ? { role: "owner" } : {},
    });
  });
  return { projectId: invite.projectId };
}
