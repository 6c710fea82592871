"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { inviteBuilderAction } from "@/app/(dashboard)/[projectId]/settings/actions";
import { callAction, fieldError, formError } from "@/components/account/action-client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { controlClasses, Input } from "@/components/ui/input";
import type { TMembershipRole } from "@/lib/schemas/project";

/** Invite a builder by email. No mail is sent, so the link is shown here once, to pass on. */
export function InviteDialog({ projectId, open, onOpenChange, onInvited }: { projectId: string; open: boolean; onOpenChange: (open: boolean) => void; onInvited: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TMembershipRole>("member");
  const invite = useMutation({
    mutationFn: () => callAction(inviteBuilderAction({ projectId, email, role })),
    onSuccess: onInvited,
  });
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      invite.reset();
      setEmail("");
      setRole("member");
    }
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        dismissible={!invite.data}
        title={invite.data ? "Invite link created" : "Invite a builder"}
        description={invite.data ? undefined : "They join with the role you choose, after signing in or creating an account with this email."}
      >
        {invite.data ? (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-neutral-700">
              Send this link to <span className="font-medium">{invite.data.email}</span>. It works once, until {new Date(invite.data.expiresAt).toLocaleDateString()}, and only
              for that email. It is shown only now.
            </p>
            <code className="block rounded-md bg-neutral-100 px-3 py-2 font-mono text-xs break-all text-neutral-900" data-testid="invite-link" tabIndex={0}>
              {invite.data.url}
            </code>
            <div>
              <CopyButton value={invite.data.url} label="Copy invite link" />
            </div>
            <DialogFooter className="mt-2">
              <Button type="button" onClick={() => close(false)}>
                Done
              </Button>
            </DialogFooter>
          </div>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              invite.mutate();
            }}
            className="flex flex-col gap-4"
            noValidate
          >
            <Field id="invite-email" label="Email" error={fieldError(invite.error, "email")}>
              <Input type="email" value={email} onChange={(event) => setEmail(event.target.value)} placeholder="teammate@example.com" autoFocus autoComplete="off" />
            </Field>
            <Field id="invite-role" label="Role" hint="Owners can also invite builders, change roles and remove members.">
              <select className={cn(controlClasses, "h-9 py-1.5")} value={role} onChange={(event) => setRole(event.target.value as TMembershipRole)}>
                <option value="member">Member</option>
                <option value="owner">Owner</option>
              </select>
            </Field>
            <FormError message={formError(invite.error, ["email"])} />
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending} disabled={email.trim() === ""}>
                Create invite link
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
