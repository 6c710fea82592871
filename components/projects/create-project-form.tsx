"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { ZProject } from "@/lib/schemas/project";

export function CreateProjectForm({ onCreated }: { onCreated?: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => apiFetch("/projects", ZProject, { method: "POST", body: { name } }),
    onSuccess: async (project) => {
      await queryClient.invalidateQueries({ queryKey: ["projects"] });
      onCreated?.();
      router.push(`/${project.id}/settings?tab=sdk`);
    },
  });
  const fieldError = create.error instanceof ApiError ? create.error.message : undefined;
  return (
    <form
      className="mt-6 flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <Field id="project-name" label="Project name" error={fieldError}>
        <Input value={name} onChange={(event) => setName(event.target.value)} placeholder="Acme CRM" required autoFocus maxLength={100} />
      </Field>
      <Button type="submit" loading={create.isPending} disabled={name.trim() === ""}>
        Create project
      </Button>
    </form>
  );
}
