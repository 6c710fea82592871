"use client";

import { useActionState } from "react";
import { acceptInviteAction, signUpFromInviteAction } from "@/app/invite/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";

export function AcceptInviteForm({ token, projectName }: { token: string; projectName: string }) {
  const [state, action, pending] = useActionState(acceptInviteAction, undefined);
  return (
    <form action={action} className="mt-6 flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={state?.error} />
      <Button type="submit" loading={pending} autoFocus>
        Join {projectName}
      </Button>
    </form>
  );
}

export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(signUpFromInviteAction, undefined);
  return (
    <form action={action} className="mt-4 flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field id="invite-email" label="Email" hint="The invite is for this email.">
        <Input name="email" type="email" autoComplete="username" value={email} readOnly />
      </Field>
      <Field id="invite-name" label="Name" error={state?.fieldErrors?.name}>
        <Input name="name" autoComplete="name" required defaultValue={state?.name} />
      </Field>
      <Field id="invite-password" label="Password" hint="At least 10 characters." error={state?.fieldErrors?.password}>
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <FormError message={state?.error ?? state?.fieldErrors?.email} />
      <Button type="submit" loading={pending}>
        Create account and join
      </Button>
    </form>
  );
}
