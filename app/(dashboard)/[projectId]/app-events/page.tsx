import type { Metadata } from "next";
import { AppEventsTable } from "@/components/app-events/app-events-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "App Events" };

export default async function AppEventsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <div>
      <PageHeader
        title="App Events"
        description={
          <>
            Events your app sends for one of its users, with <code className="font-mono text-xs">switchyard.event(name, payload)</code> or{" "}
            <code className="font-mono text-xs">POST /projects/{"{projectId}"}/sdk/events/trigger</code>. Each starts every deployed workflow that listens to it.
          </>
        }
      />
      <AppEventsTable projectId={projectId} />
    </div>
  );
}
