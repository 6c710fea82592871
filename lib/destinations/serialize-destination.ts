import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { TDestination } from "@/lib/schemas/destination";

/** Never the sealed secret: it leaves the server once, in the answer to the create call. */
export const destinationSelect = {
  id: true,
  name: true,
  url: true,
  enabled: true,
  consecutiveFailures: true,
  disabledAt: true,
  lastDeliveryAt: true,
  lastStatus: true,
  createdAt: true,
} satisfies Prisma.NotificationDestinationSelect;

export function serializeDestination(
  row: Prisma.NotificationDestinationGetPayload<{ select: typeof destinationSelect }>,
): TDestination {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    enabled: row.enabled,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    lastDeliveryAt: row.lastDeliveryAt?.toISOString() ?? null,
    lastStatus: row.lastStatus,
    createdAt: row.createdAt.toISOString(),
  };
}
