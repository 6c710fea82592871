"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signUpWithPassword } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { OAuthButtons } from "./oauth-buttons";

export function SignUpForm({ providers }: { providers: { github: boolean; google: boolean } }) {
  const [state, action, pending] = useActionState(signUpWithPassword, undefined);
  return (
    <div>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <p className="mt-1 text-sm text-neutral-600">Ship integrations your customers switch on themselves.</p>
      <form action={action} className="mt-6 flex flex-col gap-4" noValidate>
        <Field id="name" label="Name" error={state?.fieldErrors?.name}>
          <Input name="name" autoComplete="name" required autoFocus={!state} defaultValue={state?.values?.name} />
        </Field>
        <Field id="email" label="Work email" error={state?.fieldErrors?.email}>
          <Input name="email" type="email" autoComplete="email" required defaultValue={state?.values?.email} />
        </Field>
        <Field id="password" label="Password" hint="At least 10 characters." error={state?.fieldErrors?.password}>
          <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
        </Field>
        <FormError message={state?.error} />
        <Button type="submit" loading={pending}>
          Create account
        </Button>
      </form>
      <OAuthButtons providers={providers} />
      <p className="mt-6 text-center text-sm text-neutral-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-accent-700 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
