import "server-only";
import { openSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TTestDeliveryResult } from "@/lib/schemas/destination";
import { sendSignedEvent } from "./post-signed-event";
import { destinationSelect, serializeDestination } from "./serialize-destination";

/**
 * Sends `{ type: "test" }` now, signed like a real delivery, and records it as the last delivery. It works
 * on a switched-off destination too (to check a fix before re-enabling) and leaves the failure count and
 * the switched-off state alone: only real deliveries count towards switching a destination off.
 */
export async function sendTestDelivery(options: { projectId: string; destinationId: string }): Promise<TTestDeliveryResult> {
  const where = { id: options.destinationId, projectId: options.projectId };
  const destination = await db.notificationDestination.findFirst({ where, select: { id: true, name: true, url: true, encryptedSecret: true } });
  if (!destination) throw notFound("Destination");
  const body = JSON.stringify({
    type: "test",
    projectId: options.projectId,
    destination: { id: destination.id, name: destination.name },
    sentAt: new Date().toISOString(),
  });
  const attempt = await sendSignedEvent({ url: destination.url, secret: openSecret(destination.encryptedSecret), body });
  await db.notificationDestination.updateMany({ where, data: { lastDeliveryAt: new Date(), lastStatus: attempt.status } });
  // Deleted while the test was on its way: there is no destination left to show it on.
  const row = await db.notificationDestination.findFirst({ where, select: destinationSelect });
  if (!row) throw notFound("Destination");
  return { ...attempt, destination: serializeDestination(row) };
}
