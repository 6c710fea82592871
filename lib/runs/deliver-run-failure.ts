import "server-only";
import { openSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { postSignedEvent } from "@/lib/destinations/post-signed-event";
import { DESTINATION_FAILURE_LIMIT } from "@/lib/schemas/destination";

export { signDelivery } from "@/lib/destinations/post-signed-event";

export async function deliverRunFailure(options: { destinationId: string; runId: string }): Promise<void> {
  const destination = await db.notificationDestination.findFirst({ where: { id: options.destinationId, enabled: true } });
  if (!destination) return;
  const run = await db.run.findFirst({
    where: { id: options.runId, projectId: destination.projectId },
    select: {
      id: true, status: true, error: true, triggerType: true, createdAt: true, finishedAt: true,
      workflow: { select: { id: true, name: true } },
      workflowVersion: { select: { version: true } },
      connectedUser: { select: { externalId: true } },
    },
  });
  if (!run) return;
  const body = JSON.stringify({
    type: "run.failed",
    projectId: destination.projectId,
    run: {
      id: run.id,
      status: run.status,
      error: run.error,
      triggerType: run.triggerType,
      workflow: { id: run.workflow.id, name: run.workflow.name, version: run.workflowVersion.version },
      userId: run.connectedUser?.externalId ?? null,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
    },
  });
  const status = await postSignedEvent({ url: destination.url, secret: openSecret(destination.encryptedSecret), body });
  const ok = status >= 200 && status < 300;
  const failures = ok ? 0 : destination.consecutiveFailures + 1;
  // A destination that answered anything but 2xx this many times in a row is switched off.
  const disable = failures >= DESTINATION_FAILURE_LIMIT;
  await db.notificationDestination.updateMany({
    where: { id: destination.id, projectId: destination.projectId },
    data: { consecutiveFailures: ok ? 0 : { increment: 1 }, lastDeliveryAt: new Date(), lastStatus: status, ...(disable ? { enabled: false, disabledAt: new Date() } : {}) },
  });
}
