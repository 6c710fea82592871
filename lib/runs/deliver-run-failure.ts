import "server-only";
import { createHmac } from "node:crypto";
import { openSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { assertUrlAllowed } from "@/lib/engine/request-guard";
import { requestAllowHosts } from "./advance-run";

/** A destination that answered anything but 2xx this many times in a row is switched off. */
export const MAX_CONSECUTIVE_FAILURES = 20;
const DELIVERY_TIMEOUT_MS = 10_000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, so receivers can check origin and freshness. */
export function signDelivery(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

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
  const status = await post(destination.url, body, signDelivery(openSecret(destination.encryptedSecret), body, Math.floor(Date.now() / 1000)));
  const ok = status >= 200 && status < 300;
  const failures = ok ? 0 : destination.consecutiveFailures + 1;
  const disable = failures >= MAX_CONSECUTIVE_FAILURES;
  await db.notificationDestination.updateMany({
    where: { id: destination.id, projectId: destination.projectId },
    data: { consecutiveFailures: ok ? 0 : { increment: 1 }, lastDeliveryAt: new Date(), lastStatus: status, ...(disable ? { enabled: false, disabledAt: new Date() } : {}) },
  });
}

/** The HTTP status, or 0 when there was none (refused address, network error, timeout). */
async function post(url: string, body: string, signature: string): Promise<number> {
  try {
    await assertUrlAllowed(url, { allowHosts: requestAllowHosts() });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Switchyard", "switchyard-signature": signature },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}
