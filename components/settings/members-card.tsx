"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MailPlus, Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeMemberRoleAction, listMembersAction, removeMemberAction, revokeInviteAction } from "@/app/(dashboard)/[projectId]/settings/actions";
import { callAction } from "@/components/account/action-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { controlClasses } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ActionsTH, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { TPendingInviteView, TProjectMemberView } from "@/lib/accounts/project-members";
import type { TMembershipRole } from "@/lib/schemas/project";
import { formatDateTime } from "./format-date-time";
import { InviteDialog } from "./invite-dialog";

const ROLE_LABELS: Record<TMembershipRole, string> = { owner: "Owner", member: "Member" };

export function MembersCard({ projectId }: { projectId: string }) {
  const queryKey = ["projects", projectId, "members"];
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const members = useQuery({ queryKey, queryFn: () => callAction(listMembersAction({ projectId })) });
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<TProjectMemberView | null>(null);
  const [revoking, setRevoking] = useState<TPendingInviteView | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const changeRole = useMutation({
    mutationFn: (input: { builderId: string; role: TMembershipRole }) => callAction(changeMemberRoleAction({ projectId, ...input })),
    onSuccess: async ({ role }) => {
      await refresh();
      toast({ title: `Role changed to ${ROLE_LABELS[role].toLowerCase()}`, variant: "success" });
      router.refresh();
    },
    onError: (error) => toast({ title: "Role not changed", description: error.message, variant: "error" }),
  });

  if (members.isPending) return <Skeleton className="h-64" />;
  if (members.isError) return <ErrorState message={members.error.message} onRetry={() => void members.refetch()} />;
  const isOwner = members.data.viewerRole === "owner";
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="Members"
          description={
            isOwner
              ? "Builders who work on this project. Owners invite builders, change roles and remove members; members build."
              : "Builders who work on this project. Only owners can invite builders or change roles."
          }
          actions={
            isOwner && (
              <Button type="button" size="sm" onClick={() => setInviting(true)}>
                <MailPlus className="size-4" aria-hidden /> Invite builder
              </Button>
            )
          }
        />
        <Table>
          <THead>
            <TR>
              <TH>Builder</TH>
              <TH>Role</TH>
              <TH>Joined</TH>
              <ActionsTH />
            </TR>
          </THead>
          <TBody>
            {members.data.members.map((member) => (
              <TR key={member.builderId} data-testid={`member-${member.email}`}>
                <TD>
                  <span className="block font-medium">
                    {member.name || member.email}
                    {member.isYou && <span className="ml-1.5 text-xs font-normal text-neutral-500">(you)</span>}
                  </span>
                  <span className="block text-xs text-neutral-500">{member.email}</span>
                </TD>
                <TD>
                  {isOwner ? (
                    <select
                      aria-label={`Role of ${member.name || member.email}`}
                      className={cn(controlClasses, "h-8 w-32 py-1")}
                      value={member.role}
                      disabled={changeRole.isPending}
                      onChange={(event) => changeRole.mutate({ builderId: member.builderId, role: event.target.value as TMembershipRole })}
                    >
                      <option value="owner">Owner</option>
                      <option value="member">Member</option>
                    </select>
                  ) : (
                    <Badge variant={member.role === "owner" ? "accent" : "neutral"}>{ROLE_LABELS[member.role]}</Badge>
                  )}
                </TD>
                <TD>{formatDateTime(member.joinedAt)}</TD>
                <TD className="text-right">
                  {(isOwner || member.isYou) && (
                    <Button type="button" variant="ghost" size="sm" onClick={() => setRemoving(member)}>
                      {member.isYou ? "Leave" : "Remove"}
                    </Button>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>

      <Card>
        <CardHeader title="Pending invites" description="Invite links work once, for 7 days, for the invited email only." />
        {members.data.invites.length === 0 ? (
          <EmptyState
            className="m-6"
            icon={<Users />}
            title="No pending invites"
            description={isOwner ? "Invite a builder by email; you get a link to send them." : "Owners can invite builders to this project."}
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Email</TH>
                <TH>Role</TH>
                <TH>Invited by</TH>
                <TH>Expires</TH>
                <ActionsTH />
              </TR>
            </THead>
            <TBody>
              {members.data.invites.map((invite) => (
                <TR key={invite.id} data-testid={`invite-${invite.email}`}>
                  <TD className="font-medium">{invite.email}</TD>
                  <TD>{ROLE_LABELS[invite.role]}</TD>
                  <TD>{invite.invitedBy ?? "—"}</TD>
                  <TD>{formatDateTime(invite.expiresAt)}</TD>
                  <TD className="text-right">
                    {isOwner && (
                      <Button type="button" variant="ghost" size="sm" onClick={() => setRevoking(invite)}>
                        Revoke
                      </Button>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <InviteDialog projectId={projectId} open={inviting} onOpenChange={setInviting} onInvited={refresh} />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={removing?.isYou ? "Leave this project?" : `Remove ${removing?.name || removing?.email}?`}
        description={
          removing?.isYou
            ? "You will lose access to this project until an owner invites you again."
            : "They lose access to this project at once. Their workflows and keys stay in the project."
        }
        confirmLabel={removing?.isYou ? "Leave project" : "Remove member"}
        destructive
        onConfirm={async () => {
          if (!removing) return;
          await callAction(removeMemberAction({ projectId, builderId: removing.builderId }));
          if (removing.isYou) {
            router.push("/");
            return;
          }
          await refresh();
          toast({ title: "Member removed", variant: "success" });
          setRemoving(null);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke the invite for ${revoking?.email}?`}
        description="Its link stops working at once. You can invite them again later."
        confirmLabel="Revoke invite"
        destructive
        onConfirm={async () => {
          if (!revoking) return;
          await callAction(revokeInviteAction({ projectId, inviteId: revoking.id }));
          await refresh();
          toast({ title: "Invite revoked", variant: "success" });
          setRevoking(null);
        }}
      />
    </div>
  );
}
