import type { Metadata } from "next";
import { Suspense } from "react";
import { EventLog } from "@/components/events/event-log";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Event Log" };

export default async function EventLogPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <div>
      <PageHeader
        title="Event Log"
        description="Every App Event and webhook delivery received, for which user, whether it was valid, and the runs it started."
      />
      {/* The log reads its filters from the query string, which needs a Suspense boundary. */}
      <Suspense fallback={<Skeleton className="h-64" />}>
        <EventLog projectId={projectId} />
      </Suspense>
    </div>
  );
}
