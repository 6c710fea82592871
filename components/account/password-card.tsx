"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { changePasswordAction } from "@/app/(dashboard)/account/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { callAction, fieldError, formError } from "./action-client";

export function PasswordCard({ hasPassword }: { hasPassword: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const change = useMutation({
    mutationFn: () => callAction(changePasswordAction({ currentPassword, newPassword })),
    onSuccess: ({ signedOut }) => {
      setCurrentPassword("");
      setNewPassword("");
      toast({
        title: "Password changed",
        description: signedOut > 0 ? `Signed out ${signedOut} other ${signedOut === 1 ? "session" : "sessions"}.` : "Your other sessions were signed out.",
        variant: "success",
      });
      router.refresh();
    },
  });
  if (!hasPassword) {
    return (
      <Card>
        <CardHeader title="Password" description="You sign in with GitHub or Google, so this account has no password." />
        <CardBody>
          <p className="text-sm text-neutral-600">To add one, sign out and use “Forgot password?” on the sign-in page.</p>
        </CardBody>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader title="Password" description="Changing it signs out every other browser signed in to your account." />
      <CardBody>
        <form
          className="flex max-w-md flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate();
          }}
          noValidate
        >
          <Field id="current-password" label="Current password" error={fieldError(change.error, "currentPassword")}>
            <Input name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={(event) => setCurrentPassword(event.target.value)} />
          </Field>
          <Field id="new-password" label="New password" hint="At least 10 characters." error={fieldError(change.error, "newPassword")}>
            <Input name="newPassword" type="password" autoComplete="new-password" value={newPassword} onChange={(event) => setNewPassword(event.target.value)} />
          </Field>
          <FormError message={formError(change.error, ["currentPassword", "newPassword"])} />
          <div>
            <Button type="submit" loading={change.isPending} disabled={currentPassword === "" || newPassword === ""}>
              Change password
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
