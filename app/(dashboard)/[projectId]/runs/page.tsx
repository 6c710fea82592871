import type { Metadata } from "next";
import { Suspense } from "react";
import { TaskHistory } from "@/components/runs/task-history";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requireProjectPageAccess } from "@/lib/projects/require-project-page-access";
import { listRuns } from "@/lib/runs/list-runs";
import { ZRunListQuery } from "@/lib/schemas/run";

export const metadata: Metadata = { title: "Task History" };

/**
 * The unfiltered list's first page comes with the page (its rows are in the HTML); filtered views, later pages
 * and the refreshes while runs are live are fetched by the browser.
 */
export default async function TaskHistoryPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { projectId } = await params;
  const query = await searchParams;
  await requireProjectPageAccess(projectId);
  const initialPage = Object.keys(query).length > 0 ? undefined : await listRuns({ projectId, ...ZRunListQuery.parse({}) });
  return (
    <div>
      <PageHeader title="Task History" description="Every workflow run, step by step: what started it, the path it took, and each step's data." />
      {/* The list reads its filters from the query string, which needs a Suspense boundary. */}
      <Suspense fallback={<Skeleton className="h-64" />}>
        <TaskHistory projectId={projectId} initialPage={initialPage} />
      </Suspense>
    </div>
  );
}
