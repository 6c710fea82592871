import type { Metadata } from "next";
import { WorkflowEditor } from "@/components/workflow-editor/workflow-editor";

export const metadata: Metadata = { title: "Edit workflow" };

export default async function WorkflowEditorPage({ params }: { params: Promise<{ projectId: string; workflowId: string }> }) {
  const { projectId, workflowId } = await params;
  return <WorkflowEditor projectId={projectId} workflowId={workflowId} />;
}
