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
import { TimeZonePicker } from "@/components/ui/time-zone-picker";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { type TProject, ZProject } from "@/lib/schemas/project";

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
        <ProjectTimeZoneForm project={project.data} isOwner={isOwner} />
      </CardBody>
    </Card>
  );
}

/** The zone of the project's schedules that name none; the server reads it when such a schedule is deployed. */
function ProjectTimeZoneForm({ project, isOwner }: { project: TProject; isOwner: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [zone, setZone] = useState(project.timezone);
  const [saved, setSaved] = useState(project.timezone);
  // Follow the server's value when it changes from elsewhere (another tab, a refetch).
  if (project.timezone !== saved) {
    setSaved(project.timezone);
    setZone(project.timezone);
  }
  const save = useMutation({
    mutationFn: () => apiFetch(`/projects/${project.id}`, ZProject, { method: "PATCH", body: { timezone: zone } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["projects", project.id], updated);
      toast({ title: "Time zone saved", description: `Schedules that name no zone use ${updated.timezone} from their next deploy.`, variant: "success" });
    },
  });
  const fieldError = save.error instanceof ApiError ? timezoneErrorOf(save.error) : undefined;
  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Field
        id="project-timezone"
        label="Time zone"
        className="flex-1"
        hint={
          <>
            Schedules that name no time zone use this one, from their next deploy; a deployed schedule keeps the zone it was deployed with until then.
            {!isOwner && " Only owners can change it."}
          </>
        }
        error={fieldError}
      >
        <TimeZonePicker value={zone} onChange={(next) => next && setZone(next)} disabled={!isOwner} />
      </Field>
      <Button type="submit" variant="secondary" className="sm:mt-6.5" loading={save.isPending} disabled={!isOwner || zone === project.timezone}>
        Save
      </Button>
    </form>
  );
}

/** The message for the timezone field from a 422's details, else the error's own message. */
function timezoneErrorOf(error: ApiError): string {
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]) : [];
  const field = details.find((detail) => detail.path === "timezone");
  return typeof field?.message === "string" ? field.message : error.message;
}
