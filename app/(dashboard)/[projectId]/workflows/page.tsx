import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { WorkflowsList } from "@/components/workflows/workflows-list";
import { requireProjectPageAccess } from "@/lib/projects/require-project-page-access";
import { listWorkflows } from "@/lib/workflows/list-workflows";

export const metadata: Metadata = { title: "Workflows" };

/**
 * The unfiltered list comes with the page, so its rows are in the HTML rather than a request after hydration;
 * the client keeps it fresh through React Query and fetches searches itself.
 */
export default async function WorkflowsPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ q?: string | string[] }> }) {
  const { projectId } = await params;
  const { q } = await searchParams;
  await requireProjectPageAccess(projectId);
  const initialWorkflows = typeof q === "string" && q.trim() ? undefined : await listWorkflows({ projectId });
  return (
    <div>
      <PageHeader
        title="Workflows"
        description="Each workflow runs for your users when its App Event, webhook, schedule or request triggers it. Open one to edit, test and deploy it."
      />
      {/* The search box reads ?q= from the query string, which needs a Suspense boundary. */}
      <Suspense fallback={<Skeleton className="h-64" />}>
        <WorkflowsList projectId={projectId} initialWorkflows={initialWorkflows} />
      </Suspense>
    </div>
  );
}
