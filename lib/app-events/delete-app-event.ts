import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { announceConfigChange } from "@/lib/sdk-config/config-changes";
import { workflowsPhrase } from "./app-event-conflicts";
import { findDeployedWorkflows } from "./serialize-app-event";

/**
 * Refused while deployed workflows use the event: they would never start again. Drafts that name it
 * are left as they are; deploying them reports that the App Event no longer exists.
 */
export async function deleteAppEvent(options: { projectId: string; appEventId: string }): Promise<void> {
  const { projectId, appEventId } = options;
  const where = { id: appEventId, projectId };
  await db.$transaction(async (tx) => {
    const current = await tx.appEvent.findFirst({ where, select: { name: true } });
    if (!current) throw notFound("App Event");
    const deployed = await findDeployedWorkflows(tx, projectId, appEventId);
    if (deployed.length > 0) {
      throw new AppError(
        "conflict",
        `“${current.name}” cannot be deleted: it starts ${workflowsPhrase(deployed)}. Undeploy them or give them another trigger first.`,
        { details: { deployedWorkflows: deployed } },
      );
    }
    await tx.appEvent.deleteMany({ where });
    await announceConfigChange(tx, projectId);
  });
}
