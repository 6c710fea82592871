import type { Metadata } from "next";
import { Suspense } from "react";
import { TaskHistory } from "@/components/runs/task-history";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Task History" };

export default async function TaskHistoryPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <div>
      <PageHeader title="Task History" description="Every workflow run, step by step: what started it, the path it took, and each step's data." />
      {/* The list reads its filters from the query string, which needs a Suspense boundary. */}
      <Suspense fallback={<Skeleton className="h-64" />}>
        <TaskHistory projectId={projectId} />
      </Suspense>
    </div>
  );
}
