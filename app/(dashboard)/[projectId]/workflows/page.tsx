import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { WorkflowsList } from "@/components/workflows/workflows-list";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <div>
      <PageHeader
        title="Workflows"
        description="Each workflow runs for your users when its App Event, webhook, schedule or request triggers it. Open one to edit, test and deploy it."
      />
      {/* The search box reads ?q= from the query string, which needs a Suspense boundary. */}
      <Suspense fallback={<Skeleton className="h-64" />}>
        <WorkflowsList projectId={projectId} />
      </Suspense>
    </div>
  );
}
