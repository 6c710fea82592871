import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { TDestination, TUpdateDestinationRequest } from "@/lib/schemas/destination";
import { assertDestinationUrlAllowed } from "./resolve-destination-url";
import { destinationSelect, serializeDestination } from "./serialize-destination";

/**
 * Re-enabling starts the failure count afresh; `enabled: true` on a destination that is already on
 * changes nothing, so a rename from a stale form cannot wipe a count that is building up.
 * Pausing by hand leaves disabledAt null: that field says the deliveries switched it off.
 * A new URL is checked like a new destination's, outside the transaction so that no DNS lookup holds it open.
 */
export async function updateDestination(
  options: TUpdateDestinationRequest & { projectId: string; destinationId: string },
): Promise<TDestination> {
  const { projectId, destinationId, name, url, enabled } = options;
  if (url !== undefined) await assertDestinationUrlAllowed(url);
  const where = { id: destinationId, projectId };
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.notificationDestination.updateMany({
      where,
      data: { name, url, ...(enabled === false ? { enabled: false } : {}) },
    });
    if (updated.count === 0) throw notFound("Destination");
    if (enabled === true) {
      await tx.notificationDestination.updateMany({
        where: { ...where, enabled: false },
        data: { enabled: true, consecutiveFailures: 0, disabledAt: null },
      });
    }
    return tx.notificationDestination.findFirstOrThrow({ where, select: destinationSelect });
  });
  return serializeDestination(row);
}
