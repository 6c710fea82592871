"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, undefined);
  return (
    <div>
      <h1 className="text-xl font-semibold">Choose a new password</h1>
      <p className="mt-1 text-sm text-neutral-600">
        For <span className="font-medium text-neutral-800">{email}</span>. Every browser signed in to this account will be signed out.
      </p>
      <form action={action} className="mt-6 flex flex-col gap-4" noValidate>
        <input type="hidden" name="token" value={token} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field id="password" label="New password" hint="At least 10 characters." error={state?.fieldError}>
          <Input name="password" type="password" autoComplete="new-password" required autoFocus />
        </Field>
        <FormError message={state?.error} />
        <Button type="submit" loading={pending}>
          Set password and sign in
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-neutral-600">
        <Link href="/sign-in" className="font-medium text-accent-700 hover:underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
