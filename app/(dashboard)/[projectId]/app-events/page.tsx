import type { Metadata } from "next";
import Link from "next/link";
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
            <code className="font-mono text-xs break-all">POST /projects/{projectId}/sdk/events/trigger</code> (this project&apos;s own path; the
            user&apos;s token signs it, see <Link href={`/${projectId}/settings?tab=sdk`} className="underline underline-offset-2">SDK setup</Link>). Each
            starts every deployed workflow that listens to it.
          </>
        }
      />
      <AppEventsTable projectId={projectId} />
    </div>
  );
}
