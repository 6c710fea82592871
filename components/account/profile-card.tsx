"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateProfileAction } from "@/app/(dashboard)/account/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { callAction, fieldError, formError } from "./action-client";

export function ProfileCard({ name: savedName, email }: { name: string; email: string }) {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(savedName);
  const save = useMutation({
    mutationFn: () => callAction(updateProfileAction({ name })),
    onSuccess: (updated) => {
      setName(updated.name);
      toast({ title: "Name saved", variant: "success" });
      router.refresh();
    },
  });
  return (
    <Card>
      <CardHeader title="Profile" description="Your name is shown to the other members of your projects." />
      <CardBody>
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
          noValidate
        >
          <Field id="account-email" label="Email" hint="The email you sign in with.">
            <Input value={email} readOnly disabled />
          </Field>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <Field id="account-name" label="Name" className="flex-1" error={fieldError(save.error, "name")}>
              <Input name="name" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} autoComplete="name" />
            </Field>
            <Button type="submit" variant="secondary" className="sm:mt-6.5" loading={save.isPending} disabled={name.trim() === "" || name === savedName}>
              Save name
            </Button>
          </div>
          <FormError message={formError(save.error, ["name"])} />
        </form>
      </CardBody>
    </Card>
  );
}
