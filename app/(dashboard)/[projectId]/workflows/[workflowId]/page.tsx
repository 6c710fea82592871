import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { WorkflowEditor } from "@/components/workflow-editor/workflow-editor";
import { listAppEvents } from "@/lib/app-events/list-app-events";
import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/http/errors";
import { resolveProjectAccess } from "@/lib/projects/resolve-project-access";
import { getWorkflow } from "@/lib/workflows/get-workflow";

export const metadata: Metadata = { title: "Edit workflow" };

/**
 * The editor's data comes with the page (the client would otherwise ask for it only after hydrating,
 * a round trip later); the client keeps it fresh through React Query as usual.
 */
export default async function WorkflowEditorPage({ params }: { params: Promise<{ projectId: string; workflowId: string }> }) {
  const { projectId, workflowId } = await params;
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  // Pages render alongside their layout, so this page checks access itself before reading anything.
  await resolveProjectAccess({ kind: "builder", builderId: session.user.id }, projectId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
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
