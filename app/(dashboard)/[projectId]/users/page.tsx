import type { Metadata } from "next";
import { ConnectedUsers } from "@/components/connected-users/connected-users";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Connected Users" };

export default async function ConnectedUsersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <div>
      <PageHeader
        title="Connected Users"
        description={
          <>
            Your app&apos;s users, as their tokens name them. Switching workflows on for a user and their settings come with the Connect Portal; until then,
            the API does it: <code className="font-mono text-xs">PUT /api/v1/projects/{projectId}/users/:userId/workflows/:workflowId</code> (see{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-accent-700 hover:underline">
              the OpenAPI document
            </a>
            ).
          </>
        }
      />
      <ConnectedUsers projectId={projectId} />
    </div>
  );
}
