// Seed factories for engine tests: an app event, a deployed workflow on it, a connected user.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { type TWorkflowGraph, ZWorkflowGraph } from "@/lib/schemas/workflow";
import { deployedTriggerColumns } from "@/lib/workflows/deployed-trigger";

export async function createTestAppEvent(projectId: string, name = `Event ${randomUUID().slice(0, 6)}`) {
  return db.appEvent.create({
    data: { projectId, name, example: { name: "Brandon", email: "brandon@example.com" }, jsonSchema: {} },
    select: { id: true, name: true },
  });
}

/** Creates a workflow whose draft is `graph` and deploys it as version 1. */
export async function createDeployedWorkflow(options: { projectId: string; graph: unknown; enabledForAllUsers?: boolean; name?: string }) {
  const graph: TWorkflowGraph = ZWorkflowGraph.parse(options.graph);
  const workflow = await db.workflow.create({
    data: { projectId: options.projectId, name: options.name ?? "Test workflow", draft: graph as object, enabledForAllUsers: options.enabledForAllUsers ?? true },
    select: { id: true },
  });
  const version = await db.workflowVersion.create({
    data: { projectId: options.projectId, workflowId: workflow.id, version: 1, graph: graph as object },
    select: { id: true },
  });
  await db.workflow.update({
    where: { id: workflow.id },
    data: {
      deployedVersionId: version.id,
      ...deployedTriggerColumns(workflow.id, graph.trigger),
    },
  });
  return { workflowId: workflow.id, versionId: version.id };
}

export async function createTestUser(projectId: string, externalId = `user-${randomUUID().slice(0, 8)}`, metadata: object = {}) {
  return db.connectedUser.create({ data: { projectId, externalId, metadata }, select: { id: true, externalId: true } });
}
