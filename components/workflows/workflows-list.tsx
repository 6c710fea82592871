"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Info, Plus, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client/api-fetch";
import type { TTrigger } from "@/lib/schemas/workflow";
import { type TWorkflowState, ZWorkflow, ZWorkflowList } from "@/lib/schemas/workflow-api";

const STATE_BADGES: Record<TWorkflowState, { label: string; variant: "neutral" | "success" | "warning" }> = {
  draft: { label: "Draft", variant: "neutral" },
  deployed: { label: "Deployed", variant: "success" },
  changed: { label: "Changes not deployed", variant: "warning" },
};

function triggerLabel(trigger: TTrigger): string {
  switch (trigger.type) {
    case "app_event":
      return "App Event";
    case "schedule":
      return "Schedule";
    case "webhook":
      return "Webhook";
    case "request":
      return "Request";
  }
}

/** The project's workflows; each opens in the visual editor. */
export function WorkflowsList({ projectId }: { projectId: string }) {
  const router = useRouter();
  const workflows = useQuery({ queryKey: ["projects", projectId, "workflows"], queryFn: () => apiFetch(`/projects/${projectId}/workflows`, ZWorkflowList) });
  const create = useMutation({
    mutationFn: () => apiFetch(`/projects/${projectId}/workflows`, ZWorkflow, { method: "POST", body: { name: "Untitled workflow" } }),
    onSuccess: (workflow) => router.push(`/${projectId}/workflows/${workflow.id}`),
  });
  return (
    <div>
      <PageHeader
        title="Workflows"
        description="Workflows run for your users when an App Event, webhook, schedule or request triggers them."
        actions={
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {!create.isPending && <Plus aria-hidden />} New workflow
          </Button>
        }
      />
      {create.isError && (
        <p role="alert" className="mt-3 text-sm font-medium text-danger-700">
          Couldn&apos;t create the workflow: {create.error.message}
        </p>
      )}
      <div className="mt-6 flex items-start gap-3 rounded-md border border-dashed border-neutral-300 bg-white p-4 text-sm">
        <Info className="mt-0.5 size-5 shrink-0 text-accent-600" aria-hidden />
        <p className="text-neutral-700">
          Open a workflow to edit, test and deploy it in the visual editor. You can also manage workflows through the management API (
          <a className="font-medium text-accent-700 hover:underline" href="/api/v1/openapi.json">
            OpenAPI document
          </a>
          ); their runs appear in{" "}
          <Link className="font-medium text-accent-700 hover:underline" href={`/${projectId}/runs`}>
            Task History
          </Link>
          .
        </p>
      </div>
      <div className="mt-6">
        {workflows.isPending ? (
          <Skeleton className="h-32" />
        ) : workflows.isError ? (
          <ErrorState message={workflows.error.message} onRetry={() => void workflows.refetch()} />
        ) : workflows.data.workflows.length === 0 ? (
          <EmptyState icon={<Workflow />} title="No workflows yet" description="Create one with “New workflow”." />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Trigger</TH>
                <TH>State</TH>
                <TH>Version</TH>
                <TH>Users</TH>
                <TH>
                  <span className="sr-only">Runs</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {workflows.data.workflows.map((workflow) => (
                <TR key={workflow.id} data-testid={`workflow-${workflow.id}`}>
                  <TD className="font-medium">
                    <Link className="text-accent-700 hover:underline" href={`/${projectId}/workflows/${workflow.id}`}>
                      {workflow.name}
                    </Link>
                  </TD>
                  <TD>{triggerLabel(workflow.trigger)}</TD>
                  <TD>
                    <Badge variant={STATE_BADGES[workflow.state].variant}>{STATE_BADGES[workflow.state].label}</Badge>
                  </TD>
                  <TD>{workflow.deployedVersion ? `v${workflow.deployedVersion}` : "—"}</TD>
                  <TD>{workflow.enabledForAllUsers ? "Everyone" : "Users who switch it on"}</TD>
                  <TD className="text-right">
                    <Link className="text-sm font-medium text-accent-700 hover:underline" href={`/${projectId}/runs?workflowId=${workflow.id}`}>
                      Runs
                    </Link>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </div>
    </div>
  );
}
