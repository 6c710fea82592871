import type { Metadata } from "next";
import { WorkflowsList } from "@/components/workflows/workflows-list";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <WorkflowsList projectId={projectId} />;
}
