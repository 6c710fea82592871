import "server-only";
import { openSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TTestDeliveryResult } from "@/lib/schemas/destination";
import { postSignedEvent } from "./post-signed-event";

/**
 * Sends `{ type: "test" }` now, signed like a real delivery. It works on a switched-off destination too
 * (to check a fix before re-enabling) and leaves the failure count and last delivery alone.
 */
export async function sendTestDelivery(options: { projectId: string; destinationId: string }): Promise<TTestDeliveryResult> {
  const destination = await db.notificationDestination.findFirst({
    where: { id: options.destinationId, projectId: options.projectId },
    select: { id: true, name: true, url: true, encryptedSecret: true },
  });
  if (!destination) throw notFound("Destination");
  const body = JSON.stringify({
    type: "test",
    projectId: options.projectId,
    destination: { id: destination.id, name: destination.name },
    sentAt: new Date().toISOString(),
  });
  const status = await postSignedEvent({ url: destination.url, secret: openSecret(destination.encryptedSecret), body });
  return { status };
}
