import type { Metadata } from "next";
import { WorkflowEditor } from "@/components/workflow-editor/workflow-editor";
import { listAppEvents } from "@/lib/app-events/list-app-events";
import { AppError } from "@/lib/http/errors";
import { requireProjectPageAccess } from "@/lib/projects/require-project-page-access";
import { getWorkflow } from "@/lib/workflows/get-workflow";

export const metadata: Metadata = { title: "Edit workflow" };

/**
 * The editor's data comes with the page (the client would otherwise ask for it only after hydrating,
 * a round trip later); the client keeps it fresh through React Query as usual.
 */
export default async function WorkflowEditorPage({ params }: { params: Promise<{ projectId: string; workflowId: string }> }) {
  const { projectId, workflowId } = await params;
  await requireProjectPageAccess(projectId);
  const [workflow, appEvents] = await Promise.all([
    // An unknown workflow is left to the client, which shows the API's own not-found message.
    getWorkflow({ projectId, workflowId }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    }),
    listAppEvents({ projectId }),
  ]);
  return <WorkflowEditor projectId={projectId} workflowId={workflowId} initialWorkflow={workflow} initialAppEvents={appEvents} />;
}
