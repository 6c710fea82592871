import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";

/** Deliveries already queued for it find nothing to deliver to and end quietly. */
export async function deleteDestination(options: { projectId: string; destinationId: string }): Promise<void> {
  const deleted = await db.notificationDestination.deleteMany({ where: { id: options.destinationId, projectId: options.projectId } });
  if (deleted.count === 0) throw notFound("Destination");
}
