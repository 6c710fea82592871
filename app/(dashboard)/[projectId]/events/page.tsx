import type { Metadata } from "next";
import { Suspense } from "react";
import { EventLog } from "@/components/events/event-log";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { listEvents } from "@/lib/events/list-events";
import { requireProjectPageAccess } from "@/lib/projects/require-project-page-access";
import { ZListEventsQuery } from "@/lib/schemas/event-log";

export const metadata: Metadata = { title: "Event Log" };

/**
 * The unfiltered log's first page comes with the page (its rows are in the HTML); filtered views, later pages
 * and the refreshes are fetched by the browser.
 */
export default async function EventLogPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { projectId } = await params;
  const query = await searchParams;
  await requireProjectPageAccess(projectId);
  // ?event= opens one event's drawer; it is not a filter.
  const filtered = Object.keys(query).some((key) => key !== "event");
  const initialPage = filtered ? undefined : await listEvents({ projectId, ...ZListEventsQuery.parse({}) });
  return (
    <div>
      <PageHeader
        title="Event Log"
        description="Every App Event and webhook delivery received, for which user, whether it was valid, and the runs it started."
      />
      {/* The log reads its filters from the query string, which needs a Suspense boundary. */}
      <Suspense fallback={<Skeleton className="h-64" />}>
        <EventLog projectId={projectId} initialPage={initialPage} />
      </Suspense>
    </div>
  );
}
