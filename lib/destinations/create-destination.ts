import "server-only";
import { randomBytes } from "node:crypto";
import { sealSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import type { TCreatedDestination } from "@/lib/schemas/destination";
import { assertDestinationUrlAllowed } from "./resolve-destination-url";
import { destinationSelect, serializeDestination } from "./serialize-destination";

export const DESTINATION_SECRET_PREFIX = "whsec_";

/**
 * The secret is sealed at rest (the worker must read it back to sign) and returned only here. A URL that
 * deliveries would be refused for is refused now, before anything is written.
 */
export async function createDestination(options: { projectId: string; name: string; url: string }): Promise<TCreatedDestination> {
  await assertDestinationUrlAllowed(options.url);
  const secret = `${DESTINATION_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db.notificationDestination.create({
    data: { projectId: options.projectId, name: options.name, url: options.url, encryptedSecret: sealSecret(secret) },
    select: destinationSelect,
  });
  return { ...serializeDestination(row), secret };
}
