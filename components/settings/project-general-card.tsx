"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { ZProject } from "@/lib/schemas/project";

export function ProjectGeneralCard({ projectId }: { projectId: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const project = useQuery({ queryKey: ["projects", projectId], queryFn: () => apiFetch(`/projects/${projectId}`, ZProject) });
  const [name, setName] = useState("");
  useEffect(() => {
    if (project.data) setName(project.data.name);
  }, [project.data]);
  const rename = useMutation({
    mutationFn: () => apiFetch(`/projects/${projectId}`, ZProject, { method: "PATCH", body: { name } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["projects", projectId], updated);
      toast({ title: "Project renamed", variant: "success" });
      router.refresh();
    },
  });

  if (project.isPending) return <Skeleton className="h-48" />;
  if (project.isError) return <ErrorState message={project.error.message} onRetry={() => void project.refetch()} />;
  const isOwner = project.data.role === "owner";
  return (
    <Card>
      <CardHeader title="Project" description="The project id appears in SDK URLs: /projects/{projectId}/sdk/…" />
      <CardBody className="flex flex-col gap-5">
        <div>
          <p className="text-sm font-medium">Project id</p>
          <div className="mt-1.5 flex items-center gap-2">
            <code className="rounded bg-neutral-100 px-2 py-1 font-mono text-sm" data-testid="project-id">
              {project.data.id}
            </code>
            <CopyButton value={project.data.id} iconOnly label="Copy project id" />
          </div>
        </div>
        <form
          className="flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate();
          }}
        >
          <Field
            id="rename-project"
            label="Name"
            className="flex-1"
            hint={isOwner ? undefined : "Only owners can rename the project."}
            error={rename.error instanceof ApiError ? rename.error.message : undefined}
          >
            <Input value={name} onChange={(event) => setName(event.target.value)} disabled={!isOwner} maxLength={100} />
          </Field>
          <Button type="submit" variant="secondary" loading={rename.isPending} disabled={!isOwner || name.trim() === "" || name === project.data.name}>
            Save
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
